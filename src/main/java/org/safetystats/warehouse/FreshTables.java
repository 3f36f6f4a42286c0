package org.safetystats.warehouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The fresh tables a whole year is built into before {@link YearSwap} puts them in place
 * of the year's partitions (named after the partition, with {@code _next}): created like
 * their parents, and dropped when a build left them behind. They live in the schema
 * {@value #SCHEMA}, which only the pipeline's role may use: analysts read what the swap
 * has put into {@code warehouse}, never a year still building or built ahead, and so
 * cannot hold a lock on one either. Dropping one waits for readers (a role given it by
 * hand) no longer than {@link ReaderGrace} lets them.
 */
@Component
class FreshTables {

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

	static final String SCHEMA = "warehouse_staging";

	private final JdbcClient jdbc;

	private final ReaderGrace readerGrace;

	FreshTables(JdbcClient jdbc, ReaderGrace readerGrace) {
		this.jdbc = jdbc;
		this.readerGrace = readerGrace;
	}

	/** The qualified name of a fresh table. */
	static String qualified(String table, int year) {
		return SCHEMA + "." + YearSwap.next(table, year);
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
			String name = qualified(table, year);
			if (this.jdbc.sql("SELECT to_regclass(:name) IS NOT NULL")
				.param("name", name)
				.query(Boolean.class)
				.single()) {
				drop("a fresh table of " + year + " left behind", List.of(name));
			}
			String definition = this.jdbc.sql(PARENT_DEFINITION)
				.param("parent", "warehouse." + table)
				.query(String.class)
				.single();
			this.jdbc.sql("CREATE TABLE " + name + " (" + definition + ")").update();
			copyTriggers(YearSwap.partition(table, year), name);
			fresh.put(table, name);
		}
		return fresh;
	}

	/**
	 * Drops the fresh tables a build left behind without swapping them in (a build ahead
	 * whose step stopped or failed before its year's turn).
	 */
	void dropLeftovers() {
		List<String> leftovers = this.jdbc
			.sql("""
					SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname = :schema AND c.relkind = 'r' AND c.relname ~ '_[0-9]{4}_next$'
					ORDER BY c.relname
					""")
			.param("schema", SCHEMA)
			.query(String.class)
			.list();
		if (!leftovers.isEmpty()) {
			drop("the fresh tables a build left behind", leftovers);
		}
	}

	private void drop(String purpose, List<String> tables) {
		this.readerGrace.exclusively("dropping " + purpose, tables,
				() -> this.jdbc.sql("DROP TABLE " + String.join(", ", tables)).update());
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
			this.jdbc.sql(definition.replace(" ON warehouse." + partition + " ", " ON " + fresh + " ")).update();
		}
	}

}
