package org.safetystats.admin;

import java.time.Instant;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a job now, by name, through Spring Batch's {@link JobOperator}. Each run is a new
 * job instance (a {@code requestedAt} parameter tells them apart); parameters are
 * recorded in the job repository.
 */
@Service
public class JobRunner {

	private final JobOperator jobOperator;

	private final ListableBeanFactory beans;

	public JobRunner(JobOperator jobOperator, ListableBeanFactory beans) {
		this.jobOperator = jobOperator;
		this.beans = beans;
	}

	public JobExecution run(String jobName, Map<String, String> parameters) throws Exception {
		Job job = this.beans.getBeansOfType(Job.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.getName().equals(jobName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No job named " + jobName));
		JobParametersBuilder builder = new JobParametersBuilder();
		parameters.forEach(builder::addString);
		builder.addString("requestedAt", Instant.now().toString());
		JobParameters jobParameters = builder.toJobParameters();
		return this.jobOperator.start(job, jobParameters);
	}

}
