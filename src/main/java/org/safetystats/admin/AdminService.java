package org.safetystats.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.AuditTrail;
import org.safetystats.system.StopRequests;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
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

	private static final Logger logger = LoggerFactory.getLogger(AdminService.class);

	static final Set<String> JOBS = Set.of("ingestJob", "warehouseJob", "nightlyJob");

	private final JobRunner runner;

	private final JobRepository jobRepository;

	private final PipelineRuns runs;

	private final StopRequests stopRequests;

	private final AuditTrail audit;

	private final ArchivedFiles archive;

	AdminService(JobRunner runner, JobRepository jobRepository, PipelineRuns runs, StopRequests stopRequests,
			AuditTrail audit, ArchivedFiles archive) {
		this.runner = runner;
		this.jobRepository = jobRepository;
		this.runs = runs;
		this.stopRequests = stopRequests;
		this.audit = audit;
		this.archive = archive;
	}

	/** Who asks and why. */
	public record Request(String requestedBy, @Nullable String reason) {

	}

	/** Starts a job now; returns at once with its execution. */
	public JobExecution start(String job, Map<String, String> parameters, Request request) throws Exception {
		return audited("run", job + " " + parameters, request, () -> {
			if (!JOBS.contains(job)) {
				throw new UsageException("Unknown job " + RequestFields.text("job", job) + "; jobs: "
						+ String.join(", ", JOBS.stream().sorted().toList()));
			}
			Map<String, String> checked = RequestFields.jobParameters(job, parameters);
			return this.runs.underLock("run", job + " " + checked, request, () -> this.runner.start(job, checked));
		});
	}

	/**
	 * Rebuilds the warehouse for a unit and/or a range of years (every year with data
	 * when none is given).
	 */
	public JobExecution rerunWarehouse(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear,
			Request request) throws Exception {
		String asked = "unit=" + unit + " fromYear=" + fromYear + " toYear=" + toYear;
		return audited("rerun-warehouse", asked, request, () -> {
			requireReason(request);
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
			return rerunWarehouseChecked(unit, fromYear, toYear, request);
		});
	}

	private JobExecution rerunWarehouseChecked(@Nullable String unit, @Nullable Integer fromYear,
			@Nullable Integer toYear, Request request) throws Exception {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("full", Boolean.toString(unit == null && fromYear == null && toYear == null));
		if (unit != null) {
			parameters.put("unit", unit);
		}
		if (fromYear != null) {
			parameters.put("fromYear", fromYear.toString());
		}
		if (toYear != null) {
			parameters.put("toYear", toYear.toString());
		}
		return this.runs.underLock("rerun-warehouse", parameters.toString(), request,
				() -> this.runner.start("warehouseJob", parameters));
	}

	/**
	 * Re-ingests a month from the archive: the current accepted file of each unit (or of
	 * one unit) for that month goes back to the inbox and is validated and loaded again
	 * as a new version, even though its bytes are known.
	 */
	public JobExecution rerunIngest(@Nullable String period, @Nullable String unit, Request request) throws Exception {
		String asked = "period=" + period + (unit != null ? " unit=" + unit : "");
		return audited("rerun-ingest", asked, request, () -> {
			requireReason(request);
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
				return this.runner.start("ingestJob",
						Map.of("reingest", "true", "period", period, "files", String.join("/", copied)));
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
		return audited("restore", asked, request, () -> {
			requireReason(request);
			return this.runs.underLock("restore", asked, request, () -> {
				Map<String, Object> restored = this.archive.restoreVersion(submissionId);
				return this.runner.start("ingestJob", Map.of("reingest", "true", "period",
						(String) restored.get("period"), "files", (String) restored.get("file_name")));
			});
		});
	}

	/** Restarts a failed or stopped execution from where it stopped. */
	public JobExecution restart(long executionId, Request request) throws Exception {
		return audited("restart", "execution " + executionId, request, () -> {
			JobExecution execution = existing(executionId);
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
	 */
	public void stop(long executionId, Request request) throws Exception {
		audited("stop", "execution " + executionId, request, () -> {
			JobExecution execution = existing(executionId);
			if (!execution.isRunning()) {
				throw new UserFacingException(
						"Execution " + executionId + " is not running (" + execution.getStatus() + ")");
			}
			this.stopRequests.request(executionId);
			this.runs.record("stop", "execution " + executionId, request, executionId, "STOPPING");
			return execution;
		});
	}

	/** Waits for an execution started by this process, reporting progress. */
	public JobExecution await(JobExecution execution, java.util.function.Consumer<JobExecution> progress)
			throws InterruptedException {
		return this.runner.await(execution, java.time.Duration.ofSeconds(10), progress);
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
	<T> T underLockNow(String action, String parameters, Request request, Callable<T> work) throws Exception {
		return audited(action, parameters, request, () -> this.runs.underLockNow(action, parameters, request, work));
	}

	/**
	 * Checks the reason, runs the request, and records a refusal (REFUSED, NOT_FOUND) or
	 * a fault (FAILED) with what the requester was told; ALREADY_RUNNING, STARTED, DONE
	 * and STOPPING are recorded where they happen.
	 */
	private <T> T audited(String action, String parameters, Request request, Callable<T> work) throws Exception {
		try {
			RequestFields.text("reason", request.reason());
			return work.call();
		}
		catch (AlreadyRunningException ex) {
			throw ex;
		}
		catch (UserFacingException ex) {
			this.audit.record(new AuditTrail.Entry(request.requestedBy(), action, parameters, request.reason(), null,
					(ex instanceof NoSuchExecutionException) ? "NOT_FOUND" : "REFUSED", ex.getMessage()));
			throw ex;
		}
		catch (Exception | Error ex) {
			this.audit.record(new AuditTrail.Entry(request.requestedBy(), action, parameters, request.reason(), null,
					"FAILED", ex.toString()));
			throw ex;
		}
	}

	private JobExecution existing(long executionId) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			execution = null;
		}
		if (execution == null) {
			throw new NoSuchExecutionException(executionId);
		}
		return execution;
	}

	private static void requireReason(Request request) {
		if (request.reason() == null || request.reason().isBlank()) {
			throw new UsageException("A rerun or restore needs a reason (--reason)");
		}
	}

}
