package org.safetystats.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default starts, keeps its data across two runs, and stops. */
class EmbeddedDatabaseTests {

	@Test
	void keepsDataAcrossRunsAndStops(@TempDir Path dir) throws Exception {
		Path data = dir.resolve("db");
		int port;
		try (EmbeddedDatabase first = EmbeddedDatabase.start(data, 0)) {
			port = first.port();
			try (Connection c = DriverManager.getConnection(first.jdbcUrl(EmbeddedDatabase.DATABASE), "postgres", "");
					Statement s = c.createStatement()) {
				s.execute("CREATE TABLE kept (v text)");
				s.execute("INSERT INTO kept VALUES ('still here')");
			}
		}
		assertThatThrownBy(
				() -> DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")
					.close())
			.isInstanceOf(java.sql.SQLException.class);
		try (EmbeddedDatabase second = EmbeddedDatabase.start(data, 0);
				Connection c = DriverManager.getConnection(second.jdbcUrl(EmbeddedDatabase.DATABASE), "postgres", "");
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("still here");
		}
	}

}
