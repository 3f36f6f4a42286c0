package org.safetystats.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.validate.CoveredMonths;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * Rebuilds one year of the warehouse, for some communes (and the rollups of their
 * provinces) or all, with the set-based statements of the {@link #STEPS}, one resource
 * each in {@code build-slice/} named by the step (loaded once), in the caller's
 * transaction: a reader sees the year before or after, never half of it, and never waits
 * for the build. A whole year is built into fresh tables and swapped in
 * ({@link YearSwap}), possibly ahead, on the other core ({@link YearsAhead}); a slice of
 * communes replaces its rows in place. The year's as-now rows (re-aggregated onto the
 * units valid on the as-of date, with the maps the build was planned with) are built
 * last, from the year's own tables, for the provinces the slice touches today.
 * <p>
 * In the statements, {@code {table}} stands for a warehouse table: for a whole year the
 * year's fresh tables (built beside the live partitions, then swapped in), and the
 * {@value #CLEAR} step is skipped; for a slice, the live tables. {@code {slice column}}
 * is the slice's filter on a commune code, written once here ({@link #SLICE}: every
 * commune when {@code :all}). Their parameters: {@code :year}, {@code :all},
 * {@code :communes} (a text[] of commune codes), {@code :asOf} (the build's as-of date)
 * and {@code :dueDay} (a month is owed once the due day of the month after it has passed
 * by {@code :asOf}: {@code warehouse.owed}). A step's statements are separated by a
 * semicolon at the end of a line.
 */
@Component
class WarehouseSliceBuilder {

	private static final Logger logger = LoggerFactory.getLogger(WarehouseSliceBuilder.class);

	private static final Pattern FILLS = Pattern.compile("(?m)^INSERT INTO \\{(\\w+)\\}");

	/** The step that deletes a slice's commune rows first; a whole year skips it. */
	static final String CLEAR = "clear";

	/** The step whose rows are the facts a build reports. */
	static final String FACTS = "facts";

	/** The build's steps, in order: {@code build-slice/<step>.sql} each. */
	static final List<String> STEPS = List.of(CLEAR, "commune-months", FACTS, "commune-month-values",
			"commune-year-values", "villages", "clear-rollups", "month-rollups", "year-rollups", "village-ratios",
			"as-now");

	/** {@code {slice column}}: the slice's filter on a commune code column. */
	private static final Pattern SLICE = Pattern.compile("\\{slice ([\\w.]+)\\}");

	static final List<String> TABLES = List.of("agg_village_year_as_now", "agg_indicator_year_as_now",
			"agg_indicator_month_as_now", "commune_month_as_now", "agg_village_year", "village_fact_months",
			"village_year", "agg_indicator_year", "agg_indicator_month", "fact_value", "commune_month");

	private final JdbcClient jdbc;

	private final int dueDay;

	private final List<Statement> statements;

	private final YearSwap yearSwap;

	private final FreshTables freshTables;

	private final String workMem;

	/** One statement of a step, and the table it fills, if it fills one. */
	record Statement(String step, String sql, @Nullable String fills) {

	}

	WarehouseSliceBuilder(JdbcClient jdbc, SafetystatsProperties properties, YearSwap yearSwap, FreshTables freshTables,
			@Value("${safetystats.warehouse-work-mem:256MB}") String workMem) {
		this.jdbc = jdbc;
		this.dueDay = properties.dueDayOfMonth();
		this.yearSwap = yearSwap;
		this.freshTables = freshTables;
		this.workMem = workMem;
		this.statements = load();
	}

	/**
	 * Rebuilds the year for these communes (empty: all) as of a day (the months whose due
	 * day has passed by then are owed); returns the facts written.
	 */
	public long build(int year, Collection<String> communes, LocalDate asOf) {
		long started = System.nanoTime();
		boolean swap = wholeYear(year, communes);
		Map<String, String> tables = swap ? this.freshTables.create(year) : live(year, communes.isEmpty());
		long facts = fill(year, communes, tables, swap, asOf);
		if (swap) {
			this.yearSwap.swapIn(year);
		}
		else {
			YearBuiltStamps.stamp(this.jdbc, year, communes.isEmpty());
		}
		logger.info("Warehouse {} ({}) rebuilt: {} facts in {} ms", year,
				communes.isEmpty() ? "every commune" : communes.size() + " commune(s)", facts,
				(System.nanoTime() - started) / 1_000_000);
		return facts;
	}

	/**
	 * Whether the build of this slice is a whole year built into fresh tables and swapped
	 * in (a year the validator lets in, for every commune).
	 */
	static boolean wholeYear(int year, Collection<String> communes) {
		return communes.isEmpty() && CoveredMonths.coversYear(year);
	}

	/**
	 * Runs the statements of the {@link #STEPS} on {@code tables} (fresh ones, which are
	 * analysed as they fill, or the live ones), in the caller's transaction, as of a day;
	 * returns the facts written.
	 */
	long fill(int year, Collection<String> communes, Map<String, String> tables, boolean fresh, LocalDate asOf) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"a warehouse slice must be built inside a transaction");
		// whole tables are joined, grouped and indexed: in memory, joined by hashing, and
		// not compiled (the server's JIT took longer to compile the build's statements
		// than it saved running them: the villages' 0.8 s of a year were 0.1 s without)
		this.jdbc.sql("""
				SELECT set_config('work_mem', :workMem, true), set_config('maintenance_work_mem', :workMem, true),
				       set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)
				""").param("workMem", this.workMem).query().listOfRows();
		long facts = 0;
		for (Statement statement : this.statements) {
			if (communes.isEmpty() && statement.step().equals(CLEAR)) {
				continue;
			}
			long statementStarted = System.nanoTime();
			int rows = this.jdbc.sql(named(statement.sql(), tables))
				.param("year", year)
				.param("all", communes.isEmpty())
				.param("communes", new SqlArrayValue("text", communes.toArray()))
				.param("asOf", asOf)
				.param("dueDay", this.dueDay)
				.update();
			if (fresh && statement.fills() != null) {
				// a fresh table has no statistics: the next statements are planned on
				// these
				this.jdbc.sql("ANALYZE " + tables.get(statement.fills())).update();
			}
			if (statement.step().equals(FACTS)) {
				facts = rows;
			}
			logger.debug("{} {}: {} rows in {} ms", year, statement.step(), rows,
					(System.nanoTime() - statementStarted) / 1_000_000);
		}
		return facts;
	}

	/**
	 * The live tables, where a slice of communes replaces its rows (readers see the rows
	 * before the build's commit, as MVCC keeps them); a whole year outside
	 * {@link CoveredMonths} lives in the default partitions and is deleted first.
	 */
	private Map<String, String> live(int year, boolean wholeYear) {
		Map<String, String> tables = new LinkedHashMap<>();
		for (String table : TABLES) {
			tables.put(table, "warehouse." + table);
			if (wholeYear) {
				this.jdbc.sql("DELETE FROM warehouse." + table + " WHERE year = :year").param("year", year).update();
			}
		}
		return tables;
	}

	private static String named(String sql, Map<String, String> tables) {
		String named = sql;
		for (Map.Entry<String, String> table : tables.entrySet()) {
			named = named.replace("{" + table.getKey() + "}", table.getValue());
		}
		return named;
	}

	private static List<Statement> load() {
		List<Statement> statements = new ArrayList<>();
		for (String step : STEPS) {
			String name = "build-slice/" + step + ".sql";
			String text;
			try {
				text = StreamUtils.copyToString(
						new ClassPathResource(name, WarehouseSliceBuilder.class).getInputStream(),
						StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + name, ex);
			}
			String sliced = SLICE.matcher(text).replaceAll("(:all OR $1 = ANY (:communes))");
			for (String sql : sliced.split(";\\s*\\n")) {
				if (!sql.replaceAll("(?m)^--.*$", "").isBlank()) {
					Matcher fills = FILLS.matcher(sql);
					statements.add(new Statement(step, sql.strip(), fills.find() ? fills.group(1) : null));
				}
			}
		}
		return List.copyOf(statements);
	}

}
