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

	private final JdbcClient jdbc;

	private final ReaderGrace readerGrace;

	YearSwap(JdbcClient jdbc, ReaderGrace readerGrace) {
		this.jdbc = jdbc;
		this.readerGrace = readerGrace;
	}

	/**
	 * Creates the year's fresh tables, empty and without indexes; returns table to
	 * qualified name of its fresh table.
	 */
	Map<String, String> create(int year) {
		Map<String, String> fresh = new LinkedHashMap<>();
		for (String table : WarehouseSliceBuilder.TABLES) {
			String name = "warehouse." + next(table, year);
			this.jdbc.sql("DROP TABLE IF EXISTS " + name).update();
			this.jdbc
				.sql("CREATE TABLE " + name + " (LIKE warehouse." + table
						+ " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
				.update();
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
		List<Runnable> renames = new ArrayList<>();
		for (String table : WarehouseSliceBuilder.TABLES) {
			renames.addAll(index(table, year));
			this.jdbc
				.sql("ALTER TABLE warehouse." + next(table, year) + " ADD CONSTRAINT " + next(table, year)
						+ "_year CHECK (year = " + year + ")")
				.update();
		}
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
		renames.forEach(Runnable::run);
	}

	/**
	 * Builds on the fresh table each index of its parent (a primary key as a constraint,
	 * which the attach adopts); returns the renames that give them the partition's names.
	 */
	private List<Runnable> index(String table, int year) {
		List<Runnable> renames = new ArrayList<>();
		String fresh = next(table, year);
		for (Map<String, Object> index : this.jdbc.sql(PARENT_INDEXES)
			.param("parent", "warehouse." + table)
			.query()
			.listOfRows()) {
			String name = (String) index.get("name");
			String suffix = name.startsWith(table + "_") ? name.substring(table.length()) : "_" + name;
			String constraint = (String) index.get("constraint_definition");
			if (constraint != null) {
				this.jdbc.sql("ALTER TABLE warehouse." + fresh + " ADD CONSTRAINT " + fresh + suffix + " " + constraint)
					.update();
			}
			else {
				String definition = (String) index.get("index_definition");
				this.jdbc
					.sql(definition.replace(" ON ONLY warehouse." + table + " ", " ON warehouse." + fresh + " ")
						.replaceFirst("INDEX \\S+ ON", "INDEX " + fresh + suffix + " ON"))
					.update();
			}
			renames.add(() -> this.jdbc
				.sql("ALTER INDEX warehouse." + fresh + suffix + " RENAME TO " + partition(table, year) + suffix)
				.update());
		}
		return renames;
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
