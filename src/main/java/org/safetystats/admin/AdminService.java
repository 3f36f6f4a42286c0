package org.safetystats.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopRequests;
import org.safetystats.ingest.ArchivedFiles;
import org.safetystats.ingest.FilesNotLoaded;
import org.safetystats.ingest.IngestJob;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.WarehouseJob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Service;

/**
 * The one door through which admins (command line, HTTP) and the scheduler steer the
 * pipeline: run a job now, rerun completed work, restart a failed execution, stop a
 * running one, recover executions a crash left behind. Pipeline jobs run one at a time
 * across every process ({@link PipelineLock}); a second caller is told which execution is
 * running. Every field is checked first ({@link RequestFields}); every request is
 * recorded in {@code ops.admin_action} with who asked, why and its outcome, refusals
 * included.
 */
@Service
public class AdminService {

	private final JobRunner runner;

	private final PipelineRuns runs;

	private final StopRequests stopRequests;

	private final AuditedRequests audited;

	private final ArchivedFiles archive;

	private final FilesNotLoaded notLoaded;

	AdminService(JobRunner runner, PipelineRuns runs, StopRequests stopRequests, AuditedRequests audited,
			ArchivedFiles archive, FilesNotLoaded notLoaded) {
		this.runner = runner;
		this.runs = runs;
		this.stopRequests = stopRequests;
		this.audited = audited;
		this.archive = archive;
		this.notLoaded = notLoaded;
	}

	/**
	 * The files an execution's ingest rejected or found to be duplicates, named with
	 * their first error and error report (none for a warehouse job).
	 */
	public List<String> filesNotLoaded(long executionId) {
		return this.notLoaded.of(executionId);
	}

	/** Who asks and why. */
	public record Request(String requestedBy, @Nullable String reason) {

		/** A request typed at the command line, by the user the command runs as. */
		public static Request byCurrentUser(@Nullable String reason) {
			return new Request("cli:" + System.getProperty("user.name", "unknown"), reason);
		}

	}

	/**
	 * Starts a job now with parameters as written by a caller (HTTP, schedule file,
	 * {@code run --param}), each checked and typed by {@link RequestFields}; returns at
	 * once with its execution.
	 */
	public JobExecution start(String job, Map<String, String> parameters, Request request) throws Exception {
		String asked = job + " " + parameters;
		return this.audited.call("run", asked, request, () -> {
			JobParameters typed = JobParameterFields.typed(job, this.runner.acceptedParameters(job), parameters);
			return this.runs.underLock("run", asked, request, () -> this.runner.start(job, typed));
		});
	}

	/**
	 * Starts a job now with parameters already typed and checked (a command's options).
	 */
	public JobExecution start(String job, JobParameters parameters, Request request) throws Exception {
		String asked = job + " " + parameters.parameters().stream().map((p) -> p.name() + "=" + p.value()).toList();
		return this.audited.call("run", asked, request, () -> {
			JobParameterFields.names(job, this.runner.acceptedParameters(job), parameters);
			return this.runs.underLock("run", asked, request, () -> this.runner.start(job, parameters));
		});
	}

	/**
	 * Rebuilds the warehouse for a unit and/or a range of years (every year with data
	 * when none is given).
	 */
	public JobExecution rerunWarehouse(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear,
			Request request) throws Exception {
		String asked = "unit=" + unit + " fromYear=" + fromYear + " toYear=" + toYear;
		return this.audited.callWithReason("rerun-warehouse", asked, request, () -> {
			JobParameterFields.yearRange(unit, fromYear, toYear);
			JobParameters parameters = WarehouseJob.parameters(unit == null && fromYear == null && toYear == null,
					fromYear, toYear, unit);
			return this.runs.underLock("rerun-warehouse", asked, request,
					() -> this.runner.start(WarehouseJob.NAME, parameters));
		});
	}

