package org.safetystats.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.system.SafetystatsProperties;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Files still arriving, temporary and hidden files, and folders wait in the inbox. */
class InboxReaderTests {

	@Test
	void aFileStillBeingWrittenWaitsForTheNextRun(@TempDir Path home) throws Exception {
		Path inbox = Files.createDirectories(home.resolve("inbox"));
		Path settled = Files.writeString(inbox.resolve("14347_2019-03.csv"), "unit_code\n");
		Files.setLastModifiedTime(settled, FileTime.from(Instant.now().minusSeconds(120)));
		Files.writeString(inbox.resolve("14347_2019-04.csv"), "unit_code\n");
		Files.writeString(inbox.resolve("14347_2019-05.csv.part"), "unit_code\n");
		Files.writeString(inbox.resolve(".14347_2019-06.csv"), "unit_code\n");
		Files.createDirectories(inbox.resolve("14347_2019-07.csv"));
		InboxReader reader = new InboxReader(
				new SafetystatsProperties(home, null, inbox, null, null, ZoneId.of("Asia/Ho_Chi_Minh"), 5, null, 60),
				Map::of);
		reader.open(new ExecutionContext());
		assertThat(reader.read()).isEqualTo(settled);
		assertThat(reader.read()).isNull();
	}

}
