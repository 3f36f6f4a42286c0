package org.safetystats.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A whole year is built into fresh tables beside the live ones and swapped in at the end,
 * in the build's transaction: readers of the year keep reading the previous rows while it
 * builds (nothing truncates or deletes under them), and the new rows are written without
 * indexes, which are built once at the end. The swap detaches the year's old partitions
 * and attaches the new ones; it needs the tables' exclusive locks for a few milliseconds,
 * taken through {@link ReaderGrace} under a short lock timeout, so that a reader arriving
 * meanwhile waits at most that timeout, and a reader still running finishes on the
 * previous rows first.
 */
@Component
class YearSwap {

	// the indexes and constraints of each warehouse table, as declared on the partitioned
	// parent
	private static final String PARENT_INDEXES = """
			SELECT i.relname AS name, pg_get_indexdef(i.oid) AS index_definition,
			       pg_get_constraintdef(c.oid) AS constraint_definition
			FROM pg_index x
			JOIN pg_class i ON i.oid = x.indexrelid
			LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = x.indrelid
			WHERE x.indrelid = CAST(:parent AS regclass)
			ORDER BY i.relname
			""";

	// the columns (type, collation, NOT NULL, default) and CHECK constraints of a parent,
	// as CREATE TABLE ... (LIKE parent INCLUDING DEFAULTS INCLUDING CONSTRAINTS) copies
	// them
	private static final String PARENT_DEFINITION = """
			SELECT string_agg(part, ', ' ORDER BY position) FROM (
			    SELECT a.attnum AS position,
			           format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))
			           || CASE WHEN a.attcollation <> t.typcollation
			                   THEN ' COLLATE ' || CAST(CAST(a.attcollation AS regcollation) AS text) ELSE '' END
			           || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
			           || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS part
			    FROM pg_attribute a
			    JOIN pg_type t ON t.oid = a.atttypid
			    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			    WHERE a.attrelid = CAST(:parent AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
			    UNION ALL
			    SELECT 10000 + row_number() OVER (ORDER BY c.conname),
			           format('CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid))
			    FROM pg_constraint c
			    WHERE c.conrelid = CAST(:parent AS regclass) AND c.contype = 'c'
			) parts
			""";

	private final JdbcClient jdbc;

	private final ReaderGrace readerGrace;

	YearSwap(JdbcClient jdbc, ReaderGrace readerGrace) {
		this.jdbc = jdbc;
		this.readerGrace = readerGrace;
	}

	/**
	 * Creates the year's fresh tables, empty and without indexes, with the columns,
	 * defaults and CHECK constraints of their parents; returns table to qualified name of
	 * its fresh table. The definitions are read from the catalogue, not through
	 * {@code CREATE TABLE ... LIKE}, which would hold a lock on the parent to the end of
	 * the transaction: a year built ahead ({@link YearsAhead}) would then hold up the
	 * swap of the year the step builds.
	 */
	Map<String, String> create(int year) {
		Map<String, String> fresh = new LinkedHashMap<>();
		for (String table : WarehouseSliceBuilder.TABLES) {
			String name = "warehouse." + next(table, year);
			this.jdbc.sql("DROP TABLE IF EXISTS " + name).update();
			String definition = this.jdbc.sql(PARENT_DEFINITION)
				.param("parent", "warehouse." + table)
				.query(String.class)
				.single();
			this.jdbc.sql("CREATE TABLE " + name + " (" + definition + ")").update();
			copyTriggers(partition(table, year), next(table, year));
			fresh.put(table, name);
		}
		return fresh;
	}

	/**
	 * Indexes the fresh tables like their parents, then puts them in place of the year's
	 * partitions, with the partitions' names.
	 */
	void swapIn(int year) {
		index(year);
		attach(year);
	}

