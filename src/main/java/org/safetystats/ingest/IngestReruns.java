package org.safetystats.ingest;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UserFacingException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Service;

/**
 * An admin's way back to files already accepted, from the command line, the HTTP API or
 * the console: a month re-ingested from the archive, or an earlier version restored.
 * Through the admin service, so on record with its reason and one run at a time; the
 * files are copied back under the pipeline lock.
 */
@Service
public class IngestReruns {

	private final AdminService admin;

	private final ArchivedFiles archive;

	IngestReruns(AdminService admin, ArchivedFiles archive) {
		this.admin = admin;
		this.archive = archive;
	}

	/**
	 * Re-ingests a month from the archive: the current accepted file of each unit (or of
	 * one unit) for that month goes back to the inbox and is validated and loaded again
	 * as a new version, even though its bytes are known.
	 */
	public JobExecution rerunMonth(@Nullable String period, @Nullable String unit, AdminService.Request request)
			throws Exception {
		String asked = "period=" + period + (unit != null ? " unit=" + unit : "");
		return this.admin.startWithReason("rerun-ingest", asked, request, () -> {
			RequestFields.period("period", period);
			RequestFields.unit("unit", unit);
		}, () -> {
			List<String> copied = this.archive.restoreMonth(period, unit);
			if (copied.isEmpty()) {
				throw new UserFacingException("No accepted file for " + period
						+ (unit != null ? " and unit " + unit : "") + " in the archive");
			}
			// only the files restored load again; any other file of the inbox is ingested
			// as usual
			return new AdminService.JobStart(IngestJob.NAME, IngestJob.reingest(period, copied));
		});
	}

	/**
	 * Restores an earlier (superseded) version of a unit-month: its archived file loads
	 * again as the new current version. Re-sending its bytes is only a duplicate; this is
	 * the explicit way back.
	 */
	public JobExecution restoreVersion(long submissionId, AdminService.Request request) throws Exception {
		return this.admin.startWithReason("restore", "submission " + submissionId, request, () -> {
		}, () -> {
			ArchivedFiles.Restored restored = this.archive.restoreVersion(submissionId);
			return new AdminService.JobStart(IngestJob.NAME,
					IngestJob.reingest(restored.period(), List.of(restored.fileName())));
		});
	}

}
