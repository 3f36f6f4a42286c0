package org.safetystats.warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What analysts may read in the warehouse, told by the database itself: every table, view
 * and function of the {@code warehouse} schema the analyst role can read or run, with its
 * comment, its columns and their comments (the {@code COMMENT ON} statements of the
 * migrations, the one source), and an example query each. The console's
 * {@code /dictionary} page and the dictionary at the end of docs/warehouse.md are both
 * made from it ({@link #markdown()}).
 */
@Component
public class DataDictionary {

	/** The role whose rights decide what is listed: the analysts'. */
	static final String ANALYST = "safetystats_analyst";

	private static final String RELATIONS = """
			SELECT c.oid, c.relname, CASE WHEN c.relkind = 'v' THEN 'view' ELSE 'table' END,
			       obj_description(c.oid, 'pg_class')
			FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = 'warehouse' AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition
			  AND has_table_privilege(:role, c.oid, 'SELECT')
			ORDER BY c.relname
			""";

	/** The columns of every relation listed, in one read. */
	private static final String COLUMNS = """
			SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum)
			FROM pg_attribute a
			WHERE a.attrelid = ANY (CAST(:oids AS oid[])) AND a.attnum > 0 AND NOT a.attisdropped
			ORDER BY a.attrelid, a.attnum
			""";

	private static final String FUNCTIONS = """
			SELECT p.proname, pg_get_function_arguments(p.oid), obj_description(p.oid, 'pg_proc'),
			       p.proretset, pg_get_function_result(p.oid)
			FROM pg_proc p
			JOIN pg_namespace n ON n.oid = p.pronamespace
			WHERE n.nspname = 'warehouse' AND p.prokind = 'f'
			  AND has_function_privilege(:role, p.oid, 'EXECUTE')
			ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)
			""";

	/** {@code e.g. name(...)} in a comment: the example its author gave. */
	private static final Pattern EXAMPLE = Pattern.compile("e\\.g\\. (\\w+\\((?:[^()]|''\\)'')*\\))");

	private final JdbcClient jdbc;

	DataDictionary(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One column of a relation, or of what a function returns. */
	public record Column(String name, String type, @Nullable String comment) {
	}

	/**
	 * A table, view or function: its name (a function with its arguments), kind
	 * ({@code table}, {@code view}, {@code function}), comment, columns and an example.
	 */
	public record Entry(String name, String kind, @Nullable String comment, List<Column> columns, String example) {

		/** The anchor of its entry on the page. */
		public String anchor() {
			return this.name.replaceAll("\\(.*", "") + (this.kind.equals("function") ? "-" + arity() : "");
		}

		private int arity() {
			String arguments = this.name.replaceAll("^[^(]*\\(|\\)$", "");
			return arguments.isBlank() ? 0 : arguments.split(",").length;
		}

	}

	/** Every relation, then every function, by name. */
	public List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		record Relation(long oid, String name, String kind, @Nullable String comment) {
		}
		List<Relation> relations = this.jdbc.sql(RELATIONS)
			.param("role", ANALYST)
			.query((rs, n) -> new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		Map<Long, List<Column>> columnsOf = new HashMap<>();
		this.jdbc.sql(COLUMNS)
			.param("oids", relations.stream().map((r) -> String.valueOf(r.oid())).toArray(String[]::new))
			.query((RowCallbackHandler) (rs) -> columnsOf.computeIfAbsent(rs.getLong(1), (oid) -> new ArrayList<>())
				.add(new Column(rs.getString(2), rs.getString(3), rs.getString(4))));
		for (Relation relation : relations) {
			entries.add(new Entry(relation.name(), relation.kind(), relation.comment(),
					List.copyOf(columnsOf.getOrDefault(relation.oid(), List.of())),
					"SELECT * FROM warehouse." + relation.name() + " LIMIT 20;"));
		}
		Map<String, String> glossary = glossary(entries);
		this.jdbc.sql(FUNCTIONS).param("role", ANALYST).query((rs, n) -> {
			String name = rs.getString(1);
			String arguments = rs.getString(2);
			String comment = rs.getString(3);
			boolean set = rs.getBoolean(4);
			List<Column> columns = returned(rs.getString(5)).stream()
				.map((column) -> new Column(column.name(), column.type(), glossary.get(column.name())))
				.toList();
			return new Entry(name + "(" + arguments + ")", "function", comment, columns,
					example(name, arguments, comment, set));
		}).list().forEach(entries::add);
		return List.copyOf(entries);
	}

	/**
	 * The dictionary as Markdown, the section docs/warehouse.md ends with: one heading
	 * per entry, its comment, a table of its columns and its example.
	 */
	public String markdown() {
		StringBuilder out = new StringBuilder();
		for (Entry entry : entries()) {
			out.append("### `").append(entry.name()).append("` (").append(entry.kind()).append(")\n\n");
			out.append(oneLine(entry.comment())).append("\n\n");
			if (!entry.columns().isEmpty()) {
				out.append("| column | type | meaning |\n|---|---|---|\n");
				for (Column column : entry.columns()) {
					out.append("| `")
						.append(column.name())
						.append("` | ")
						.append(column.type())
						.append(" | ")
						.append(oneLine(column.comment()).replace("|", "\\|"))
						.append(" |\n");
				}
				out.append('\n');
			}
			out.append("```sql\n").append(entry.example()).append("\n```\n\n");
		}
		return out.toString();
	}

	/**
	 * A function's columns have no comments of their own: each takes the meaning of the
	 * first relation's column of its name (by the relations' order), named with it.
	 */
	private static Map<String, String> glossary(List<Entry> relations) {
		Map<String, String> meanings = new LinkedHashMap<>();
		for (Entry relation : relations) {
			for (Column column : relation.columns()) {
				if (column.comment() != null && !column.comment().isBlank()) {
					meanings.putIfAbsent(column.name(),
							column.comment() + " (as `" + relation.name() + "." + column.name() + "`)");
				}
			}
		}
		return meanings;
	}

	/** What a function returns, as columns: those of its table, or one value. */
	static List<Column> returned(String result) {
		if (!result.startsWith("TABLE(")) {
			return List.of(new Column("(value)", result, null));
		}
		List<Column> columns = new ArrayList<>();
		String inner = result.substring("TABLE(".length(), result.length() - 1);
		int depth = 0;
		int start = 0;
		for (int i = 0; i <= inner.length(); i++) {
			char c = (i < inner.length()) ? inner.charAt(i) : ',';
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				String column = inner.substring(start, i).strip();
				int space = column.indexOf(' ');
				columns.add(new Column(column.substring(0, space), column.substring(space + 1), null));
				start = i + 1;
			}
		}
		return columns;
	}

	/**
	 * The example its comment gives ({@code e.g. same_period('2019-01', '2019-09')}),
	 * else the call with its arguments named, to fill in.
	 */
	static String example(String name, String arguments, @Nullable String comment, boolean set) {
		String call = null;
		if (comment != null) {
			Matcher given = EXAMPLE.matcher(comment);
			while (given.find()) {
				if (given.group(1).startsWith(name + "(")) {
					call = given.group(1);
					break;
				}
			}
		}
		if (call == null) {
			Map<String, String> named = new LinkedHashMap<>();
			for (String argument : arguments.split(",\\s*")) {
				if (!argument.isBlank()) {
					String[] parts = argument.strip().split("\\s+", 2);
					named.put(parts[0], (parts.length > 1) ? parts[1] : "");
				}
			}
			call = name + "(" + String.join(", ", named.keySet().stream().map((argument) -> ":" + argument).toList())
					+ ")";
		}
		return set ? "SELECT * FROM warehouse." + call + ";" : "SELECT warehouse." + call + ";";
	}

	private static String oneLine(@Nullable String text) {
		return (text == null) ? "" : text.replaceAll("\\s*\\n\\s*", " ").strip();
	}

}
