package org.safetystats.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A whole year is built into fresh tables beside the live ones ({@link FreshTables}, in a
 * schema analysts cannot use) and swapped in at the end, in the build's transaction:
 * readers of the year keep reading the previous rows while it builds (nothing truncates
 * or deletes under them), and the new rows are written without indexes, which are built
 * once at the end. The swap detaches the year's old partitions, attaches the new ones and
 * moves them into {@code warehouse} under the partitions' names; it needs the exclusive
 * locks of every table it touches (parents, old partitions, default partitions, fresh
 * tables) for a few milliseconds, all taken through {@link ReaderGrace} under a short
 * lock timeout, so that a reader arriving meanwhile waits at most that timeout, and a
 * reader still running finishes on the previous rows first, or is ended after the grace.
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

	private final JdbcClient jdbc;

	private final ReaderGrace readerGrace;

	YearSwap(JdbcClient jdbc, ReaderGrace readerGrace) {
		this.jdbc = jdbc;
		this.readerGrace = readerGrace;
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
			String qualified = FreshTables.qualified(table, year);
			for (Map<String, Object> index : parentIndexes(table)) {
				String suffix = suffix(table, (String) index.get("name"));
				String constraint = (String) index.get("constraint_definition");
				if (constraint != null) {
					this.jdbc.sql("ALTER TABLE " + qualified + " ADD CONSTRAINT " + fresh + suffix + " " + constraint)
						.update();
				}
				else {
					String definition = (String) index.get("index_definition");
					this.jdbc
						.sql(definition.replace(" ON ONLY warehouse." + table + " ", " ON " + qualified + " ")
							.replaceFirst("INDEX \\S+ ON", "INDEX " + fresh + suffix + " ON"))
						.update();
				}
			}
			this.jdbc.sql("ALTER TABLE " + qualified + " ADD CONSTRAINT " + fresh + "_year CHECK (year = " + year + ")")
				.update();
		}
	}

	/**
	 * Puts the indexed fresh tables in place of the year's partitions, in
	 * {@code warehouse} and with the partitions' names, under the exclusive locks of
	 * every table it touches (held to the commit).
	 */
	void attach(int year) {
		List<String> locked = new ArrayList<>();
		for (String table : WarehouseSliceBuilder.TABLES) {
			locked.add("warehouse." + table);
			locked.add("warehouse." + partition(table, year));
			locked.add("warehouse." + table + "_other");
			locked.add(FreshTables.qualified(table, year));
		}
		this.readerGrace.exclusively("the swap of " + year, locked, () -> swap(year));
		// what readers see of the year changes now (a year built ahead was filled in an
		// earlier transaction)
		YearBuiltStamps.stamp(this.jdbc, year, true);
	}

	private void swap(int year) {
		for (String table : WarehouseSliceBuilder.TABLES) {
			String partition = "warehouse." + partition(table, year);
			String fresh = FreshTables.qualified(table, year);
			this.jdbc.sql("ALTER TABLE warehouse." + table + " DETACH PARTITION " + partition).update();
			this.jdbc
				.sql("ALTER TABLE warehouse." + table + " ATTACH PARTITION " + fresh + " FOR VALUES IN (" + year + ")")
				.update();
			this.jdbc.sql("DROP TABLE " + partition).update();
			// its indexes and constraints move with it
			this.jdbc.sql("ALTER TABLE " + fresh + " SET SCHEMA warehouse").update();
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

	private List<Map<String, Object>> parentIndexes(String table) {
		return this.jdbc.sql(PARENT_INDEXES).param("parent", "warehouse." + table).query().listOfRows();
	}

	private static String suffix(String table, String index) {
		return index.startsWith(table + "_") ? index.substring(table.length()) : "_" + index;
	}

	static String partition(String table, int year) {
		return table + "_" + year;
	}

	static String next(String table, int year) {
		return table + "_" + year + "_next";
	}

}
