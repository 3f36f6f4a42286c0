package org.safetystats.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database part of a backup, written and read with PostgreSQL's own COPY through the
 * JDBC driver: no client tools, so the same route serves the embedded server (which ships
 * without {@code pg_dump}) and a server of any version the driver speaks to.
 * <p>
 * Writing: every table in one {@code REPEATABLE READ READ ONLY} transaction, so all of
 * them show the same instant (a consistent dump, as {@code pg_dump} takes it); each table
 * in {@code database/<schema>.
 *
<table>
 * .copy} (COPY's text format), listed with its columns and row count in {@value #TABLES},
 * and the sequences in {@value #SEQUENCES}. The schema itself is not written: it is the
 * application's Flyway migrations up to the version the backup records, which a restore
 * applies first.
 * <p>
 * Reading: in one transaction, with {@code session_replication_role = replica} (the rows
 * go in as they were: no trigger derives a row twice, no foreign key is checked against a
 * table not loaded yet), after emptying the tables the migrations seeded.
 */
final class DatabaseCopy {

	static final String FOLDER = "database";

	static final String TABLES = "tables.tsv";

	static final String SEQUENCES = "sequences.tsv";

	/**
	 * The tables: every ordinary table (the partitions of a partitioned one, which hold
	 * its rows) but Flyway's history, which the restore's migration writes, the schema
	 * fingerprint, which would make the next start skip the migrations after the
	 * restore's, and the warehouse build's staging tables, which hold nothing between
	 * builds.
	 */
	private static final String LIST_TABLES = """
			SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'warehouse_staging')
			  AND n.nspname NOT LIKE 'pg\\_%'
			  AND NOT (n.nspname = 'public' AND c.relname = 'flyway_schema_history')
			  AND NOT (n.nspname = 'ops' AND c.relname = 'schema_fingerprint')
			ORDER BY 1, 2
			""";

	private static final String LIST_COLUMNS = """
			SELECT attname FROM pg_attribute
			WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
			ORDER BY attnum
			""";

	/** Read after the tables: a sequence is never behind the rows of the snapshot. */
	private static final String LIST_SEQUENCES = """
			SELECT schemaname, sequencename, last_value FROM pg_sequences
			WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2
			""";

	private static final String USER_TABLES = """
			SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			  AND n.nspname NOT LIKE 'pg\\_%'
			""";

	private DatabaseCopy() {
	}

	/** A table of the backup: its columns, in COPY's order, and its rows. */
	record Table(String schema, String name, List<String> columns, long rows) {

		String qualified() {
			return quote(this.schema) + "." + quote(this.name);
		}

		String fileName() {
			return this.schema + "." + this.name + ".copy.gz";
		}

		String line() {
			return this.schema + "\t" + this.name + "\t" + this.rows + "\t" + String.join(",", this.columns);
		}

		static Table parse(String line) {
			String[] fields = line.split("\t", -1);
			if (fields.length != 4) {
				throw new BackupException(FOLDER + "/" + TABLES + ": not 'schema, table, rows, columns': " + line);
			}
			List<String> columns = fields[3].isEmpty() ? List.of() : List.of(fields[3].split(","));
			return new Table(fields[0], fields[1], columns, Long.parseLong(fields[2]));
		}

	}

	/**
	 * Writes every table and sequence as one snapshot shows them into
	 * {@code folder/database}; returns the tables.
	 */
	static List<Table> write(Connection connection, Path folder) throws SQLException, IOException {
		Path database = Files.createDirectories(folder.resolve(FOLDER));
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
		connection.setReadOnly(true);
		try {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			List<Table> tables = new ArrayList<>();
			for (String[] name : names(connection)) {
				List<String> columns = columns(connection, quote(name[0]) + "." + quote(name[1]));
				Table unread = new Table(name[0], name[1], columns, 0);
				long rows;
				try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(database.resolve(unread.fileName())),
						1 << 16)) {
					rows = copy.copyOut("COPY " + unread.qualified() + columnList(columns) + " TO STDOUT", out);
				}
				tables.add(new Table(name[0], name[1], columns, rows));
			}
			List<String> sequences = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery(LIST_SEQUENCES)) {
				while (rs.next()) {
					String last = rs.getString(3);
					sequences.add(rs.getString(1) + "\t" + rs.getString(2) + "\t" + ((last != null) ? last : ""));
				}
			}
			connection.commit();
			Files.write(database.resolve(TABLES), tables.stream().map(Table::line).toList(), StandardCharsets.UTF_8);
			Files.write(database.resolve(SEQUENCES), sequences, StandardCharsets.UTF_8);
			return tables;
		}
		finally {
			connection.rollback();
			connection.setReadOnly(false);
			connection.setAutoCommit(true);
		}
	}

	/**
	 * How many tables, views and sequences the database holds outside PostgreSQL's own.
	 */
	static long objects(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(USER_TABLES)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** The tables a backup folder holds, in the order written. */
	static List<Table> tables(Path folder) throws IOException {
		List<Table> tables = new ArrayList<>();
		for (String line : Files.readAllLines(folder.resolve(FOLDER).resolve(TABLES), StandardCharsets.UTF_8)) {
			if (!line.isBlank()) {
				tables.add(Table.parse(line));
			}
		}
		return tables;
	}

	/**
	 * Loads a backup's tables and sequences into a database migrated to the backup's
	 * schema version, in one transaction.
	 */
	static long read(Connection connection, Path folder) throws SQLException, IOException {
		List<Table> tables = tables(folder);
		Set<String> present = new HashSet<>();
		for (String[] name : names(connection)) {
			present.add(name[0] + "." + name[1]);
		}
		for (Table table : tables) {
			if (!present.contains(table.schema() + "." + table.name())) {
				throw new BackupException("backup " + folder + ": table " + table.schema() + "." + table.name()
						+ " is not in the schema its version's migrations make");
			}
		}
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL session_replication_role = replica");
			statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(Table::qualified).toList()));
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			long rows = 0;
			for (Table table : tables) {
				try (InputStream in = new GZIPInputStream(
						Files.newInputStream(folder.resolve(FOLDER).resolve(table.fileName())), 1 << 16)) {
					long loaded = copy.copyIn("COPY " + table.qualified() + columnList(table.columns()) + " FROM STDIN",
							in);
					if (loaded != table.rows()) {
						throw new BackupException("backup " + folder + ": " + table.fileName() + " holds " + loaded
								+ " rows, " + TABLES + " says " + table.rows());
					}
					rows += loaded;
				}
			}
			setSequences(connection, folder.resolve(FOLDER).resolve(SEQUENCES));
			// transaction ids start anew in another cluster: the snapshots the
			// publications were made in, and the builds' stamps, mean nothing here
			// (published_changes then compares those publications whole, and the builds
			// from now on stamp anew)
			statement.execute("""
					DO $$ BEGIN
					    IF to_regclass('warehouse.year_built') IS NOT NULL THEN
					        UPDATE warehouse.publication SET snapshot = NULL;
					        DELETE FROM warehouse.year_built;
					    END IF;
					END $$
					""");
			connection.commit();
			return rows;
		}
		catch (SQLException | IOException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private static void setSequences(Connection connection, Path file) throws IOException, SQLException {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				PreparedStatement setval = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
			String line;
			while ((line = reader.readLine()) != null) {
				String[] fields = line.split("\t", -1);
				if (fields.length == 3 && !fields[2].isEmpty()) {
					setval.setString(1, quote(fields[0]) + "." + quote(fields[1]));
					setval.setLong(2, Long.parseLong(fields[2]));
					setval.execute();
				}
			}
		}
	}

	/**
	 * Whether the role may load rows with triggers off
	 * ({@code session_replication_role}).
	 */
	static boolean superuser(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
			return rs.next() && rs.getBoolean(1);
		}
	}

	private static List<String[]> names(Connection connection) throws SQLException {
		List<String[]> names = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LIST_TABLES)) {
			while (rs.next()) {
				names.add(new String[] { rs.getString(1), rs.getString(2) });
			}
		}
		return names;
	}

	private static List<String> columns(Connection connection, String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(LIST_COLUMNS)) {
			statement.setString(1, table);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					columns.add(rs.getString(1));
				}
			}
		}
		return columns;
	}

	/** The columns for COPY; none for a table without columns (a lock's gate). */
	private static String columnList(List<String> names) {
		return names.isEmpty() ? "" : " (" + String.join(", ", names.stream().map(DatabaseCopy::quote).toList()) + ")";
	}

	private static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

}
