package org.safetystats.schedule;

import org.safetystats.system.JobLifecycleListener;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The nightly job: ingest the inbox ({@code syncReference}, {@code finishPendingMoves},
 * {@code ingestSubmissions}), rebuild the warehouse slices that changed
 * ({@code planBuild}, {@code buildSlices}, {@code recordBuild}), and refresh completeness
 * ({@code refreshCompleteness}). Each step's counts are kept in the job repository.
 */
@Configuration(proxyBeanMethods = false)
class NightlyJobConfiguration {

	static final String JOB_NAME = "nightlyJob";

	@Bean
	Job nightlyJob(JobRepository jobRepository, JobLifecycleListener lifecycle,
			@Qualifier("syncReference") Step syncReference, @Qualifier("finishPendingMoves") Step finishPendingMoves,
			@Qualifier("ingestSubmissions") Step ingestSubmissions, @Qualifier("planBuild") Step planBuild,
			@Qualifier("buildSlices") Step buildSlices, @Qualifier("recordBuild") Step recordBuild,
			@Qualifier("refreshCompleteness") Step refreshCompleteness) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(lifecycle)
			.start(syncReference)
			.next(finishPendingMoves)
			.next(ingestSubmissions)
			.next(planBuild)
			.next(buildSlices)
			.next(recordBuild)
			.next(refreshCompleteness)
			.build();
	}

}
