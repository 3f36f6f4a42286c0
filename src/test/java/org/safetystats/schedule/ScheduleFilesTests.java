package org.safetystats.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.system.UserFacingException;
import org.safetystats.ingest.IngestJob;
import org.safetystats.warehouse.WarehouseJob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleFilesTests {

	static final Set<String> JOBS = Set.of(NightlyJob.NAME, IngestJob.NAME, WarehouseJob.NAME);

	static final String GOOD = """
			name: nightly
			description: the nightly run
			job: nightlyJob
			cron: "0 30 1 * * ?"
			""";

	@Test
	void theProjectsOwnScheduleFilesAreValid() {
		List<ScheduleDefinition> definitions = ScheduleFiles.read(Path.of("jobs"), JOBS);
		assertThat(definitions).extracting(ScheduleDefinition::name)
			.containsExactlyInAnyOrder("nightly", "warehouse-weekly-full");
		ScheduleDefinition nightly = definitions.stream().filter((d) -> d.name().equals("nightly")).findFirst().get();
		assertThat(nightly.misfire()).isEqualTo(ScheduleDefinition.MisfirePolicy.FIRE_ONCE_NOW);
		assertThat(nightly.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
	}

	@Test
	void defaultsApply(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("nightly.yml"), GOOD);
		ScheduleDefinition d = ScheduleFiles.read(dir, JOBS).get(0);
		assertThat(d.enabled()).isTrue();
		assertThat(d.parameters()).isEqualTo(Map.of());
		assertThat(d.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			cron: "0 30 1 * * ?"                       | cron                | is required
			cron: "every night"                        | cron                | not a Quartz cron expression
			job: reportJob                             | job                 | unknown job "reportJob"
			time-zone: Mars/Olympus                    | time-zone           | not a time zone
			misfire-policy: RUN_ALL                    | misfire-policy      | not FIRE_ONCE_NOW or SKIP
			enabled: sometimes                         | enabled             | must be true or false
			retries: 3                                 | retries             | unknown key
			parameters: full                           | parameters          | must be a mapping
			""")
	void aBadFileIsRefusedNamingTheFileAndTheField(String line, String field, String reason, @TempDir Path dir)
			throws Exception {
		String text = line.startsWith("cron: \"0 30") ? GOOD.replace("cron: \"0 30 1 * * ?\"\n", "")
				: GOOD.replaceFirst(line.split(":")[0] + ":.*\n", "") + line + "\n";
		Path file = Files.writeString(dir.resolve("bad.yml"), text);
		assertThatThrownBy(() -> ScheduleFiles.read(dir, JOBS)).isInstanceOf(UserFacingException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("field " + field)
			.hasMessageContaining(reason);
	}

	@Test
	void twoFilesWithOneNameAreRefused(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("a.yml"), GOOD);
		Files.writeString(dir.resolve("b.yml"), GOOD);
		assertThatThrownBy(() -> ScheduleFiles.read(dir, JOBS)).hasMessageContaining("b.yml")
			.hasMessageContaining("used by another file");
	}

}
