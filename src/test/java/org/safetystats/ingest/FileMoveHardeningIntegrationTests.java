package org.safetystats.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A move is recorded only when the file really moved; any name can be stored, once. */
class FileMoveHardeningIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Test
	void aPendingMoveOfAFileNotInThisInboxStaysPendingUntilTheFileIsThere() throws Exception {
		drop("good.csv", "14347_2019-03.csv");
		ingest();
		String storedAs = this.jdbc.sql("SELECT stored_as FROM ops.submission").query(String.class).single();
		// given a move a crash left pending, its file in another inbox than the one this
		// run reads
		Path elsewhere = Files.createTempDirectory("safetystats-other-inbox").resolve("14347_2019-03.csv");
		Files.move(archive().resolve(storedAs), elsewhere);
		this.jdbc.sql("UPDATE ops.submission SET disposed_at = NULL").update();
		// when this inbox is ingested, the move is not recorded as done
		ingest();
		assertThat(disposed()).isFalse();
		assertThat(archive().resolve(storedAs)).doesNotExist();
		// and once the file is in this inbox, the next run moves it and records it, with
		// no second submission
		Files.move(elsewhere, inbox().resolve("14347_2019-03.csv"), StandardCopyOption.ATOMIC_MOVE);
		ingest();
		assertThat(disposed()).isTrue();
		assertThat(archive().resolve(storedAs)).hasSameBinaryContentAs(fixture("good.csv"));
		assertThat(count("SELECT count(*) FROM ops.submission")).isEqualTo(1);
	}

	@Test
	void aNameTooLongToStoreIsRejectedKeptUnderAShortNameAndRegisteredOnce() throws Exception {
		// 90 characters, but 248 bytes of UTF-8: the file system takes it,
		// <id>_<name>.errors.csv.tmp would not
		String name = "Báo cáo " + "ệ".repeat(78) + ".csv";
		assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(248);
		drop("good.csv", name);
		ingest();
		ingest();
		assertThat(count("SELECT count(*) FROM ops.submission")).isEqualTo(1);
		Map<String, Object> submission = this.jdbc
			.sql("SELECT status, stored_as, disposed_at IS NOT NULL AS moved " + "FROM ops.submission")
			.query()
			.singleRow();
		assertThat(submission).containsEntry("status", "REJECTED").containsEntry("moved", true);
		String storedAs = (String) submission.get("stored_as");
		assertThat(storedAs.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(220);
		assertThat(rejected().resolve(storedAs)).hasSameBinaryContentAs(fixture("good.csv"));
		assertThat(rejected().resolve(storedAs + ".errors.csv")).content().contains("FILE_NAME_TOO_LONG");
		assertThat(this.jdbc.sql("SELECT rule FROM ops.finding ORDER BY seq").query(String.class).list())
			.contains("FILE_NAME", "FILE_NAME_TOO_LONG");
		try (Stream<Path> left = Files.list(inbox())) {
			assertThat(left).isEmpty();
		}
	}

	private void ingest() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private boolean disposed() {
		return this.jdbc.sql("SELECT disposed_at IS NOT NULL FROM ops.submission").query(Boolean.class).single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
