package org.safetystats.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.JobLifecycleListener;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.StopRequests;
import org.safetystats.system.UserFacingException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one door through which admins (command line, HTTP) and the scheduler steer the
 * pipeline: run a job now, rerun completed work, restart a failed execution, stop a
 * running one, recover executions a crash left behind. Pipeline jobs run one at a time
 * across every process ({@link PipelineLock}); a second caller is told which execution is
 * running. Every request is recorded in {@code ops.admin_action} with who asked and why.
 */
@Service
public class AdminService {

	private static final Logger logger = LoggerFactory.getLogger(AdminService.class);

	static final Set<String> JOBS = Set.of("ingestJob", "warehouseJob", "nightlyJob");

	private final JobRunner runner;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JobExecutions executions;

	private final PipelineLock lock;

	private final JobLifecycleListener lifecycle;

	private final JdbcClient jdbc;

	private final SafetystatsProperties properties;

	private final StopRequests stopRequests;

	public AdminService(JobRunner runner, JobOperator jobOperator, JobRepository jobRepository,
			JobExecutions executions, PipelineLock lock, JobLifecycleListener lifecycle, JdbcClient jdbc,
			SafetystatsProperties properties, StopRequests stopRequests) {
		this.stopRequests = stopRequests;
		this.runner = runner;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.executions = executions;
		this.lock = lock;
		this.lifecycle = lifecycle;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** Who asks and why. */
	public record Request(String requestedBy, @Nullable String reason) {

	}

	/** Starts a job now; returns at once with its execution. */
	public JobExecution start(String job, Map<String, String> parameters, Request request) throws Exception {
		if (!JOBS.contains(job)) {
			throw new UserFacingException(
					"Unknown job " + job + "; jobs: " + String.join(", ", JOBS.stream().sorted().toList()));
		}
		return underLock("run", job + " " + parameters, request, () -> this.runner.start(job, parameters));
	}

	/**
	 * Rebuilds the warehouse for a unit and/or a range of years (every year with data
	 * when none is given).
	 */
	public JobExecution rerunWarehouse(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear,
			Request request) throws Exception {
		requireReason(request);
		if (fromYear != null && toYear != null && fromYear > toYear) {
			throw new UserFacingException("--from-year " + fromYear + " is after --to-year " + toYear);
		}
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
		return underLock("rerun-warehouse", parameters.toString(), request,
				() -> this.runner.start("warehouseJob", parameters));
	}

	/**
	 * Re-ingests a month from the archive: the current accepted file of each unit (or of
	 * one unit) for that month goes back to the inbox and is validated and loaded again
	 * as a new version, even though its bytes are known.
	 */
	public JobExecution rerunIngest(String period, @Nullable String unit, Request request) throws Exception {
		requireReason(request);
		if (!period.matches("\\d{4}-\\d{2}")) {
			throw new UserFacingException("--period must be YYYY-MM, not " + period);
		}
		return underLock("rerun-ingest", "period=" + period + (unit != null ? " unit=" + unit : ""), request, () -> {
			int copied = restoreFromArchive(period, unit);
			if (copied == 0) {
				throw new UserFacingException("No accepted file for " + period
						+ (unit != null ? " and unit " + unit : "") + " in the archive");
			}
			return this.runner.start("ingestJob", Map.of("reingest", "true", "period", period));
		});
	}

	/** Restarts a failed or stopped execution from where it stopped. */
	public JobExecution restart(long executionId, Request request) throws Exception {
		JobExecution execution = existing(executionId);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new UserFacingException("Execution " + executionId + " is " + execution.getStatus()
					+ ": only a FAILED or STOPPED execution can be restarted");
		}
		return underLock("restart", "execution " + executionId, request, () -> this.runner.restart(execution));
	}

	/**
	 * Asks a running execution to stop after its current chunk; it can be restarted
	 * later.
	 */
	public void stop(long executionId, Request request) throws Exception {
		JobExecution execution = existing(executionId);
		if (!execution.isRunning()) {
			throw new UserFacingException(
					"Execution " + executionId + " is not running (" + execution.getStatus() + ")");
		}
		this.stopRequests.request(executionId);
		record("stop", "execution " + executionId, request, executionId, "STOPPING");
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
		var held = this.lock.tryAcquire();
		if (held.isEmpty()) {
			return 0;
		}
		try (AutoCloseable ignored = held.get()) {
			return recoverOrphansHoldingLock();
		}
	}

