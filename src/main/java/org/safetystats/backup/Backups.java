package org.safetystats.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.safetystats.admin.PipelineLock;
import org.safetystats.system.SafetystatsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes a backup folder of the installation the settings name, and restores one into an
 * empty database and home. The folder: <pre>
 * backup.properties         schema version, when, from where, how many rows and files
 * database/                 the tables and sequences ({@link DatabaseCopy})
 * files/inbox|archive|rejected
 * config/  jobs/            the catalogues and the schedules
 * SHA256SUMS                the manifest ({@link Checksums}), written last
 * </pre> The backup holds the pipeline lock while it copies, so no run commits a file or
 * moves one between the database's snapshot and the copy of the folders.
 */
@Component
class Backups {

	private static final Logger logger = LoggerFactory.getLogger(Backups.class);

	static final String PROPERTIES = "backup.properties";

	static final String FORMAT = "1";

	private static final String MIGRATIONS = "classpath:db/migration";

	private final DataSource dataSource;

	private final SafetystatsProperties settings;

	private final PipelineLock lock;

	private final Clock clock;

	Backups(DataSource dataSource, SafetystatsProperties settings, PipelineLock lock, Clock clock) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.lock = lock;
		this.clock = clock;
	}

	/** What a backup holds, as {@code backup.properties} says. */
	record Summary(Path folder, String schemaVersion, int tables, long rows, long files) {

	}

	Summary create(Path out) throws IOException, SQLException {
		if (Files.exists(out) && (!Files.isDirectory(out) || !empty(out))) {
			throw new BackupException("backup folder " + out + " exists and is not empty: name a new folder");
		}
		Optional<AutoCloseable> held = this.lock.tryAcquire();
		if (held.isEmpty()) {
			throw new BackupException(
					"a pipeline run holds the pipeline lock (see `safetystats status`): " + "back up after it ends");
		}
		try (AutoCloseable lease = held.get()) {
			Files.createDirectories(out);
			String version;
			List<DatabaseCopy.Table> tables;
			try (Connection connection = this.dataSource.getConnection()) {
				version = schemaVersion(connection);
				tables = DatabaseCopy.write(connection, out);
			}
			long files = 0;
			for (Map.Entry<String, Path> folder : folders().entrySet()) {
				files += copyTree(folder.getValue(), out.resolve(folder.getKey()));
			}
			long rows = tables.stream().mapToLong(DatabaseCopy.Table::rows).sum();
			Properties properties = new Properties();
			properties.setProperty("format", FORMAT);
			properties.setProperty("schema-version", version);
			properties.setProperty("created-at", this.clock.instant().toString());
			properties.setProperty("tables", Integer.toString(tables.size()));
			properties.setProperty("rows", Long.toString(rows));
			properties.setProperty("files", Long.toString(files));
			try (OutputStream stream = Files.newOutputStream(out.resolve(PROPERTIES))) {
				properties.store(stream, "safetystats backup: restore with `safetystats backup restore --from DIR`");
			}
			Checksums.write(out);
			logger.info("Backup written to {}: schema {}, {} tables, {} rows, {} files", out, version, tables.size(),
					rows, files);
			return new Summary(out, version, tables.size(), rows, files);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("releasing the pipeline lock failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Restores a backup folder into the database and home the settings name, both empty:
	 * migrates the database to the backup's schema version, loads the rows, copies the
	 * files. The migrations after that version run at the next start, as in an upgrade.
	 */
	Summary restore(Path from) throws IOException, SQLException {
		if (!Files.isDirectory(from)) {
			throw new BackupException("backup folder " + from + " does not exist");
		}
		Checksums.verify(from);
		Properties properties = new Properties();
		try (InputStream stream = Files.newInputStream(from.resolve(PROPERTIES))) {
			properties.load(stream);
		}
		if (!FORMAT.equals(properties.getProperty("format"))) {
			throw new BackupException("backup " + from + ": format " + properties.getProperty("format")
					+ " is not one this release reads (" + FORMAT + ")");
		}
		String version = properties.getProperty("schema-version", "");
		Flyway flyway = flyway(version);
		MigrationVersion newest = newestMigration(flyway);
		if (MigrationVersion.fromVersion(version).isNewerThan(newest.getVersion())) {
			throw new BackupException("backup " + from + " has schema version " + version + ", newer than this "
					+ "release's " + newest + ": restore it with the release that wrote it");
		}
		try (Connection connection = this.dataSource.getConnection()) {
			long objects = DatabaseCopy.objects(connection);
			if (objects > 0) {
				throw new BackupException("the database " + connection.getMetaData().getURL() + " is not empty ("
						+ objects + " tables, views or sequences): restore needs a new, empty database");
			}
			if (!DatabaseCopy.superuser(connection)) {
				throw new BackupException("restore loads rows with triggers off, which needs a superuser: connect as "
						+ "one (SAFETYSTATS_DB_USER) for the restore");
			}
		}
		checkHome(from);
		flyway.migrate();
		long rows;
		try (Connection connection = this.dataSource.getConnection()) {
			rows = DatabaseCopy.read(connection, from);
		}
		long files = 0;
		for (Map.Entry<String, Path> folder : folders().entrySet()) {
			files += copyTree(from.resolve(folder.getKey()), folder.getValue());
		}
		logger.info("Backup {} restored: schema {}, {} rows, {} files", from, version, rows, files);
		return new Summary(from, version, DatabaseCopy.tables(from).size(), rows, files);
	}

	/**
	 * The home's folders must hold no file; in {@code config/} and {@code jobs/} a file
	 * the backup also has must have its bytes (an installation's own copy of the bundled
	 * catalogues may stay).
	 */
	private void checkHome(Path from) throws IOException {
		for (Map.Entry<String, Path> folder : folders().entrySet()) {
			Path target = folder.getValue();
			if (!Files.exists(target)) {
				continue;
			}
			if (folder.getKey().startsWith("files/")) {
				if (!empty(target)) {
					throw new BackupException("the " + folder.getKey().substring(6) + " folder " + target
							+ " is not empty: restore needs an empty home");
				}
				continue;
			}
			Path source = from.resolve(folder.getKey());
			try (Stream<Path> walk = Files.walk(target)) {
				for (Path file : walk.filter(Files::isRegularFile).toList()) {
					Path theirs = source.resolve(target.relativize(file).toString());
					if (Files.exists(theirs) && Files.mismatch(file, theirs) != -1) {
						throw new BackupException(file + " differs from the backup's " + folder.getKey() + "/"
								+ target.relativize(file) + ": move it away, the restore puts the backup's");
					}
				}
			}
		}
	}

	/** The folders a backup copies, by their name in the backup. */
	private Map<String, Path> folders() {
		Map<String, Path> folders = new LinkedHashMap<>();
		folders.put("files/inbox", this.settings.inbox());
		folders.put("files/archive", this.settings.archive());
		folders.put("files/rejected", this.settings.rejected());
		folders.put("config", this.settings.configDir());
		folders.put("jobs", this.settings.jobsDir());
		return folders;
	}

	private Flyway flyway(String version) {
		if (version.isBlank()) {
			throw new BackupException(PROPERTIES + " names no schema-version");
		}
		// Repeatable migrations (the warehouse views) are left to the start after the
		// restore, which applies them with the versioned ones after the backup's, as an
		// upgrade does.
		return Flyway.configure()
			.dataSource(this.dataSource)
			.locations(MIGRATIONS)
			.configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
			.repeatableSqlMigrationPrefix("NOT_AT_RESTORE")
			.target(MigrationVersion.fromVersion(version))
			.load();
	}

	private static MigrationVersion newestMigration(Flyway flyway) {
		MigrationVersion newest = MigrationVersion.EMPTY;
		for (MigrationInfo info : flyway.info().all()) {
			if (info.getVersion() != null && info.getVersion().isNewerThan(newest.getVersion())) {
				newest = info.getVersion();
			}
		}
		return newest;
	}

	/** The newest versioned migration applied. */
	private static String schemaVersion(Connection connection) throws SQLException {
		List<MigrationVersion> versions = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT version FROM public.flyway_schema_history WHERE success AND version IS NOT NULL")) {
			while (rs.next()) {
				versions.add(MigrationVersion.fromVersion(rs.getString(1)));
			}
		}
		return versions.stream()
			.max(Comparator.naturalOrder())
			.orElseThrow(() -> new BackupException("the database has no migration applied: nothing to back up"))
			.getVersion();
	}

	private static boolean empty(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.noneMatch(Files::isRegularFile);
		}
	}

	/** Copies the files under {@code source} (if it exists), keeping their times. */
	private static long copyTree(Path source, Path target) throws IOException {
		if (!Files.isDirectory(source)) {
			return 0;
		}
		long[] copied = { 0 };
		Files.walkFileTree(source, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Files.createDirectories(target.resolve(source.relativize(dir).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				if (attrs.isRegularFile()) {
					Files.copy(file, target.resolve(source.relativize(file).toString()),
							StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
							LinkOption.NOFOLLOW_LINKS);
					copied[0]++;
				}
				return FileVisitResult.CONTINUE;
			}

		});
		return copied[0];
	}

}
