package org.safetystats.admin;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.batch.AcceptedJobParameters;
import org.safetystats.ingest.IngestJob;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.WarehouseJob;
import org.safetystats.warehouse.WarehouseReruns;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stop request that did not take is said, not swallowed; a warehouse build that failed
 * half-way restarts with the same typed parameters and resumes its plan at the first year
 * not built.
 */
class StopAndRestartIntegrationTests extends IntegrationTestSupport {

	@Autowired
	AdminService admin;

	@Autowired
	WarehouseReruns warehouseReruns;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	JobRepository jobRepository;

	@Test
	void aStopThatDidNotTakeIsReportedAndRecorded() throws Exception {
		// given: a running execution whose record the job keeps rewriting (every update
		// of it is lost)
		JobExecution running = runningExecution();
		this.jdbc.sql("""
				CREATE FUNCTION public.lose_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$
				""").update();
		this.jdbc
			.sql("CREATE TRIGGER lose_update BEFORE UPDATE ON batch.batch_job_execution FOR EACH ROW "
					+ "WHEN (OLD.job_execution_id = " + running.getId() + ") EXECUTE FUNCTION public.lose_update()")
			.update();
		try {
			// when / then: the caller is told, and the refusal is on record
			assertThatThrownBy(() -> this.admin.stop(running.getId(), new AdminService.Request("alice", "test")))
				.isInstanceOf(UserFacingException.class)
				.hasMessageContaining("could not be asked to stop (now STARTED)");
			assertThat(outcomes("alice")).isEqualTo("REFUSED");
		}
		finally {
			this.jdbc.sql("DROP TRIGGER lose_update ON batch.batch_job_execution").update();
			this.jdbc.sql("DROP FUNCTION public.lose_update()").update();
		}
		// and once the record can be written, the same request takes
		this.admin.stop(running.getId(), new AdminService.Request("bob", "test"));
		assertThat(outcomes("bob")).isEqualTo("STOPPING");
		assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STOPPING);
		this.jdbc.sql(
				"UPDATE batch.batch_job_execution SET status = 'FAILED', end_time = now() WHERE job_execution_id = :id")
			.param("id", running.getId())
			.update();
	}

	/**
	 * Issue 26: a run reading a huge file (a sparse 64 GB file, which reads as zeros for
	 * minutes) stayed STOPPING until the file was read. The reading now ends at the
	 * request, the file stays in the inbox untouched, and the execution is STOPPED within
	 * seconds.
	 */
	@Test
	void aStopEndsAStepInTheMiddleOfAHugeFile() throws Exception {
		// given an ingest run busy reading a huge file
		Path huge = inbox().resolve("14320_2019-01.csv");
		try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
			file.setLength(64L << 30);
		}
		try {
			JobExecution running = this.admin.start(IngestJob.NAME, Map.of(),
					new AdminService.Request("alice", "test"));
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.until(() -> this.jobRepository.getJobExecution(running.getId())
					.getStepExecutions()
					.stream()
					.anyMatch((step) -> step.getStepName().equals(IngestJob.INGEST_SUBMISSIONS)
							&& step.getStatus() == BatchStatus.STARTED));
			// when a stop is asked
			this.admin.stop(running.getId(), new AdminService.Request("alice", "enough"));
			// then the execution ends STOPPED within seconds, the file unregistered and
			// in
			// the inbox
			Awaitility.await()
				.atMost(Duration.ofSeconds(15))
				.until(() -> this.jobRepository.getJobExecution(running.getId()).getStatus(),
						(status) -> status == BatchStatus.STOPPED);
			assertThat(this.jdbc.sql("SELECT count(*) FROM ops.submission").query(Long.class).single()).isZero();
			assertThat(huge).exists();
		}
		finally {
			Files.deleteIfExists(huge);
		}
	}

	@Test
	void aFailedBuildRestartsWithTheSameParametersAtTheFirstYearNotBuilt() throws Exception {
		// given: two years of data, and a build of both that fails on the second
		for (int year : new int[] { 2018, 2019 }) {
			SubmissionFiles.write(inbox(), "14347", YearMonth.of(year, 3), Map.of("traffic_accidents", 2L),
					(village, indicator) -> 0);
		}
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		this.jdbc.sql("""
				CREATE FUNCTION public.refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'injected failure'; END $$
				""").update();
		this.jdbc
			.sql("CREATE TRIGGER refuse_row BEFORE INSERT ON warehouse.commune_month_2019 FOR EACH ROW "
					+ "EXECUTE FUNCTION public.refuse_row()")
			.update();
		JobExecution failed;
		try {
			failed = this.admin
				.await(this.warehouseReruns.rerun(null, 2018, 2019, new AdminService.Request("alice", "test")), (p) -> {
				});
		}
		finally {
			this.jdbc.sql("DROP TRIGGER refuse_row ON warehouse.commune_month_2019").update();
			this.jdbc.sql("DROP FUNCTION public.refuse_row()").update();
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// when
		JobExecution restarted = this.admin
			.await(this.admin.restart(failed.getId(), new AdminService.Request("alice", "fixed")), (p) -> {
			});
		// then: same parameters, typed; only 2019 built again; both years in the
		// warehouse
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobParameters()).isEqualTo(failed.getJobParameters());
		assertThat(restarted.getJobParameters().getLong(WarehouseJob.FROM_YEAR)).isEqualTo(2018L);
		assertThat(restarted.getJobParameters().getLong(WarehouseJob.TO_YEAR)).isEqualTo(2019L);
		StepExecution slices = restarted.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals(WarehouseJob.BUILD_SLICES))
			.findFirst()
			.orElseThrow();
		assertThat(slices.getReadCount()).as("years built by the restart").isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT string_agg(DISTINCT year::text, ',') FROM warehouse.commune_month "
					+ "WHERE commune_code = '14347' AND submission_id IS NOT NULL")
			.query(String.class)
			.single()).isEqualTo("2018,2019");
		assertThat(this.jdbc.sql("SELECT slices FROM warehouse.build WHERE job_execution_id = :id")
			.param("id", restarted.getId())
			.query(String.class)
			.single()).isEqualTo("2018:*;2019:*");
	}

	private JobExecution runningExecution() throws Exception {
		JobParameters parameters = new JobParametersBuilder()
			.addString(AcceptedJobParameters.REQUESTED_AT, Instant.now().toString())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance(IngestJob.NAME, parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now());
		this.jobRepository.update(execution);
		return execution;
	}

	private String outcomes(String requestedBy) {
		return String.join(",", this.jdbc
			.sql("SELECT outcome FROM ops.admin_action WHERE requested_by = :who AND action = 'stop' ORDER BY 1")
			.param("who", requestedBy)
			.query(String.class)
			.list());
	}

}
