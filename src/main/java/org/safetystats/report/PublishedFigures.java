package org.safetystats.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The publication a report shows: the latest one holding the unit's year (the version of
 * the unit the report shows: in 2025 code 14329 names Vân Giang, then Hoa Lư). Its frozen
 * figures replace the warehouse's current ones wherever the report shows a figure (the
 * measure names are the column names of the views the report reads), and the corrections
 * since are listed. Without a publication the report shows the warehouse as it is and
 * says "not yet published".
 *
 * @param id publication number
 * @param publishedAt when
 * @param publishedBy who
 * @param reason why
 * @param figures unit code and version ({@link #key}) to measure to value, as published
 * @param corrections the unit's own published figures that changed since
 */
record PublishedFigures(long id, Instant publishedAt, String publishedBy, String reason,
		Map<String, Map<String, @Nullable BigDecimal>> figures, List<Correction> corrections) {

	/** A published figure of the unit and its value now. */
	record Correction(String measure, @Nullable BigDecimal published, @Nullable BigDecimal current) {
	}

	/**
	 * The key of a unit version in {@link #figures}: the code and the unit_valid_from the
	 * views and published_figures give (a {@code java.sql.Date} either way).
	 */
	static String key(String unitCode, @Nullable LocalDate version) {
		return unitCode + "@" + version;
	}

	static @Nullable PublishedFigures find(JdbcClient jdbc, int year, String unitCode, LocalDate version) {
		List<PublishedFigures> found = jdbc.sql("""
				SELECT publication_id, published_at, published_by, reason FROM warehouse.publication
				WHERE year = :y AND publication_id IN (
				    SELECT publication_id FROM warehouse.published_figures
				    WHERE unit_code = :u AND year = :y AND unit_valid_from = :v)
				ORDER BY publication_id DESC LIMIT 1
				""")
			.param("y", year)
			.param("u", unitCode)
			.param("v", version)
			.query((rs, n) -> new PublishedFigures(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), new HashMap<>(), new ArrayList<>()))
			.list();
		if (found.isEmpty()) {
			return null;
		}
		PublishedFigures p = found.get(0);
		jdbc.sql("""
				SELECT unit_code, unit_valid_from, measure, value FROM warehouse.published_figures
				WHERE publication_id = :p
				""").param("p", p.id()).query((rs) -> {
			p.figures()
				.computeIfAbsent(key(rs.getString(1), rs.getObject(2, LocalDate.class)), (k) -> new HashMap<>())
				.put(rs.getString(3), rs.getBigDecimal(4));
		});
		jdbc.sql("""
				SELECT measure, published_value, current_value FROM warehouse.published_changes
				WHERE publication_id = :p AND unit_code = :u AND unit_valid_from = :v ORDER BY measure
				""")
			.param("p", p.id())
			.param("u", unitCode)
			.param("v", version)
			.query((rs, n) -> new Correction(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
			.list()
			.forEach(p.corrections()::add);
		return p;
	}

	/** The figures published for a unit version (none for a unit not published). */
	Frozen frozen(String unitCode, @Nullable LocalDate version) {
		return new Frozen(this.figures.getOrDefault(key(unitCode, version), Map.of()));
	}

	/**
	 * A unit version's published figures by measure: a published value (even an unknown
	 * one) replaces the warehouse's current one.
	 */
	record Frozen(Map<String, @Nullable BigDecimal> values) {

		@Nullable BigDecimal number(String measure, @Nullable BigDecimal current) {
			return this.values.containsKey(measure) ? this.values.get(measure) : current;
		}

		/** A yes/no figure, published as 1 or 0. */
		@Nullable Boolean flag(String measure, @Nullable Boolean current) {
			if (!this.values.containsKey(measure)) {
				return current;
			}
			BigDecimal value = this.values.get(measure);
			return (value != null) ? value.signum() != 0 : null;
		}

	}

	/**
	 * The note that says which publication the report shows (or that the year is not yet
	 * published), with the corrections since.
	 */
	static Note note(@Nullable PublishedFigures p, ReportText t, ZoneId zone) {
		if (p == null) {
			return new Note(t.get("not_published"), List.of());
		}
		String text = t.get("published", p.id(), LocalDate.ofInstant(p.publishedAt(), zone), p.publishedBy(),
				p.reason()) + " " + t.get(p.corrections().isEmpty() ? "no_corrections" : "corrections");
		return new Note(text,
				p.corrections()
					.stream()
					.map((c) -> c.measure() + ": " + t.number(c.published()) + " \u2192 " + t.number(c.current()))
					.toList());
	}

	/** The publication note as the report's template shows it. */
	record Note(String text, List<String> corrections) {
	}

}
