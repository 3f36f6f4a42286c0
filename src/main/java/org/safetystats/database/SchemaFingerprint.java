package org.safetystats.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Migrates the schema only when it may be behind: a SHA-256 of the migration files this
 * application carries (names and bytes) is recorded in {@code ops.schema_fingerprint}
 * after each migration, and a start whose files have the recorded fingerprint skips
 * Flyway's scan and validation. Any doubt (no table, another fingerprint, an error) runs
 * Flyway as before. Public for the test suite, which migrates one template database per
 * test JVM this way and copies it for each suite.
 */
public final class SchemaFingerprint implements FlywayMigrationStrategy {

	private static final Logger logger = LoggerFactory.getLogger(SchemaFingerprint.class);

	private final DataSource dataSource;

	public SchemaFingerprint(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void migrate(Flyway flyway) {
		String current = fingerprint();
		// the fingerprint covers db/migration only: other folders (or callbacks in them)
		// are Flyway's to decide, as in SchemaCurrentCheck
		boolean defaultLocations = Arrays.stream(flyway.getConfiguration().getLocations())
			.map(Object::toString)
			.toList()
			.equals(java.util.List.of(SchemaCurrentCheck.DEFAULT_LOCATIONS));
		if (defaultLocations && current.equals(recorded())) {
			return;
		}
		flyway.migrate();
		record(current);
	}

	private String recorded() {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT fingerprint FROM ops.schema_fingerprint")) {
			return rs.next() ? rs.getString(1) : "";
		}
		catch (SQLException ex) {
			return "";
		}
	}

	private void record(String fingerprint) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement delete = connection.createStatement();
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO ops.schema_fingerprint (fingerprint) VALUES (?)")) {
				delete.execute("DELETE FROM ops.schema_fingerprint");
				insert.setString(1, fingerprint);
				insert.executeUpdate();
			}
			connection.commit();
		}
		catch (SQLException ex) {
			// Only a later start's speed depends on it: it migrates (validates) again.
			logger.debug("Schema fingerprint not recorded: {}", ex.getMessage());
		}
	}

	static String fingerprint() {
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
			Arrays.sort(files, Comparator.comparing(Resource::getFilename));
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			for (Resource file : files) {
				sha256.update(String.valueOf(file.getFilename()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
				try (InputStream in = file.getInputStream()) {
					sha256.update(in.readAllBytes());
				}
			}
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the migrations: " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
