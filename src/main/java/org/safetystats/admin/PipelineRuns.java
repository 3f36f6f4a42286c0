package org.safetystats.admin;

import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.JobLifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Launches pipeline work for {@link AdminService} under the {@link PipelineLock}: refuses
 * with the running execution when the lock is taken, recovers executions a crash left
 * behind, hands the lock to the run once it started (so that nothing after the launch, a
 * failed audit record included, can release it while the run goes on), and records the
 * outcome.
 */
@Component
class PipelineRuns {

	private static final Logger logger = LoggerFactory.getLogger(PipelineRuns.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JobExecutions executions;

	private final PipelineLock lock;

	private final JobLifecycleListener lifecycle;

	/** Who marks an orphan FAILED, in {@code ops.admin_action}. */
	static final String RECOVERY = "system:recovery";

	private final AuditedRequests audited;

	PipelineRuns(JobOperator jobOperator, JobRepository jobRepository, JobExecutions executions, PipelineLock lock,
			JobLifecycleListener lifecycle, AuditedRequests audited) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.executions = executions;
		this.lock = lock;
		this.lifecycle = lifecycle;
		this.audited = audited;
	}

	/**
	 * Marks executions a crash left STARTED as FAILED (so they can be restarted), when no
	 * process holds the pipeline lock; returns how many.
	 */
	int recoverOrphans() throws Exception {
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
				this.audited.record(RECOVERY, "recover", "execution " + orphan.id() + " of " + orphan.job(), null,
						orphan.id(), "MARKED_FAILED",
						"left " + orphan.status() + " by a crash, no process holding the pipeline lock; `restart "
								+ orphan.id() + "` resumes it");
			}
		}
		return orphans.size();
	}

	@FunctionalInterface
	interface Launch {

		JobExecution launch() throws Exception;

	}

	JobExecution underLock(String action, String parameters, AdminService.Request request, Launch launch)
			throws Exception {
		AutoCloseable lock = acquire(action, parameters, request);
		JobExecution execution;
		try {
			recoverOrphansHoldingLock();
			execution = launch.launch();
		}
		catch (Exception | Error ex) {
			// A launch that failed half-way may still have a run going here: it keeps the
			// lock.
			Long running = this.lifecycle.runningHere().stream().findFirst().orElse(null);
			if (running != null) {
				this.lifecycle.holdUntilEnd(running, lock);
			}
			else {
				lock.close();
			}
			throw ex;
		}
		// From here the run owns the lock: nothing but its end releases it (a failed
		// record included).
		this.lifecycle.holdUntilEnd(execution.getId(), lock);
		record(action, parameters, request, execution.getId(), "STARTED");
		return execution;
	}

	/**
	 * A short action done now, holding the lock only while it runs, recorded as DONE.
	 */
	<T> T underLockNow(String action, String parameters, AdminService.Request request, Callable<T> work)
			throws Exception {
		try (AutoCloseable ignored = acquire(action, parameters, request)) {
			T done = work.call();
			record(action, parameters, request, null, "DONE");
			return done;
		}
	}

	private AutoCloseable acquire(String action, String parameters, AdminService.Request request) throws Exception {
		var held = this.lock.tryAcquire();
		if (held.isEmpty()) {
			JobExecutions.Execution running = this.executions.running().stream().findFirst().orElse(null);
			Long runningId = (running != null) ? running.id() : null;
			record(action, parameters, request, runningId, "ALREADY_RUNNING");
			throw new AlreadyRunningException(runningId, (running != null) ? running.job() : null);
		}
		return held.get();
	}

	void record(String action, String parameters, AdminService.Request request, @Nullable Long executionId,
			String outcome) {
		this.audited.record(request.requestedBy(), action, parameters, request.reason(), executionId, outcome, null);
	}

}
