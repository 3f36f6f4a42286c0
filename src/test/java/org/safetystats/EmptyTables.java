package org.safetystats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties tables between tests at the cost of the rows they hold. {@code TRUNCATE} gives
 * every table, and every partition of a partitioned one, a new file and syncs it at
 * commit, rows or not: on the shared test server it cost 0.8-1.5 s each time a suite
 * emptied the warehouse or the tables of a shared context, about a minute of the server's
 * time per run of the suite. Here only the tables that hold rows are touched, with
 * {@code DELETE} (no new files), those that refer to another before it; and only the
 * sequences that were used are set back to their start ({@code setval}, no new file
 * either), so that the next test sees what a new database shows.
 */
public final class EmptyTables {

	private EmptyTables() {
	}

	/**
	 * Deletes every row of the tables (schema-qualified; a partitioned table as its
	 * parent).
	 */
	public static void empty(JdbcClient jdbc, Collection<String> tables) {
		List<String> filled = withRows(jdbc, tables);
		for (String table : referringFirst(jdbc, filled)) {
			jdbc.sql("DELETE FROM " + table).update();
		}
	}

	/** The tables that hold a row. */
	private static List<String> withRows(JdbcClient jdbc, Collection<String> tables) {
		if (tables.isEmpty()) {
			return List.of();
		}
		List<String> probes = new ArrayList<>();
		for (String table : tables) {
			probes.add("SELECT '" + table.replace("'", "''") + "' WHERE EXISTS (SELECT 1 FROM " + table + ")");
		}
		return jdbc.sql(String.join("\nUNION ALL\n", probes)).query(String.class).list();
	}

	/**
	 * The tables ordered so that a table comes before the tables its foreign keys refer
	 * to (among these tables).
	 */
	private static List<String> referringFirst(JdbcClient jdbc, List<String> tables) {
		if (tables.size() < 2) {
			return tables;
		}
		Set<String> set = new HashSet<>(tables);
		Map<String, Set<String>> referredBy = new HashMap<>();
		jdbc.sql("""
				SELECT DISTINCT format('%I.%I', fn.nspname, f.relname), format('%I.%I', tn.nspname, t.relname)
				FROM pg_constraint k
				JOIN pg_class f ON f.oid = coalesce(pg_partition_root(k.conrelid)::oid, k.conrelid)
				JOIN pg_namespace fn ON fn.oid = f.relnamespace
				JOIN pg_class t ON t.oid = coalesce(pg_partition_root(k.confrelid)::oid, k.confrelid)
				JOIN pg_namespace tn ON tn.oid = t.relnamespace
				WHERE k.contype = 'f'
				""").query((rs, n) -> {
			String from = rs.getString(1);
			String to = rs.getString(2);
			if (set.contains(from) && set.contains(to) && !from.equals(to)) {
				referredBy.computeIfAbsent(to, (key) -> new HashSet<>()).add(from);
			}
			return null;
		}).list();
		// a table is deleted once every table referring to it was
		Set<String> ordered = new LinkedHashSet<>();
		for (String table : tables) {
			visit(table, referredBy, ordered, new HashSet<>());
		}
		return new ArrayList<>(ordered);
	}

	private static void visit(String table, Map<String, Set<String>> referredBy, Set<String> ordered,
			Set<String> path) {
		if (ordered.contains(table)) {
			return;
		}
		if (!path.add(table)) {
			throw new IllegalStateException("foreign keys in a cycle through " + table + ": " + path);
		}
		for (String referring : referredBy.getOrDefault(table, Set.of())) {
			visit(referring, referredBy, ordered, path);
		}
		path.remove(table);
		ordered.add(table);
	}

	/**
	 * Sets every sequence of the schemas that was used back to its start, as a new
	 * database has it, but those of the tables given (schema-qualified), whose rows stay.
	 */
	public static void restartSequences(JdbcClient jdbc, String schemas, Collection<String> keptTables) {
		jdbc.sql("""
				SELECT count(setval(c.oid, s.start_value, false))
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				JOIN pg_sequences s ON s.schemaname = n.nspname AND s.sequencename = c.relname
				WHERE c.relkind = 'S' AND n.nspname IN (""" + schemas + """
				) AND s.last_value IS NOT NULL
				  AND NOT EXISTS (SELECT 1 FROM pg_depend d
				                  JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
				                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')
				                    AND format('%I.%I', tn.nspname, t.relname) = ANY (CAST(:kept AS text[])))
				""").param("kept", keptTables.toArray(String[]::new)).query(Long.class).single();
	}

}
