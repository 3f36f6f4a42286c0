package org.safetystats.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.Application;
import org.safetystats.TestDatabase;
import org.safetystats.cli.SafetystatsCli;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own {@code logging.structured.format.file} turns the log file into JSON
 * lines an operator's log stack reads, each line about a file carrying the execution id,
 * the file, its unit and its period; the console stays as it is for people.
 */
class StructuredLogIntegrationTests {

	private static final List<String> SETTINGS = List.of("spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "safetystats.home", "safetystats.inbox-settle-seconds",
			"logging.structured.format.file", "logging.file.name");

	private final Map<String, String> saved = new java.util.HashMap<>();

	private String database;

	@AfterEach
	void restore() {
		for (String key : SETTINGS) {
			String value = this.saved.get(key);
			if (value != null) {
				System.setProperty(key, value);
			}
			else {
				System.clearProperty(key);
			}
		}
		TestDatabase.drop(this.database);
	}

	@Test
	void ecsLinesCarryTheExecutionFileUnitAndPeriod(@TempDir Path home) throws Exception {
		// given: the ECS format for the log file, and a good and a bad file in the inbox
		this.database = TestDatabase.create("logs");
		Path log = home.resolve("logs/safetystats.json");
		set("spring.datasource.url", this.database);
		set("spring.datasource.username", TestDatabase.user());
		set("spring.datasource.password", TestDatabase.password());
		set("safetystats.home", home.toString());
		set("safetystats.inbox-settle-seconds", "0");
		set("logging.structured.format.file", "ecs");
		set("logging.file.name", log.toString());
		Files.createDirectories(home.resolve("inbox"));
		Files.copy(new ClassPathResource("ingest/good.csv").getFilePath(), home.resolve("inbox/14347_2019-03.csv"));
		Files.copy(new ClassPathResource("ingest/bad-empty.csv").getFilePath(),
				home.resolve("inbox/14350_2019-03.csv"));

		// when
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		PrintStream out = System.out;
		int exit;
		try {
			System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
			exit = SafetystatsCli.execute(Application.class, "ingest");
		}
		finally {
			System.setOut(out);
		}

		// then: every line of the file is a JSON object; the per-file lines carry the
		// context
		assertThat(exit).isZero();
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> lines = Files.readAllLines(log).stream().map(json::readTree).toList();
		assertThat(lines).allSatisfy((line) -> assertThat(line.isObject()).isTrue());
		JsonNode loaded = lines.stream()
			.filter((line) -> line.path("message").asString("").startsWith("14347_2019-03.csv: LOADED"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no line for 14347_2019-03.csv in " + lines));
		assertThat(loaded.path("log").path("level").asString("")).isEqualTo("DEBUG");
		assertThat(loaded.path("jobExecutionId").asString("")).matches("\\d+");
		assertThat(loaded.path("file").asString("")).isEqualTo("14347_2019-03.csv");
		assertThat(loaded.path("unit").asString("")).isEqualTo("14347");
		assertThat(loaded.path("period").asString("")).isEqualTo("2019-03");
		assertThat(lines).anySatisfy((line) -> {
			assertThat(line.path("file").asString("")).isEqualTo("14350_2019-03.csv");
			assertThat(line.path("message").asString("")).contains("REJECTED");
		});
		// and the console keeps its one line per event for people
		String text = console.toString(StandardCharsets.UTF_8);
		assertThat(text).contains("files loaded 1, rejected 1").doesNotContain("{\"@timestamp\"");
	}

	private void set(String key, String value) {
		String old = System.getProperty(key);
		if (old != null && !this.saved.containsKey(key)) {
			this.saved.put(key, old);
		}
		System.setProperty(key, value);
	}

}
