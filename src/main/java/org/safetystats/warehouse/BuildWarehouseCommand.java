package org.safetystats.warehouse;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.Executions;
import org.safetystats.warehouse.WarehouseJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * {@code build-warehouse [--full] [--year Y] [--unit CODE] [--as-of YYYY-MM-DD]}:
 * rebuilds the warehouse tables analysts query.
 */
@Command(name = "build-warehouse", mixinStandardHelpOptions = true,
		description = "Rebuild the warehouse: by default only the years and communes whose submissions changed since "
				+ "the last build; each year is replaced in one transaction.")
public class BuildWarehouseCommand implements Callable<Integer> {

	@Option(names = "--full", description = "Rebuild every year that has data")
	private boolean full;

	@Option(names = "--year", paramLabel = "Y", description = "Rebuild this year (all of it, or the unit's communes)")
	private Integer year;

	@Option(names = "--unit", paramLabel = "CODE",
			description = "Rebuild the communes under this unit (every year, or --year)")
	private String unit;

	@Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
			description = "Build as of this day: the months owed and the units \"as now\" are those of that day "
					+ "(default: today in the reporting time zone); a past day reproduces a past report")
	private LocalDate asOf;

	@Override
	public Integer call() throws Exception {
		WarehouseReruns.checkRange(this.unit, this.year, this.year);
		JobParameters parameters = WarehouseJob.parameters(this.full, this.year, this.year, this.unit, this.asOf);
		return Executions.startAndReport(
				(admin) -> admin.start(WarehouseJob.NAME, parameters, AdminService.Request.byCurrentUser(null)));
	}

}