	/**
	 * Re-ingests a month from the archive: the current accepted file of each unit (or of
	 * one unit) for that month goes back to the inbox and is validated and loaded again
	 * as a new version, even though its bytes are known.
	 */
	public JobExecution rerunIngest(@Nullable String period, @Nullable String unit, Request request) throws Exception {
		String asked = "period=" + period + (unit != null ? " unit=" + unit : "");
		return this.audited.callWithReason("rerun-ingest", asked, request, () -> {
			RequestFields.period("period", period);
			RequestFields.unit("unit", unit);
			return this.runs.underLock("rerun-ingest", asked, request, () -> {
				List<String> copied = this.archive.restoreMonth(period, unit);
				if (copied.isEmpty()) {
					throw new UserFacingException("No accepted file for " + period
							+ (unit != null ? " and unit " + unit : "") + " in the archive");
				}
				// only the files restored load again; any other file of the inbox is
				// ingested as usual
				return this.runner.start(IngestJob.NAME, IngestJob.reingest(period, copied));
			});
		});
	}

	/**
	 * Restores an earlier (superseded) version of a unit-month: its archived file loads
	 * again as the new current version. Re-sending its bytes is only a duplicate; this is
	 * the explicit way back.
	 */
	public JobExecution restoreVersion(long submissionId, Request request) throws Exception {
		String asked = "submission " + submissionId;
		return this.audited.callWithReason("restore", asked, request, () -> {
			return this.runs.underLock("restore", asked, request, () -> {
				ArchivedFiles.Restored restored = this.archive.restoreVersion(submissionId);
				return this.runner.start(IngestJob.NAME,
						IngestJob.reingest(restored.period(), List.of(restored.fileName())));
			});
		});
	}

	/** Restarts a failed or stopped execution from where it stopped. */
	public JobExecution restart(long executionId, Request request) throws Exception {
		return this.audited.call("restart", "execution " + executionId, request, () -> {
			JobExecution execution = this.runner.execution(executionId);
			if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
				throw new UserFacingException("Execution " + executionId + " is " + execution.getStatus()
						+ ": only a FAILED or STOPPED execution can be restarted");
			}
			return this.runs.underLock("restart", "execution " + executionId, request,
					() -> this.runner.restart(execution));
		});
	}

	/**
	 * Asks a running execution to stop after its current chunk; it can be restarted
	 * later.
	 * @throws UserFacingException when it is not running, or the request did not take
	 * (the execution ended meanwhile, or its job kept writing its record)
	 */
	public void stop(long executionId, Request request) throws Exception {
		this.audited.call("stop", "execution " + executionId, request, () -> {
			JobExecution execution = this.runner.execution(executionId);
			if (!execution.isRunning()) {
				throw new UserFacingException(
						"Execution " + executionId + " is not running (" + execution.getStatus() + ")");
			}
			if (!this.stopRequests.request(executionId)) {
				throw new UserFacingException("Execution " + executionId + " could not be asked to stop (now "
						+ this.runner.execution(executionId).getStatus()
						+ "); see `status`, and try again if it still runs");
			}
			this.runs.record("stop", "execution " + executionId, request, executionId, "STOPPING");
			return execution;
		});
	}

	/** Waits for an execution started by this process, reporting progress. */
	public JobExecution await(JobExecution execution, Consumer<JobExecution> progress) throws InterruptedException {
		return this.runner.await(execution, Duration.ofSeconds(10), progress);
	}

	/**
	 * Marks executions a crash left STARTED as FAILED (so they can be restarted), when no
	 * process holds the pipeline lock; returns how many.
	 */
	public int recoverOrphans() throws Exception {
		return this.runs.recoverOrphans();
	}

	/**
	 * Does a short admin action (publish, approve, refuse) now, under the pipeline lock
	 * so that no job moves the data meanwhile, on record like every other request.
	 */
	public <T> T underLockNow(String action, String parameters, Request request, Callable<T> work) throws Exception {
		return this.audited.call(action, parameters, request,
				() -> this.runs.underLockNow(action, parameters, request, work));
	}

}
