package org.safetystats.publish;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.safetystats.ingest.PublishedPeriodCheck;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a file changes published figures: a publication froze the version of its unit
 * valid in its month, in the file's year (or in the year after, whose comparisons it
 * changes when that version covered the file's whole year). Such a file loads with a
 * warning naming the publication, or, when
 * {@code safetystats.corrections.require-approval} is set, waits as PENDING_APPROVAL for
 * an admin. Versions, not codes: code 14329 names Phường Vân Giang until 2025-07-01 and
 * Phường Hoa Lư from then, and a file of one never changes the other's publication.
 */
@Component
class PublishedPeriods implements PublishedPeriodCheck {

	/**
	 * The latest publication holding the commune version valid in the month (:month, its
	 * first day): of its year, or of the next year when the version was valid on the
	 * first day of the file's year (the views compare a year only with a year the same
	 * version covered).
	 */
	private static final String COVERING = """
			SELECT p.publication_id, p.unit_code, p.year, p.published_at, p.published_by
			FROM warehouse.publication p
			JOIN ref.unit u ON u.code = :unit AND u.level = 'commune' AND u.valid_from <= :month AND :month < u.valid_to
			WHERE (p.year = :year OR (p.year = :year + 1 AND u.valid_from <= make_date(:year, 1, 1))) AND EXISTS (
			    SELECT 1 FROM warehouse.published_figures f
			    WHERE f.publication_id = p.publication_id AND f.unit_code = :unit AND f.level = 'commune'
			      AND f.unit_valid_from = u.valid_from)
			ORDER BY p.publication_id DESC LIMIT 1
			""";

	private static final String PUBLISHED_UNITS_OF_YEAR = """
			SELECT DISTINCT f.unit_code FROM warehouse.publication p
			JOIN warehouse.published_figures f ON f.publication_id = p.publication_id AND f.level = 'commune'
			WHERE p.year = :year
			""";

	private final JdbcClient jdbc;

	private final boolean requireApproval;

	private final DateTimeFormatter dates;

	/**
	 * The years published, read once per group of files ({@link #refresh()}): most files
	 * are in no published year and need no query. Safe because a publication is made
	 * under the pipeline lock, never during an ingest.
	 */
	private volatile @Nullable Set<Integer> publishedYears;

	/**
	 * The communes published in each published year a file of the group is in, read when
	 * the first such file comes (with every province's year published, reading every
	 * year's million commune figures took each ingest 0.9 s, files in no published year
	 * included). By code, a superset: {@link #warning} then matches the version.
	 */
	private final Map<Integer, Set<String>> publishedCommunes = new ConcurrentHashMap<>();

	PublishedPeriods(JdbcClient jdbc, SafetystatsProperties properties,
			@Value("${safetystats.corrections.require-approval:false}") boolean requireApproval) {
		this.jdbc = jdbc;
		this.requireApproval = requireApproval;
		this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(properties.zone());
	}

	@Override
	public void refresh() {
		this.publishedCommunes.clear();
		this.publishedYears = this.jdbc.sql("SELECT DISTINCT year FROM warehouse.publication")
			.query(Integer.class)
			.set();
	}

	@Override
	public Optional<Finding> warning(String unit, String period) {
		if (!mayCover(unit, period)) {
			return Optional.empty();
		}
		int year = Integer.parseInt(period.substring(0, 4));
		return this.jdbc.sql(COVERING)
			.param("unit", unit)
			.param("year", year)
			.param("month", YearMonth.parse(period).atDay(1))
			.query((rs, n) -> Finding.of(this.requireApproval ? Rule.PUBLISHED_PERIOD_HELD : Rule.PUBLISHED_PERIOD,
					null, "period", period, period, rs.getLong(1), rs.getString(2), rs.getInt(3),
					this.dates.format(rs.getTimestamp(4).toInstant()), rs.getString(5)))
			.optional();
	}

	@Override
	public boolean mayCover(String unit, String period) {
		int year = Integer.parseInt(period.substring(0, 4));
		Set<Integer> years = this.publishedYears;
		return years == null || published(years, unit, year) || published(years, unit, year + 1);
	}

	private boolean published(Set<Integer> years, String unit, int year) {
		return years.contains(year) && this.publishedCommunes
			.computeIfAbsent(year,
					(y) -> this.jdbc.sql(PUBLISHED_UNITS_OF_YEAR).param("year", y).query(String.class).set())
			.contains(unit);
	}

	@Override
	public boolean requireApproval() {
		return this.requireApproval;
	}

}
