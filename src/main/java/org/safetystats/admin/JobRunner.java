package org.safetystats.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.safetystats.batch.AcceptedJobParameters;
import org.safetystats.batch.JobLifecycleListener;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

/**
 * Starts a job by name through Spring Batch's {@link JobOperator} (on the batch thread
 * pool) and, for callers that wait, waits for it. Each run is a new job instance (a
 * {@code requestedAt} parameter tells them apart). It knows nothing of locks or audit:
 * {@link AdminService} is the door for admins and the scheduler.
 */
@Service
public class JobRunner {

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final ListableBeanFactory beans;

	private final JobLifecycleListener lifecycle;

	public JobRunner(JobOperator jobOperator, JobRepository jobRepository, ListableBeanFactory beans,
			JobLifecycleListener lifecycle) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.beans = beans;
		this.lifecycle = lifecycle;
	}

	/** Runs a job without parameters and waits for it to end. */
	public JobExecution run(String jobName) throws Exception {
		return run(jobName, new JobParameters());
	}

	/** Runs a job and waits for it to end. */
	public JobExecution run(String jobName, JobParameters parameters) throws Exception {
		return await(start(jobName, parameters), Duration.ofSeconds(10), (progress) -> {
		});
	}

	/**
	 * The parameters a job reads, as its {@link AcceptedJobParameters} says.
	 * @throws UsageException when there is no such job
	 */
	AcceptedJobParameters acceptedParameters(String jobName) {
		List<String> jobs = jobNames();
		if (!jobs.contains(jobName)) {
			throw new UsageException(
					"Unknown job " + RequestFields.text("job", jobName) + "; jobs: " + String.join(", ", jobs));
		}
		return (job(jobName).getJobParametersValidator() instanceof AcceptedJobParameters accepted) ? accepted
				: new AcceptedJobParameters();
	}

	/** The names of the jobs, in order. */
	public List<String> jobNames() {
		return this.beans.getBeansOfType(Job.class).values().stream().map(Job::getName).sorted().toList();
	}

	public Job job(String jobName) {
		return this.beans.getBeansOfType(Job.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.getName().equals(jobName))
			.findFirst()
			.orElseThrow(() -> new UserFacingException(
					"No job named " + jobName + "; jobs: " + String.join(", ", jobNames())));
	}

	/**
	 * An execution as the job repository holds it.
	 * @throws NoSuchExecutionException when there is none with that id
	 */
	public JobExecution execution(long executionId) {
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

	/**
	 * Starts a job and returns at once with its execution; {@code requestedAt} makes it a
	 * new job instance.
	 */
	public JobExecution start(String jobName, JobParameters parameters) throws Exception {
		Job job = job(jobName);
		JobParameters jobParameters = new JobParametersBuilder(parameters)
			.addString(AcceptedJobParameters.REQUESTED_AT, Instant.now().toString())
			.toJobParameters();
		return this.jobOperator.start(job, jobParameters);
	}

	/** Restarts a failed or stopped execution from where it stopped; returns at once. */
	public JobExecution restart(JobExecution execution) throws Exception {
		return this.jobOperator.restart(execution);
	}

	/**
	 * Waits for an execution of this process to end, reporting progress every
	 * {@code every}; returns it as the job repository holds it.
	 */
	public JobExecution await(JobExecution execution, Duration every, Consumer<JobExecution> progress)
			throws InterruptedException {
		long id = execution.getId();
		try {
			while (true) {
				try {
					this.lifecycle.future(id).get(every.toMillis(), TimeUnit.MILLISECONDS);
					break;
				}
				catch (TimeoutException ex) {
					progress.accept(this.jobRepository.getJobExecution(id));
				}
			}
		}
		catch (ExecutionException ex) {
			return abandoned(execution, ex.getCause());
		}
		finally {
			this.lifecycle.forget(id);
		}
		return this.jobRepository.getJobExecution(id);
	}

	/**
	 * An execution whose thread ended without recording its end (see
	 * {@code JobLifecycleListener#abandoned}): UNKNOWN with the exception, as the caller
	 * reports it; the repository keeps it STARTED until the next start recovers it as
	 * FAILED.
	 */
	private JobExecution abandoned(JobExecution execution, Throwable failure) {
		JobExecution ended = execution;
		try {
			JobExecution recorded = this.jobRepository.getJobExecution(execution.getId());
			ended = (recorded != null) ? recorded : execution;
		}
		catch (RuntimeException ex) {
			// the repository is still out of reach: the execution as this process knows
			// it
		}
		ended.setStatus(BatchStatus.UNKNOWN);
		ended.setExitStatus(ExitStatus.UNKNOWN.addExitDescription(failure));
		ended.addFailureException(failure);
		return ended;
	}

}
