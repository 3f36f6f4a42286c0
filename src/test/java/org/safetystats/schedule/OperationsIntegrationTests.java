package org.safetystats.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.AlreadyRunningException;
import org.safetystats.batch.AcceptedJobParameters;
import org.safetystats.ingest.IngestJob;
import org.safetystats.ingest.IngestReruns;
import org.safetystats.ingest.InjectedIngestFaults;
import org.safetystats.warehouse.WarehouseJob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The service as it runs unattended: the scheduler started on jobs/ files, the nightly
 * job fired through Quartz, misfires after downtime, one pipeline run at a time, stop and
 * restart, recovery after a crash, completeness.
 */
@Import(InjectedIngestFaults.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OperationsIntegrationTests extends IntegrationTestSupport {

	@DynamicPropertySource
	static void scheduler(DynamicPropertyRegistry registry) throws Exception {
		Path jobs = Files.createTempDirectory("safetystats-jobs");
		Files.writeString(jobs.resolve("nightly.yml"), """
				name: nightly
				description: the nightly run, fired by hand in these tests
				job: nightlyJob
				cron: "0 0 3 1 1 ? 2099"
				""");
		registry.add("safetystats.jobs-dir", jobs::toString);
		registry.add("safetystats.scheduler.enabled", () -> "true");
		registry.add("spring.quartz.properties.org.quartz.jobStore.misfireThreshold", () -> "1000");
	}

	@Autowired
	Scheduler scheduler;

	@Autowired
	IngestReruns ingestReruns;

	@Autowired
	ScheduleReconciler reconciler;

	@Autowired
	AdminService admin;

	@Autowired
	JobRepository jobRepository;

	@BeforeEach
	@AfterEach
	void calm() {
		InjectedIngestFaults.reset();
	}

	@BeforeEach
	void settled() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql(
					"SELECT count(*) FROM batch.batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')")
				.query(Long.class)
				.single() == 0);
	}

	@Test
	void aTriggerFiresTheNightlyJobEndToEndThroughQuartz() throws Exception {
		// given
		drop("good.csv", "14347_2019-03.csv");
		long before = executions(NightlyJob.NAME);
		// when
		this.scheduler.triggerJob(JobKey.jobKey("nightly", ScheduleReconciler.GROUP));
		// then
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
				SELECT count(*) FROM batch.batch_job_execution e JOIN batch.batch_job_instance i USING (job_instance_id)
				WHERE i.job_name = 'nightlyJob' AND e.status = 'COMPLETED'
				""").query(Long.class).single() > before);
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).list())
			.containsExactly("LOADED");
		assertThat(
				this.jdbc.sql("SELECT count(*) FROM warehouse.fact_value WHERE commune_code = '14347' AND year = 2019")
					.query(Long.class)
					.single())
			.isEqualTo(41);
		// received now, years after 2019-04-05, the day March 2019 was due
		assertThat(this.jdbc
			.sql("SELECT status FROM warehouse.completeness WHERE unit_code = '14347' AND period = '2019-03'")
			.query(String.class)
			.single()).isEqualTo("LATE");
		assertThat(this.jdbc.sql("SELECT requested_by FROM ops.admin_action ORDER BY action_id DESC LIMIT 1")
			.query(String.class)
			.single()).isEqualTo("scheduler:nightly");
		List<String> steps = this.jdbc.sql("""
				SELECT step_name FROM batch.batch_step_execution WHERE job_execution_id =
				  (SELECT max(job_execution_id) FROM batch.batch_job_execution)
				ORDER BY step_execution_id
				""").query(String.class).list();
		assertThat(steps).containsExactly(IngestJob.SYNC_REFERENCE, IngestJob.FINISH_PENDING_MOVES,
				IngestJob.INGEST_SUBMISSIONS, WarehouseJob.PLAN_BUILD, WarehouseJob.BUILD_SLICES,
				WarehouseJob.RECORD_BUILD, WarehouseJob.REFRESH_COMPLETENESS);
	}

	@Test
	void aMissedScheduleFiresOnceAfterDowntimeOrNotAtAllWhenSkipped() throws Exception {
		// given two daily schedules whose fire time passed five nights running while no
		// instance was up
		String time = LocalTime.now(ZoneOffset.UTC).minusMinutes(2).withSecond(0).withNano(0).toString();
		String cron = String.format("0 %d %d * * ?", LocalTime.parse(time).getMinute(),
				LocalTime.parse(time).getHour());
		this.scheduler.standby();
		this.reconciler.reconcile(List.of(schedule("missed-once", cron, ScheduleDefinition.MisfirePolicy.FIRE_ONCE_NOW),
				schedule("missed-skip", cron, ScheduleDefinition.MisfirePolicy.SKIP)));
		long fiveNightsAgo = Instant.now().minus(Duration.ofDays(5)).toEpochMilli();
		this.jdbc.sql("UPDATE quartz.qrtz_triggers SET next_fire_time = :t WHERE trigger_name LIKE 'missed-%'")
			.param("t", fiveNightsAgo)
			.update();
		// when an instance is up again
		this.scheduler.start();
		// then the FIRE_ONCE_NOW schedule ran once, the SKIP schedule not at all
		await().atMost(Duration.ofSeconds(20)).until(() -> requests("scheduler:missed-once") >= 1);
		// "once" is final when Quartz has moved both triggers past the missed nights
		// (next fire at least a
		// minute ahead, beyond the misfire threshold) and no firing is in progress
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
				SELECT (SELECT count(*) FROM quartz.qrtz_triggers
				        WHERE trigger_name LIKE 'missed-%' AND next_fire_time > :soon)
				     + (SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM quartz.qrtz_fired_triggers)
				""").param("soon", Instant.now().plusSeconds(60).toEpochMilli()).query(Long.class).single() == 3);
		assertThat(requests("scheduler:missed-once")).isEqualTo(1);
		assertThat(requests("scheduler:missed-skip")).isZero();
		this.reconciler.reconcile(
				List.of(schedule("nightly", "0 0 3 1 1 ? 2099", ScheduleDefinition.MisfirePolicy.FIRE_ONCE_NOW)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM batch.batch_job_execution WHERE status = 'STARTED'")
				.query(Long.class)
				.single() == 0);
	}

	@Test
	void theSameWorkTriggeredTwiceAtOnceRunsOnce() throws Exception {
		// given a nightly run held in the middle of its ingest
		InjectedIngestFaults.holdCommits();
		drop("good.csv", "14347_2019-03.csv");
		drop("good.csv", "14347_2019-04.csv");
		JobExecution first = this.admin.start(NightlyJob.NAME, Map.of(), new AdminService.Request("alice", "test"));
		assertThat(InjectedIngestFaults.awaitHeldCommits(1)).containsExactly("14347_2019-03.csv");
		// when a second admin and the scheduler ask for pipeline work meanwhile
		assertThatThrownBy(() -> this.admin.start(IngestJob.NAME, Map.of(), new AdminService.Request("bob", "test")))
			.isInstanceOfSatisfying(AlreadyRunningException.class,
					(ex) -> assertThat(ex.runningExecutionId()).isEqualTo(first.getId()))
			.hasMessageContaining("already running")
			.hasMessageContaining(String.valueOf(first.getId()));
		this.scheduler.triggerJob(JobKey.jobKey("nightly", ScheduleReconciler.GROUP));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql(
					"SELECT count(*) FROM ops.admin_action WHERE requested_by = 'scheduler:nightly' AND outcome = 'ALREADY_RUNNING'")
				.query(Long.class)
				.single() == 1);
		// then only the first ran
		InjectedIngestFaults.releaseCommits();
		JobExecution ended = this.admin.await(first, (progress) -> {
		});
		assertThat(ended.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT outcome FROM ops.admin_action WHERE requested_by = 'bob' AND action = 'run'")
			.query(String.class)
			.single()).isEqualTo("ALREADY_RUNNING");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void aRestartAfterAnInjectedFailureResumesWithoutDuplicates() throws Exception {
		drop("good.csv", "14347_2019-03.csv");
		Files.copy(fixture("good.csv"), inbox().resolve("14347_2019-05.csv"));
		Files.writeString(inbox().resolve("14347_2019-05.csv"),
				Files.readString(inbox().resolve("14347_2019-05.csv")).replace("2019-03", "2019-05"));
		InjectedIngestFaults.crashOn("14347_2019-05.csv");
		JobExecution failed = this.admin
			.await(this.admin.start(NightlyJob.NAME, Map.of(), new AdminService.Request("alice", null)), (p) -> {
			});
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		InjectedIngestFaults.reset();
		JobExecution restarted = this.admin
			.await(this.admin.restart(failed.getId(), new AdminService.Request("alice", "fixed")), (p) -> {
			});
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT file_name || ':' || status FROM ops.submission ORDER BY file_name")
			.query(String.class)
			.list()).containsExactly("14347_2019-03.csv:LOADED", "14347_2019-05.csv:LOADED");
		assertThat(this.jdbc.sql("SELECT count(*) FROM warehouse.fact_value WHERE commune_code = '14347'")
			.query(Long.class)
			.single()).isEqualTo(82);
	}

	@Test
	void aStoppedExecutionStopsAfterItsChunkAndRestartFinishesIt() throws Exception {
		// given four months of one ward, their commits let through one at a time
		InjectedIngestFaults.holdCommits();
		for (int month = 1; month <= 4; month++) {
			SubmissionFiles.write(inbox(), "14350", YearMonth.of(2018, month), Map.of(), (v, i) -> 0);
		}
		JobExecution running = this.admin.start(IngestJob.NAME, Map.of(), new AdminService.Request("alice", null));
		assertThat(InjectedIngestFaults.awaitHeldCommits(1)).containsExactly("14350_2018-01.csv");
		InjectedIngestFaults.releaseCommits(1);
		// January is in the writer's chunk (a group of its own or not, as the group's
		// two seconds fall: it is committed either way), February held as it enters it
		assertThat(InjectedIngestFaults.awaitHeldCommits(2)).containsExactly("14350_2018-01.csv", "14350_2018-02.csv");
		// when a stop is asked, and the writer has seen it, February goes on
		this.admin.stop(running.getId(), new AdminService.Request("alice", "maintenance"));
		await().atMost(Duration.ofSeconds(20)).until(InjectedIngestFaults::heldRunSeesStop);
		InjectedIngestFaults.releaseCommits(1);
		JobExecution stopped = this.admin.await(running, (p) -> {
		});
		// then the chunk ends with January committed and moved; February, under way, is
		// not written and waits in the inbox with the months not taken
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.jdbc.sql("SELECT file_name || ':' || status FROM ops.submission").query(String.class).list())
			.containsExactly("14350_2018-01.csv:LOADED");
		assertThat(inboxFiles()).containsExactly("14350_2018-02.csv", "14350_2018-03.csv", "14350_2018-04.csv");
		assertThat(InjectedIngestFaults.heldCommits()).as("files the writer took")
			.containsExactly("14350_2018-01.csv", "14350_2018-02.csv");
		// and a restart finishes the rest
		InjectedIngestFaults.releaseCommits();
		JobExecution finished = this.admin
			.await(this.admin.restart(running.getId(), new AdminService.Request("alice", null)), (p) -> {
			});
		assertThat(finished.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT file_name || ':' || status FROM ops.submission ORDER BY file_name")
			.query(String.class)
			.list()).containsExactly("14350_2018-01.csv:LOADED", "14350_2018-02.csv:LOADED", "14350_2018-03.csv:LOADED",
					"14350_2018-04.csv:LOADED");
		assertThat(inbox()).isEmptyDirectory();
	}

	@Test
	void aMonthIsReingestedFromTheArchiveAsANewVersionOnRecord() throws Exception {
		// given a loaded month
		drop("good.csv", "14347_2019-03.csv");
		this.admin.await(this.admin.start(IngestJob.NAME, Map.of(), new AdminService.Request("alice", null)), (p) -> {
		});
		// when an admin re-ingests it
		JobExecution rerun = this.admin.await(this.ingestReruns.rerunMonth("2019-03", "14347",
				new AdminService.Request("bob", "village list corrected")), (p) -> {
				});
		// then the same bytes load again as version 2, and who asked and why is on record
		assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT status || ':' || version FROM ops.submission ORDER BY submission_id")
			.query(String.class)
			.list()).containsExactly("SUPERSEDED:1", "LOADED:2");
		assertThat(this.jdbc.sql("SELECT count(*) FROM ops.accepted_values").query(Long.class).single()).isEqualTo(41);
		assertThat(this.jdbc.sql(
				"SELECT requested_by || ' ' || action || ' ' || reason || ' ' || outcome FROM ops.admin_action WHERE requested_by = 'bob' AND action = 'rerun-ingest'")
			.query(String.class)
			.single()).isEqualTo("bob rerun-ingest village list corrected STARTED");
		assertThatThrownBy(() -> this.ingestReruns.rerunMonth("2019-03", null, new AdminService.Request("bob", " ")))
			.hasMessageContaining("needs a reason");
	}

	@Test
	void anExecutionACrashLeftStartedIsRecoveredAsFailedAndRestartable() throws Exception {
		JobInstance instance = this.jobRepository.createJobInstance(IngestJob.NAME,
				new JobParametersBuilder().addString(AcceptedJobParameters.REQUESTED_AT, Instant.now().toString())
					.toJobParameters());
		JobExecution orphan = this.jobRepository.createJobExecution(instance,
				new JobParametersBuilder().addString(AcceptedJobParameters.REQUESTED_AT, Instant.now().toString())
					.toJobParameters(),
				new org.springframework.batch.infrastructure.item.ExecutionContext());
		orphan.setStatus(BatchStatus.STARTED);
		orphan.setStartTime(java.time.LocalDateTime.now());
		this.jobRepository.update(orphan);
		assertThat(this.admin.recoverOrphans()).isEqualTo(1);
		assertThat(this.jobRepository.getJobExecution(orphan.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		// and on record, with the execution it marked
		assertThat(this.jdbc.sql("""
				SELECT requested_by || ' ' || action || ' ' || outcome FROM ops.admin_action
				WHERE job_execution_id = :id
				""").param("id", orphan.getId()).query(String.class).list())
			.containsExactly("system:recovery recover MARKED_FAILED");
	}

	@Test
	void completenessTellsOnTimeLateMissingAndRejected() throws Exception {
		// given: 14347 on time (2 April), 14320 late (20 April), 14350 rejected, the rest
		// missing; due the 5th
		received(SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 3), Map.of(), (v, i) -> 0),
				"2019-04-02T03:00:00Z");
		received(SubmissionFiles.write(inbox(), "14320", YearMonth.of(2019, 3), Map.of(), (v, i) -> 0),
				"2019-04-20T03:00:00Z");
		drop("bad-value-type.csv", "14350_2019-03.csv");
		received(inbox().resolve("14350_2019-03.csv"), "2019-04-03T03:00:00Z");
		this.admin.await(this.admin.start(NightlyJob.NAME, Map.of(), new AdminService.Request("alice", null)), (p) -> {
		});
		Map<String, String> status = new java.util.HashMap<>();
		this.jdbc.sql("SELECT unit_code, status FROM warehouse.completeness WHERE period = '2019-03'").query((rs) -> {
			status.put(rs.getString(1), rs.getString(2));
		});
		assertThat(status).containsEntry("14347", "ON_TIME")
			.containsEntry("14320", "LATE")
			.containsEntry("14350", "REJECTED")
			.containsEntry("14359", "MISSING")
			.hasSize(this.jdbc.sql("""
					SELECT count(*) FROM ref.unit
					WHERE level = 'commune' AND valid_from <= DATE '2019-03-01' AND valid_to > DATE '2019-03-01'
					""").query(Integer.class).single());
		assertThat(this.jdbc.sql(
				"SELECT due_at = TIMESTAMPTZ '2019-04-06 00:00:00+07' FROM warehouse.completeness WHERE unit_code = '14347' AND period = '2019-03'")
			.query(Boolean.class)
			.single()).isTrue();
	}

	private List<String> inboxFiles() throws Exception {
		try (var files = Files.list(inbox())) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static void received(Path file, String instant) throws Exception {
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse(instant)));
	}

	private static ScheduleDefinition schedule(String name, String cron, ScheduleDefinition.MisfirePolicy misfire) {
		return new ScheduleDefinition(Path.of(name + ".yml"), name, "test schedule", NightlyJob.NAME, cron,
				ZoneOffset.UTC, misfire, true, Map.of());
	}

	private long executions(String job) {
		return this.jdbc.sql(
				"SELECT count(*) FROM batch.batch_job_execution e JOIN batch.batch_job_instance i USING (job_instance_id) WHERE i.job_name = :job")
			.param("job", job)
			.query(Long.class)
			.single();
	}

	private long requests(String requestedBy) {
		return this.jdbc.sql("SELECT count(*) FROM ops.admin_action WHERE requested_by = :by AND outcome = 'STARTED'")
			.param("by", requestedBy)
			.query(Long.class)
			.single();
	}

}
