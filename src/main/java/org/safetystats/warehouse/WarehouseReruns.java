package org.safetystats.warehouse;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UsageException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

/**
 * An admin's rebuild of the warehouse for a unit and/or a range of years (every year with
 * data when none is given), from the command line, the HTTP API or the console: through
 * the admin service, so on record with its reason and one run at a time.
 */
@Service
public class WarehouseReruns {

	private final AdminService admin;

	WarehouseReruns(AdminService admin) {
		this.admin = admin;
	}

	/** Starts the rebuild; returns at once with its execution. */
	public JobExecution rerun(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear,
			AdminService.Request request) throws Exception {
		String asked = "unit=" + unit + " fromYear=" + fromYear + " toYear=" + toYear;
		return this.admin.startWithReason("rerun-warehouse", asked, request, () -> checkRange(unit, fromYear, toYear),
				() -> new AdminService.JobStart(WarehouseJob.NAME, WarehouseJob
					.parameters(unit == null && fromYear == null && toYear == null, fromYear, toYear, unit)));
	}

	/** A unit and a range of years to rebuild, each optional. */
	static void checkRange(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear) {
		RequestFields.unit("unit", unit);
		if (fromYear != null) {
			RequestFields.year("fromYear", fromYear.toString());
		}
		if (toYear != null) {
			RequestFields.year("toYear", toYear.toString());
		}
		if (fromYear != null && toYear != null && fromYear > toYear) {
			throw new UsageException("--from-year " + fromYear + " is after --to-year " + toYear);
		}
	}

}
