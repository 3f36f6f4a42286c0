package org.safetystats.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.safetystats.system.UserFacingException;
import org.safetystats.system.JobLifecycleListener;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
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

	/** Runs a job and waits for it to end. */
	public JobExecution run(String jobName, Map<String, String> parameters) throws Exception {
		return await(start(jobName, parameters), Duration.ofSeconds(10), (progress) -> {
		});
	}

	public Job job(String jobName) {
		return this.beans.getBeansOfType(Job.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.getName().equals(jobName))
			.findFirst()
			.orElseThrow(() -> new UserFacingException("No job named " + jobName + "; jobs: " + String.join(", ",
					this.beans.getBeansOfType(Job.class).values().stream().map(Job::getName).sorted().toList())));
	}

	/** Starts a job and returns at once with its execution. */
	public JobExecution start(String jobName, Map<String, String> parameters) throws Exception {
		Job job = job(jobName);
		JobParametersBuilder builder = new JobParametersBuilder();
		parameters.forEach(builder::addString);
		builder.addString("requestedAt", Instant.now().toString());
		JobParameters jobParameters = builder.toJobParameters();
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
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			this.lifecycle.forget(id);
		}
		return this.jobRepository.getJobExecution(id);
	}

}
