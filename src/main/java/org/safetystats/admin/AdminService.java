package org.safetystats.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopRequests;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UserFacingException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;
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

	private final ObjectProvider<RunNotes> notes;

	AdminService(JobRunner runner, PipelineRuns runs, StopRequests stopRequests, AuditedRequests audited,
			ObjectProvider<RunNotes> notes) {
		this.runner = runner;
		this.runs = runs;
		this.stopRequests = stopRequests;
		this.audited = audited;
		this.notes = notes;
	}

	/**
	 * What the rooms have to say of an execution that ended ({@link RunNotes}): the files
	 * an ingest rejected or found to be duplicates, named with their first error and
	 * error report; nothing for a warehouse job.
	 */
	public List<String> runNotes(long executionId) {
		return this.notes.orderedStream().flatMap((note) -> note.of(executionId).stream()).toList();
	}

	/** What a room's request starts: a job and its parameters. */
	public record JobStart(String job, JobParameters parameters) {
	}

	/**
	 * Runs a room's request that starts a job of its own (a rerun, a restore): on record
	 * under the action's name with the request's reason, which it must give; the fields
	 * checked first ({@code check}, a refusal before the lock), then under the pipeline
	 * lock {@code work}, which may prepare what the job reads (files copied back from the
	 * archive) and says which job to start with which parameters.
	 */
	public JobExecution startWithReason(String action, String asked, Request request, Runnable check,
			Callable<JobStart> work) throws Exception {
		return this.audited.callWithReason(action, asked, request, () -> {
			check.run();
			return this.runs.underLock(action, asked, request, () -> {
				JobStart start = work.call();
				return this.runner.start(start.job(), start.parameters());
			});
		});
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
