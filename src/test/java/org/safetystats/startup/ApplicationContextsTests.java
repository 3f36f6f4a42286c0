package org.safetystats.startup;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.database.EmbeddedDatabase;
import org.safetystats.database.EmbeddedServer;
import org.safetystats.system.UserFacingException;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a command without SAFETYSTATS_DB_URL comes to the embedded default. */
class ApplicationContextsTests {

	@TempDir
	static Path home;

	private final Path data = home.resolve("db");

	@AfterEach
	void stopTheServer() {
		EmbeddedServer.stop(this.data);
	}

	@Test
	void aCommandThatStartsTheEmbeddedDatabaseSaysSoFirstAndASettingForbidsIt() throws Exception {
		// a folder no other test of the class has made a server in (they share the home)
		EmbeddedServer.stop(this.data);
		FileSystemUtils.deleteRecursively(this.data);
		System.setProperty("safetystats.home", home.toString());
		PrintStream err = System.err;
		ByteArrayOutputStream said = new ByteArrayOutputStream();
		try {
			// forbidden: refused, nothing started
			System.setProperty(ApplicationContexts.EMBEDDED_PROPERTY, ApplicationContexts.FORBIDDEN);
			assertThatThrownBy(() -> ApplicationContexts.useEmbedded(new HashMap<>()))
				.isInstanceOf(UserFacingException.class)
				.hasMessageContaining("SAFETYSTATS_DB_URL is not set")
				.hasMessageContaining("embedded-database=forbidden");
			assertThat(this.data.resolve("postmaster.pid")).doesNotExist();
			System.clearProperty(ApplicationContexts.EMBEDDED_PROPERTY);
			System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
			// the first command starts it, new, and says so on its first line
			Map<String, Object> first = new HashMap<>();
			ApplicationContexts.useEmbedded(first);
			assertThat(said.toString(StandardCharsets.UTF_8).lines().findFirst())
				.hasValueSatisfying((line) -> assertThat(line)
					.startsWith("using the embedded database at " + this.data + " (SAFETYSTATS_DB_URL is not set)")
					.contains("started it now, new and empty"));
			assertThat(first.get("spring.datasource.url").toString()).contains(EmbeddedDatabase.DATABASE);
			// the next one joins it quietly
			said.reset();
			ApplicationContexts.useEmbedded(new HashMap<>());
			assertThat(said.toString(StandardCharsets.UTF_8)).isEmpty();
		}
		finally {
			System.setErr(err);
			System.clearProperty(ApplicationContexts.EMBEDDED_PROPERTY);
			System.clearProperty("safetystats.home");
		}
	}

}
