package org.safetystats.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.TestClock;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.JobRunner;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ingest cases an adversarial run found (issue 16): a rerun touches only what it names, a
 * file's time in the future does not hold it back, and the order in which files of the
 * same unit-month are taken.
 */
class IngestCorrectnessIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	IngestReruns ingestReruns;

	@Autowired
	AdminService admin;

	@Test
	void aRerunOfOneUnitLeavesAnotherUnitsFileAsAnyRunWould() throws Exception {
		// given 14347's May 2019 in two versions and 14320's in one
		byte[] first = Files.readAllBytes(write("14347", 1));
		ingest();
		write("14347", 2);
		write("14320", 3);
		ingest();
		// when the bytes of 14347's superseded version wait in the inbox while an admin
		// re-ingests 14320's month
		Files.write(inbox().resolve("14347_2019-05.csv"), first);
		BatchStatus rerun = this.admin.await(
				this.ingestReruns.rerunMonth("2019-05", "14320", new AdminService.Request("bob", "re-check")), (p) -> {
				})
			.getStatus();
		// then 14320 loads again, and 14347's old bytes are a duplicate: its current
		// version
		// stays the second
		assertThat(rerun).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("""
				SELECT s.unit_code || ':' || s.version || ':' || a.value
				FROM ops.accepted_values a JOIN ops.submission s USING (submission_id)
				WHERE a.indicator = 'traffic_accidents' ORDER BY s.unit_code
				""").query(String.class).list()).containsExactly("14320:2:3", "14347:2:2");
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission ORDER BY submission_id DESC LIMIT 2")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("LOADED", "DUPLICATE");
	}

	@Test
	void aFileModifiedInTheFutureIsTakenAsReceivedNow() throws Exception {
		Path file = write("14347", 1);
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
		ingest();
		Map<String, Object> submission = this.jdbc.sql("SELECT status, received_at FROM ops.submission")
			.query()
			.singleRow();
		assertThat(submission).containsEntry("status", "LOADED");
		// now: the application's clock
		assertThat(((java.sql.Timestamp) submission.get("received_at")).toInstant()).isEqualTo(TestClock.DEFAULT);
		assertThat(inbox()).isEmptyDirectory();
	}

	@Test
	void filesForTheSameUnitMonthAreTakenInReceivedOrderThenByName() throws Exception {
		// given two files for the same month: the one whose name sorts first arrived last
		Path newer = Files.move(write("14347", 2), inbox().resolve("14347_2019-05.CSV"));
		Path older = write("14347", 1);
		Files.setLastModifiedTime(older, FileTime.from(Instant.now().minusSeconds(120)));
		Files.setLastModifiedTime(newer, FileTime.from(Instant.now().minusSeconds(60)));
		// when
		ingest();
		// then the one received last is the current version
		assertThat(this.jdbc
			.sql("""
					SELECT s.file_name || ':' || a.value FROM ops.accepted_values a JOIN ops.submission s USING (submission_id)
					WHERE a.indicator = 'traffic_accidents'
					""")
			.query(String.class)
			.single()).isEqualTo("14347_2019-05.CSV:2");
	}

	@Test
	void aFileForAMonthTheWarehouseDoesNotCoverIsRejectedClearly() throws Exception {
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(1999, 12), SubmissionFiles.values(),
				(village, indicator) -> 0);
		ingest();
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single())
			.isEqualTo("REJECTED");
		assertThat(this.jdbc.sql("SELECT rule || ': ' || message_en FROM ops.finding").query(String.class).list())
			.containsExactly("PERIOD_OUT_OF_RANGE: Period 1999-12 is outside the months the warehouse covers "
					+ "(2000-01 to 2040-12)");
	}

	@Test
	void theBytesOfASupersededVersionAreADuplicateAndRestoringItIsAnAdminsAction() throws Exception {
		// given two versions of 14347's May 2019
		byte[] first = Files.readAllBytes(write("14347", 1));
		ingest();
		write("14347", 2);
		ingest();
		long firstId = id("version = 1");
		long secondId = id("version = 2");
		// when the first version's bytes are sent again
		Files.write(inbox().resolve("14347_2019-05.csv"), first);
		ingest();
		// then they are a duplicate that names the current version
		assertThat(this.jdbc.sql("""
				SELECT s.status || ' ' || f.severity || ' ' || f.message_en FROM ops.submission s
				JOIN ops.finding f USING (submission_id) WHERE s.status = 'DUPLICATE'
				""").query(String.class).single())
			.isEqualTo("DUPLICATE WARNING The same bytes as version 1 (submission " + firstId
					+ "), superseded by the current version 2 (submission " + secondId
					+ "), so not loaded again; to restore the earlier version an admin runs restore --submission "
					+ firstId);
		assertThat(currentAccidents()).isEqualTo(2);
		// and an admin restores the first version explicitly, on record
		assertThatThrownBy(() -> this.ingestReruns.restoreVersion(secondId, new AdminService.Request("bob", "back")))
			.hasMessage("Submission " + secondId + " is LOADED: only a SUPERSEDED version can be restored");
		BatchStatus restore = this.admin.await(
				this.ingestReruns.restoreVersion(firstId, new AdminService.Request("bob", "the correction was wrong")),
				(p) -> {
				})
			.getStatus();
		assertThat(restore).isEqualTo(BatchStatus.COMPLETED);
		assertThat(currentAccidents()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT version FROM ops.submission WHERE status = 'LOADED'")
			.query(Integer.class)
			.single()).isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT reason FROM ops.admin_action WHERE action = 'restore' AND outcome = 'STARTED'")
			.query(String.class)
			.list()).contains("the correction was wrong");
	}

	long id(String where) {
		return this.jdbc.sql("SELECT submission_id FROM ops.submission WHERE " + where).query(Long.class).single();
	}

	long currentAccidents() {
		return this.jdbc.sql("SELECT value FROM ops.accepted_values WHERE indicator = 'traffic_accidents'")
			.query(Long.class)
			.single();
	}

	Path write(String unit, long accidents) {
		return SubmissionFiles.write(inbox(), unit, YearMonth.of(2019, 5),
				SubmissionFiles.values("traffic_accidents", accidents), (village, indicator) -> 0);
	}

	void ingest() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

}
