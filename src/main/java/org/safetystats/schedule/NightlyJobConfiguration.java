package org.safetystats.schedule;

import org.safetystats.batch.JobLifecycleListener;
import org.safetystats.ingest.IngestJob;
import org.safetystats.warehouse.WarehouseJob;

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

	@Bean(NightlyJob.NAME)
	Job nightlyJob(JobRepository jobRepository, JobLifecycleListener lifecycle,
			@Qualifier(IngestJob.SYNC_REFERENCE) Step syncReference,
			@Qualifier(IngestJob.FINISH_PENDING_MOVES) Step finishPendingMoves,
			@Qualifier(IngestJob.INGEST_SUBMISSIONS) Step ingestSubmissions,
			@Qualifier(WarehouseJob.PLAN_BUILD) Step planBuild, @Qualifier(WarehouseJob.BUILD_SLICES) Step buildSlices,
			@Qualifier(WarehouseJob.RECORD_BUILD) Step recordBuild,
			@Qualifier(WarehouseJob.REFRESH_COMPLETENESS) Step refreshCompleteness) {
		return new JobBuilder(NightlyJob.NAME, jobRepository).listener(lifecycle)
			.validator(WarehouseJob.PARAMETERS)
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
