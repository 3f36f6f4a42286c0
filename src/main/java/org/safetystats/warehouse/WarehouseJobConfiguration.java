package org.safetystats.warehouse;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.JobLifecycleListener;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The warehouse job: {@code planBuild} decides the years and communes to rebuild,
 * {@code buildSlices} rebuilds one year per transaction (a restart resumes at the first
 * year not yet committed), {@code recordBuild} records the watermark,
 * {@code refreshCompleteness} brings {@code warehouse.completeness} up to date.
 * Parameters: {@code full} (true/false), {@code year}, {@code unit}.
 */
@Configuration(proxyBeanMethods = false)
class WarehouseJobConfiguration {

	static final String JOB_NAME = "warehouseJob";

	private static final Logger logger = LoggerFactory.getLogger(WarehouseJobConfiguration.class);

	private static final String PLAN = "warehouse.plan";

	private static final String DONE = "warehouse.done";

	@Bean
	Job warehouseJob(JobRepository jobRepository, Step planBuild, Step buildSlices, Step recordBuild,
			Step refreshCompleteness, JobLifecycleListener lifecycle) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(lifecycle)
			.start(planBuild)
			.next(buildSlices)
			.next(recordBuild)
			.next(refreshCompleteness)
			.build();
	}

	// step 4, also the last step of the nightly job: completeness is refreshed by the
	// pipeline only, under its
	// lock, never by a reader
	@Bean
	Step refreshCompleteness(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CompletenessRefresher refresher) {
		return new StepBuilder("refreshCompleteness", jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(refresher.refresh());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	// step 1
	@Bean
	Step planBuild(JobRepository jobRepository, PlatformTransactionManager transactionManager, BuildPlanner planner) {
		return new StepBuilder("planBuild", jobRepository).tasklet((contribution, context) -> {
			ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
			if (!job.containsKey(PLAN)) {
				JobParameters parameters = contribution.getStepExecution().getJobParameters();
				Integer year = integer(parameters.getString("year"));
				BuildPlan plan = planner.plan(Boolean.parseBoolean(parameters.getString("full", "false")),
						(year != null) ? year : integer(parameters.getString("fromYear")),
						(year != null) ? year : integer(parameters.getString("toYear")), parameters.getString("unit"));
				job.putString(PLAN, plan.slicesText());
				job.putString(PLAN + ".full", Boolean.toString(plan.full()));
				job.putLong(PLAN + ".watermark", plan.watermark());
				job.putString(PLAN + ".hash", plan.referenceHash());
				job.putString(PLAN + ".startedAt", java.time.Instant.now().toString());
				logger.info("Warehouse build plan: {} ({})",
						plan.slicesText().isEmpty() ? "nothing changed" : plan.slicesText(),
						plan.full() ? "full" : "incremental");
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	// step 2: one year per call, each in its own transaction
	@Bean
	Step buildSlices(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			WarehouseSliceBuilder builder) {
		return new StepBuilder("buildSlices", jobRepository).tasklet((contribution, context) -> {
			ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
			ExecutionContext step = contribution.getStepExecution().getExecutionContext();
			Map<Integer, Set<String>> slices = BuildPlan.parseSlices(job.getString(PLAN));
			int done = step.getInt(DONE, 0);
			if (done >= slices.size()) {
				return RepeatStatus.FINISHED;
			}
			Map.Entry<Integer, Set<String>> slice = slices.entrySet().stream().skip(done).findFirst().orElseThrow();
			long facts = builder.build(slice.getKey(), slice.getValue());
			count(contribution, facts);
			step.putInt(DONE, done + 1);
			return (done + 1 < slices.size()) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	// step 3
	@Bean
	Step recordBuild(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			AsNowMaps asNowMaps) {
		return new StepBuilder("recordBuild", jobRepository).tasklet((contribution, context) -> {
			asNowMaps.refresh();
			ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
			jdbc.sql(
					"""
							INSERT INTO warehouse.build (job_execution_id, started_at, full_rebuild, watermark, reference_hash, slices)
							VALUES (:execution, CAST(:startedAt AS timestamptz), :full, :watermark, :hash, :slices)
							""")
				.param("execution", contribution.getStepExecution().getJobExecutionId())
				.param("startedAt", job.getString(PLAN + ".startedAt"))
				.param("full", Boolean.parseBoolean(job.getString(PLAN + ".full")))
				.param("watermark", job.getLong(PLAN + ".watermark"))
				.param("hash", job.getString(PLAN + ".hash"))
				.param("slices", job.getString(PLAN))
				.update();
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	private static void count(StepContribution contribution, long facts) {
		contribution.incrementReadCount();
		contribution.incrementWriteCount(facts);
	}

	private static @Nullable Integer integer(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : Integer.valueOf(value);
	}

}
