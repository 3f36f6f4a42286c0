package org.safetystats.ingest;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.safetystats.batch.AcceptedJobParameters;
import org.safetystats.batch.AcceptedJobParameters.Kind;
import org.safetystats.batch.AcceptedJobParameters.Parameter;
import org.safetystats.batch.JobLifecycleListener;
import org.safetystats.batch.StopRequests;
import org.safetystats.quality.OutlierWarnings;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.SafetystatsProperties;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ingest job: {@code syncReference} (config/ into {@code ref}),
 * {@code finishPendingMoves} (files a crash left in the inbox after their commit),
 * {@code ingestSubmissions} (files in groups, one transaction per group, small files
 * validated in memory and written in batches, each file in or out as a whole).
 */
@Configuration(proxyBeanMethods = false)
class IngestJobConfiguration {

	@Bean(IngestJob.NAME)
	Job ingestJob(JobRepository jobRepository, Step syncReference, Step finishPendingMoves, Step ingestSubmissions,
			JobLifecycleListener lifecycle) {
		return new JobBuilder(IngestJob.NAME, jobRepository).listener(lifecycle)
			.validator(new AcceptedJobParameters(List.of(new Parameter(IngestJob.REINGEST, Kind.FLAG),
					new Parameter(IngestJob.PERIOD, Kind.PERIOD), new Parameter(IngestJob.FILES, Kind.TEXT)),
					List.of()))
			.start(syncReference)
			.next(finishPendingMoves)
			.next(ingestSubmissions)
			.build();
	}

	// step 1
	@Bean(IngestJob.SYNC_REFERENCE)
	Step syncReference(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReferenceCatalogLoader loader, RunCatalog runCatalog) {
		return new StepBuilder(IngestJob.SYNC_REFERENCE, jobRepository).tasklet((contribution, context) -> {
			runCatalog.keep(contribution.getStepExecution().getJobExecutionId(), loader.load());
			return RepeatStatus.FINISHED;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	// step 2
	@Bean(IngestJob.FINISH_PENDING_MOVES)
	Step finishPendingMoves(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FileDisposer disposer) {
		return new StepBuilder(IngestJob.FINISH_PENDING_MOVES, jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(disposer.finishPending());
			return RepeatStatus.FINISHED;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	// step 3
	@Bean(IngestJob.INGEST_SUBMISSIONS)
	Step ingestSubmissions(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			InboxReader inboxReader, SubmissionWriter submissionWriter) {
		return new StepBuilder(IngestJob.INGEST_SUBMISSIONS, jobRepository)
			.tasklet(submissionWriter, transactionManager)
			.stream(inboxReader)
			.listener(submissionWriter)
			.build();
	}

	@Bean
	@StepScope
	InboxReader inboxReader(SafetystatsProperties properties, SubmissionRegistry registry) {
		return new InboxReader(properties, registry::pendingChecksums);
	}

	@Bean
	@StepScope
	SubmissionWriter submissionWriter(SubmissionIngester ingester, FilePreparer preparer, BatchLoader batchLoader,
			FileDisposer disposer, ReferenceCatalogLoader loader, RunCatalog runCatalog,
			PlatformTransactionManager transactionManager, InboxReader inboxReader, MeterRegistry meters,
			OutlierWarnings outliers, StopRequests stopRequests) {
		return new SubmissionWriter(ingester,
				(catalog, reload) -> new FilesAhead(inboxReader, preparer, catalog, reload, outliers), batchLoader,
				disposer, (jobExecutionId) -> runCatalog.take(jobExecutionId, loader::snapshot), transactionManager,
				meters, stopRequests::watch);
	}

}
