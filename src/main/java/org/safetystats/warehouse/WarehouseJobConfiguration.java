package org.safetystats.warehouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.safetystats.batch.JobLifecycleListener;
import org.safetystats.system.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * year not yet committed, its as-now rows with it), {@code recordBuild} records the
 * watermark, {@code refreshCompleteness} brings {@code warehouse.completeness} up to
 * date. Parameters: those of {@link WarehouseJob}. The plan is kept in the job's
 * execution context as plain values (year to commune list, flags, numbers), so that a
 * restart in another process resumes the same plan.
 */
@Configuration(proxyBeanMethods = false)
class WarehouseJobConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WarehouseJobConfiguration.class);

	private static final String PLAN = "warehouse.plan";

	private static final String PLAN_FULL = PLAN + ".full";

	private static final String PLAN_WATERMARK = PLAN + ".watermark";

	private static final String PLAN_HASH = PLAN + ".hash";

	private static final String PLAN_TEXT = PLAN + ".text";

	private static final String PLAN_STARTED_AT = PLAN + ".startedAt";

	private static final String PLAN_AS_OF = PLAN + ".asOf";

	private static final String PLAN_AS_NOW_MAPS = PLAN + ".asNowMaps";

	private static final String DONE = "warehouse.done";

	@Bean(WarehouseJob.NAME)
	Job warehouseJob(JobRepository jobRepository, Step planBuild, Step buildSlices, Step recordBuild,
			Step refreshCompleteness, JobLifecycleListener lifecycle) {
		return new JobBuilder(WarehouseJob.NAME, jobRepository).listener(lifecycle)
			.validator(WarehouseJob.PARAMETERS)
			.start(planBuild)
			.next(buildSlices)
			.next(recordBuild)
			.next(refreshCompleteness)
			.build();
	}

	// step 4, also the last step of the nightly job: completeness is refreshed by the
	// pipeline only, under its lock, never by a reader
	@Bean(WarehouseJob.REFRESH_COMPLETENESS)
	Step refreshCompleteness(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CompletenessRefresher refresher) {
		return new StepBuilder(WarehouseJob.REFRESH_COMPLETENESS, jobRepository).tasklet((contribution, context) -> {
			contribution.incrementWriteCount(refresher.refresh());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	// step 1
	@Bean(WarehouseJob.PLAN_BUILD)
	Step planBuild(JobRepository jobRepository, PlatformTransactionManager transactionManager, BuildPlanner planner) {
		return new StepBuilder(WarehouseJob.PLAN_BUILD, jobRepository).tasklet((contribution, context) -> {
			ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
			if (!job.containsKey(PLAN)) {
				JobParameters parameters = contribution.getStepExecution().getJobParameters();
				BuildPlan plan = planner.plan(WarehouseJob.full(parameters),
						WarehouseJob.year(parameters, WarehouseJob.FROM_YEAR),
						WarehouseJob.year(parameters, WarehouseJob.TO_YEAR), parameters.getString(WarehouseJob.UNIT),
						WarehouseJob.asOf(parameters));
				keep(job, plan);
				logger.info("Warehouse build plan: {} ({}, as of {})",
						plan.slicesText().isEmpty() ? "nothing changed" : plan.slicesText(),
						plan.full() ? "full" : "incremental", plan.asOf());
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	// step 2: one year per call, each in its own transaction (the next one built ahead)
	@Bean(WarehouseJob.BUILD_SLICES)
	Step buildSlices(JobRepository jobRepository, PlatformTransactionManager transactionManager, YearsAhead builder,
			JdbcClient jdbc, AsNowMaps maps) {
		return new StepBuilder(WarehouseJob.BUILD_SLICES, jobRepository).tasklet((contribution, context) -> {
			ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
			ExecutionContext step = contribution.getStepExecution().getExecutionContext();
			List<Map.Entry<Integer, List<String>>> slices = slices(job);
			int done = step.getInt(DONE, 0);
			if (done >= slices.size()) {
				return RepeatStatus.FINISHED;
			}
			if (!job.containsKey(PLAN_AS_NOW_MAPS)) {
				// a build planned before the as-now years were built by the slices
				// (V29_5),
				// resumed after an upgrade: its slices build them with the maps as they
				// are;
				// the years it built before are rebuilt by the next plan (none recorded)
				job.putString(PLAN_AS_NOW_MAPS, maps.fingerprint());
			}
			long facts = builder.build(contribution.getStepExecution().getJobExecutionId(), asOf(job), slices, done);
			// the maps its as-now rows were built with, committed with them
			jdbc.sql("""
					INSERT INTO warehouse.as_now_built (year, maps) VALUES (:year, :maps)
					ON CONFLICT (year) DO UPDATE SET maps = excluded.maps
					""").param("year", slices.get(done).getKey()).param("maps", asNowMaps(job)).update();
			count(contribution, facts);
			step.putInt(DONE, done + 1);
			return (done + 1 < slices.size()) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	// step 3
	@Bean(WarehouseJob.RECORD_BUILD)
	Step recordBuild(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc) {
		return new StepBuilder(WarehouseJob.RECORD_BUILD, jobRepository).tasklet((contribution, context) -> {
			ExecutionContext job = contribution.getStepExecution().getJobExecution().getExecutionContext();
			jdbc.sql("""
					INSERT INTO warehouse.build (job_execution_id, started_at, full_rebuild, watermark, reference_hash,
					                             slices, as_of)
					VALUES (:execution, :startedAt, :full, :watermark, :hash, :slices, :asOf)
					""")
				.param("execution", contribution.getStepExecution().getJobExecutionId())
				.param("startedAt", OffsetDateTime.ofInstant(job.get(PLAN_STARTED_AT, Instant.class), ZoneOffset.UTC))
				.param("full", job.get(PLAN_FULL, Boolean.class))
				.param("watermark", job.getLong(PLAN_WATERMARK))
				.param("hash", job.getString(PLAN_HASH))
				.param("slices", job.getString(PLAN_TEXT))
				.param("asOf", asOf(job))
				.update();
			if (slices(job).stream()
				.anyMatch((slice) -> WarehouseSliceBuilder.wholeYear(slice.getKey(), slice.getValue()))) {
				// the as-now views join the tables by unit and year: statistics of the
				// partitioned tables themselves (those of their partitions come with each
				// year), else the planner guesses a few rows and loops over a whole year
				// per row; taken when a whole year was built, as a slice of a few
				// communes changes too few rows to matter (sampling every year took
				// 0.45 s of each resubmission's build at national scale)
				jdbc.sql("""
						ANALYZE warehouse.agg_indicator_year_as_now, warehouse.agg_village_year_as_now,
						        warehouse.agg_indicator_month_as_now, warehouse.commune_month_as_now
						""").update();
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	/**
	 * Keeps the plan in the job's execution context, as values its serializer restores in
	 * any process: year to the list of communes (empty: every commune), in year order.
	 */
	private static void keep(ExecutionContext job, BuildPlan plan) {
		TreeMap<Integer, ArrayList<String>> slices = new TreeMap<>();
		plan.slices().forEach((year, communes) -> slices.put(year, new ArrayList<>(communes)));
		job.put(PLAN, slices);
		job.put(PLAN_FULL, plan.full());
		job.putLong(PLAN_WATERMARK, plan.watermark());
		job.putString(PLAN_HASH, plan.referenceHash());
		job.putString(PLAN_TEXT, plan.slicesText());
		job.put(PLAN_STARTED_AT, Instant.now());
		job.putString(PLAN_AS_OF, plan.asOf().toString());
		job.putString(PLAN_AS_NOW_MAPS, plan.asNowMaps());
	}

	private static LocalDate asOf(ExecutionContext job) {
		return LocalDate.parse(job.getString(PLAN_AS_OF));
	}

	private static String asNowMaps(ExecutionContext job) {
		if (!job.containsKey(PLAN_AS_NOW_MAPS)) {
			throw earlierPlan();
		}
		return job.getString(PLAN_AS_NOW_MAPS);
	}

	private static UserFacingException earlierPlan() {
		return new UserFacingException("This build was planned by an earlier version of safetystats and cannot "
				+ "be resumed: start a new one (build-warehouse, or rerun warehouse)");
	}

	@SuppressWarnings("unchecked")
	private static List<Map.Entry<Integer, List<String>>> slices(ExecutionContext job) {
		if (!(job.get(PLAN) instanceof Map<?, ?> slices)) {
			// an execution planned by a version that kept the plan as text
			throw earlierPlan();
		}
		return List.copyOf(new TreeMap<>((Map<Integer, List<String>>) slices).entrySet());
	}

	private static void count(StepContribution contribution, long facts) {
		contribution.incrementReadCount();
		contribution.incrementWriteCount(facts);
	}

}
