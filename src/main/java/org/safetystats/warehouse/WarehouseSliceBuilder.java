package org.safetystats.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.validate.CoveredMonths;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * Rebuilds one year of the warehouse, for some communes (and the rollups of their
 * provinces) or all, with the set-based statements of {@code build-slice.sql} (loaded
 * once), in the caller's transaction: a reader sees the year before or after, never half
 * of it.
 */
@Component
class WarehouseSliceBuilder {

	private static final Logger logger = LoggerFactory.getLogger(WarehouseSliceBuilder.class);

	static final List<String> TABLES = List.of("agg_village_year", "village_year", "agg_indicator_year",
			"agg_indicator_month", "fact_value", "commune_month");

	private final JdbcClient jdbc;

	private final Clock clock;

	private final List<Statement> statements;

	record Statement(String step, String sql) {

	}

	private final ReaderGrace readerGrace;

	WarehouseSliceBuilder(JdbcClient jdbc, Clock clock, ReaderGrace readerGrace) {
		this.jdbc = jdbc;
		this.readerGrace = readerGrace;
		this.clock = clock;
		this.statements = load("build-slice.sql");
	}

	/** Rebuilds the year for these communes (empty: all); returns the facts written. */
	public long build(int year, Collection<String> communes) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"a warehouse slice must be built inside a transaction");
		long facts = 0;
		long started = System.nanoTime();
		if (communes.isEmpty()) {
			clearYear(year);
		}
		for (Statement statement : this.statements) {
			if (communes.isEmpty() && statement.step().equals("clear")) {
				continue;
			}
			long statementStarted = System.nanoTime();
			int rows = this.jdbc.sql(statement.sql())
				.param("year", year)
				.param("all", communes.isEmpty())
				.param("communes", new SqlArrayValue("text", communes.toArray()))
				.param("today", LocalDate.now(this.clock))
				.update();
			if (statement.step().startsWith("facts")) {
				facts = rows;
			}
			logger.debug("{} {}: {} rows in {} ms", year, statement.step(), rows,
					(System.nanoTime() - statementStarted) / 1_000_000);
		}
		logger.info("Warehouse {} ({}) rebuilt: {} facts in {} ms", year,
				communes.isEmpty() ? "every commune" : communes.size() + " commune(s)", facts,
				(System.nanoTime() - started) / 1_000_000);
		return facts;
	}

	/**
	 * Empties a whole year: its partitions are truncated (instant, and readers wait for
	 * the commit rather than see the year half-built); a year outside
	 * {@link CoveredMonths} lives in the default partitions and is deleted.
	 */
	private void clearYear(int year) {
		if (CoveredMonths.coversYear(year)) {
			this.readerGrace
				.lockExclusively(TABLES.stream().map((table) -> "warehouse." + table + "_" + year).toList());
		}
		for (String table : TABLES) {
			if (CoveredMonths.coversYear(year)) {
				this.jdbc.sql("TRUNCATE warehouse." + table + "_" + year).update();
			}
			else {
				this.jdbc.sql("DELETE FROM warehouse." + table + " WHERE year = :year").param("year", year).update();
			}
		}
	}

	private static List<Statement> load(String name) {
		String text;
		try {
			text = StreamUtils.copyToString(new ClassPathResource(name, WarehouseSliceBuilder.class).getInputStream(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
		List<Statement> statements = new ArrayList<>();
		String[] steps = text.split("(?m)^-- step: ");
		for (int i = 1; i < steps.length; i++) {
			String step = steps[i].substring(0, steps[i].indexOf('\n')).strip();
			String body = steps[i].substring(steps[i].indexOf('\n') + 1);
			for (String sql : body.split(";\\s*\\n")) {
				if (!sql.isBlank()) {
					statements.add(new Statement(step, sql.strip()));
				}
			}
		}
		return List.copyOf(statements);
	}

}