	private int recoverOrphansHoldingLock() {
		List<JobExecutions.Execution> orphans = this.executions.running();
		for (JobExecutions.Execution orphan : orphans) {
			JobExecution execution = this.jobRepository.getJobExecution(orphan.id());
			if (execution != null) {
				this.jobOperator.recover(execution);
				logger.warn("Execution {} of {} was left {} by a crash: marked FAILED; `restart {}` resumes it",
						orphan.id(), orphan.job(), orphan.status(), orphan.id());
			}
		}
		return orphans.size();
	}

	@FunctionalInterface
	private interface Launch {

		JobExecution launch() throws Exception;

	}

	/**
	 * Does a short admin action (publish, approve, refuse) now, under the pipeline lock
	 * so that no job moves the data meanwhile, on record like every other request.
	 */
	<T> T underLockNow(String action, String parameters, Request request, java.util.concurrent.Callable<T> work)
			throws Exception {
		try (AutoCloseable ignored = acquire(action, parameters, request)) {
			T done = work.call();
			record(action, parameters, request, null, "DONE");
			return done;
		}
		catch (UserFacingException ex) {
			if (!(ex instanceof AlreadyRunningException)) {
				record(action, parameters, request, null, "REFUSED");
			}
			throw ex;
		}
	}

	private AutoCloseable acquire(String action, String parameters, Request request) throws Exception {
		var held = this.lock.tryAcquire();
		if (held.isEmpty()) {
			JobExecutions.Execution running = this.executions.running().stream().findFirst().orElse(null);
			Long runningId = (running != null) ? running.id() : null;
			record(action, parameters, request, runningId, "ALREADY_RUNNING");
			throw new AlreadyRunningException(runningId, (running != null) ? running.job() : null);
		}
		return held.get();
	}

	private JobExecution underLock(String action, String parameters, Request request, Launch launch) throws Exception {
		AutoCloseable lock = acquire(action, parameters, request);
		try {
			recoverOrphansHoldingLock();
			JobExecution execution = launch.launch();
			this.lifecycle.holdUntilEnd(execution.getId(), lock);
			record(action, parameters, request, execution.getId(), "STARTED");
			return execution;
		}
		catch (Exception | Error ex) {
			lock.close();
			throw ex;
		}
	}

	private int restoreFromArchive(String period, @Nullable String unit) throws IOException {
		List<Map<String, Object>> files = this.jdbc.sql("""
				SELECT file_name, stored_as FROM ops.submission
				WHERE status = 'LOADED' AND period = :period AND (CAST(:unit AS text) IS NULL OR unit_code = :unit)
				ORDER BY unit_code
				""").param("period", period).param("unit", unit).query().listOfRows();
		int copied = 0;
		for (Map<String, Object> file : files) {
			Path source = this.properties.archive().resolve((String) file.get("stored_as"));
			Path target = this.properties.inbox().resolve((String) file.get("file_name"));
			if (Files.exists(target)) {
				logger.info("{} is already in the inbox (a newer upload): it is ingested instead of the archived copy",
						target.getFileName());
				continue;
			}
			Files.createDirectories(target.getParent());
			Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
			copied++;
		}
		return copied;
	}

	private JobExecution existing(long executionId) {
		JobExecution execution = this.jobRepository.getJobExecution(executionId);
		if (execution == null) {
			throw new UserFacingException("No job execution " + executionId);
		}
		return execution;
	}

	private static void requireReason(Request request) {
		if (request.reason() == null || request.reason().isBlank()) {
			throw new UserFacingException("A rerun needs a reason (--reason)");
		}
	}

	private void record(String action, String parameters, Request request, @Nullable Long executionId, String outcome) {
		this.jdbc.sql("""
				INSERT INTO ops.admin_action (requested_by, action, parameters, reason, job_execution_id, outcome)
				VALUES (:by, :action, :parameters, :reason, :execution, :outcome)
				""")
			.param("by", request.requestedBy())
			.param("action", action)
			.param("parameters", parameters)
			.param("reason", request.reason())
			.param("execution", executionId)
			.param("outcome", outcome)
			.update();
	}

}