	/**
	 * Builds on each fresh table the indexes of its parent (a primary key as a
	 * constraint, which the attach adopts) and the year's CHECK (so that the attach scans
	 * nothing). It locks no live table: a year built ahead in a transaction of its own
	 * ({@link YearsAhead}) does this before its commit.
	 */
	void index(int year) {
		for (String table : WarehouseSliceBuilder.TABLES) {
			String fresh = next(table, year);
			for (Map<String, Object> index : parentIndexes(table)) {
				String suffix = suffix(table, (String) index.get("name"));
				String constraint = (String) index.get("constraint_definition");
				if (constraint != null) {
					this.jdbc
						.sql("ALTER TABLE warehouse." + fresh + " ADD CONSTRAINT " + fresh + suffix + " " + constraint)
						.update();
				}
				else {
					String definition = (String) index.get("index_definition");
					this.jdbc
						.sql(definition.replace(" ON ONLY warehouse." + table + " ", " ON warehouse." + fresh + " ")
							.replaceFirst("INDEX \\S+ ON", "INDEX " + fresh + suffix + " ON"))
						.update();
				}
			}
			this.jdbc
				.sql("ALTER TABLE warehouse." + fresh + " ADD CONSTRAINT " + fresh + "_year CHECK (year = " + year
						+ ")")
				.update();
		}
	}

	/**
	 * Puts the indexed fresh tables in place of the year's partitions, with the
	 * partitions' names, under the tables' exclusive locks (held to the commit).
	 */
	void attach(int year) {
		List<String> locked = new ArrayList<>();
		for (String table : WarehouseSliceBuilder.TABLES) {
			locked.add("warehouse." + table);
			locked.add("warehouse." + partition(table, year));
			locked.add("warehouse." + table + "_other");
		}
		this.readerGrace.lockExclusively(locked);
		for (String table : WarehouseSliceBuilder.TABLES) {
			String partition = "warehouse." + partition(table, year);
			this.jdbc.sql("ALTER TABLE warehouse." + table + " DETACH PARTITION " + partition).update();
			this.jdbc
				.sql("ALTER TABLE warehouse." + table + " ATTACH PARTITION warehouse." + next(table, year)
						+ " FOR VALUES IN (" + year + ")")
				.update();
			this.jdbc.sql("DROP TABLE " + partition).update();
			this.jdbc.sql("ALTER TABLE warehouse." + next(table, year) + " RENAME TO " + partition(table, year))
				.update();
			this.jdbc
				.sql("ALTER TABLE " + partition + " RENAME CONSTRAINT " + next(table, year) + "_year TO "
						+ partition(table, year) + "_year")
				.update();
			this.jdbc.sql("GRANT SELECT ON " + partition + " TO safetystats_analyst").update();
		}
		// the indexes take the partition's names, free now that the old one is dropped
		for (String table : WarehouseSliceBuilder.TABLES) {
			for (Map<String, Object> index : parentIndexes(table)) {
				String suffix = suffix(table, (String) index.get("name"));
				this.jdbc
					.sql("ALTER INDEX warehouse." + next(table, year) + suffix + " RENAME TO " + partition(table, year)
							+ suffix)
					.update();
			}
		}
	}

	/**
	 * Drops the fresh tables a build left behind without swapping them in (a build ahead
	 * whose step stopped or failed before its year's turn).
	 */
	void dropLeftovers() {
		for (String table : this.jdbc.sql("""
				SELECT c.relname FROM pg_class c
				WHERE c.relnamespace = CAST('warehouse' AS regnamespace) AND c.relkind = 'r'
				  AND c.relname ~ '_[0-9]{4}_next$'
				""").query(String.class).list()) {
			this.jdbc.sql("DROP TABLE IF EXISTS warehouse." + table).update();
		}
	}

	private List<Map<String, Object>> parentIndexes(String table) {
		return this.jdbc.sql(PARENT_INDEXES).param("parent", "warehouse." + table).query().listOfRows();
	}

	private static String suffix(String table, String index) {
		return index.startsWith(table + "_") ? index.substring(table.length()) : "_" + index;
	}

	/**
	 * Gives the fresh table the triggers set on the live partition itself (an audit an
	 * operator added, say): they go on acting on the year's rows (those of the parent
	 * come with the attach).
	 */
	private void copyTriggers(String partition, String fresh) {
		for (String definition : this.jdbc.sql("""
				SELECT pg_get_triggerdef(oid) FROM pg_trigger
				WHERE tgrelid = CAST(:partition AS regclass) AND NOT tgisinternal AND tgparentid = 0
				""").param("partition", "warehouse." + partition).query(String.class).list()) {
			this.jdbc.sql(definition.replace(" ON warehouse." + partition + " ", " ON warehouse." + fresh + " "))
				.update();
		}
	}

	private static String partition(String table, int year) {
		return table + "_" + year;
	}

	private static String next(String table, int year) {
		return table + "_" + year + "_next";
	}

}
