package org.safetystats.warehouse;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.SafetystatsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes {@code warehouse.completeness} in one transaction: for every ward or commune
 * valid in every month from the first month anyone reported up to the last month that is
 * over, whether its report came on time, late, not at all, or was rejected and not yet
 * corrected.
 */
@Component
class CompletenessRefresher {

	private static final Logger logger = LoggerFactory.getLogger(CompletenessRefresher.class);

	private static final String REFRESH = """
			INSERT INTO warehouse.completeness (unit_code, unit_name, period, status, received_at, due_at, submission_id)
			WITH months AS (
			    SELECT p.period, p.period_text
			    FROM warehouse.dim_period p
			    WHERE p.period_text >= (SELECT min(period) FROM ops.submission)
			      AND p.period < date_trunc('month', CAST(:today AS date))
			      AND (:all OR p.period_text = ANY (:periods))
			), owed AS (
			    SELECT c.code, c.name, m.period_text,
			           (((m.period + INTERVAL '1 month')::date + :dueDay)::timestamp AT TIME ZONE :zone) AS due_at
			    FROM months m
			    JOIN ref.unit c ON c.level = 'commune' AND m.period >= c.valid_from AND m.period < c.valid_to
			), accepted AS (
			    SELECT unit_code, period, min(received_at) AS first_received,
			           max(submission_id) FILTER (WHERE status = 'LOADED') AS current_id
			    FROM ops.submission WHERE status IN ('LOADED', 'SUPERSEDED') AND (:all OR period = ANY (:periods))
			    GROUP BY unit_code, period
			), rejected AS (
			    SELECT unit_code, period, max(received_at) AS last_rejected
			    FROM ops.submission WHERE status = 'REJECTED' AND (:all OR period = ANY (:periods))
			    GROUP BY unit_code, period
			)
			SELECT o.code, o.name, o.period_text,
			       CASE WHEN a.first_received IS NOT NULL
			                 THEN CASE WHEN a.first_received < o.due_at THEN 'ON_TIME' ELSE 'LATE' END
			            WHEN r.last_rejected IS NOT NULL THEN 'REJECTED'
			            WHEN :now >= o.due_at THEN 'MISSING'
			            ELSE 'NOT_DUE' END,
			       coalesce(a.first_received, r.last_rejected), o.due_at, a.current_id
			FROM owed o
			LEFT JOIN accepted a ON a.unit_code = o.code AND a.period = o.period_text
			LEFT JOIN rejected r ON r.unit_code = o.code AND r.period = o.period_text
			""";

	// months whose rows may be missing or stale without any submission of theirs
	// changing, from the first month submitted: before the first month refreshed (an
	// earlier first month arrived), after the last (came due since), or still not due
	private static final String MOVED_MONTHS = """
			WITH refreshed AS (SELECT min(period) AS first, max(period) AS last FROM warehouse.completeness)
			SELECT p.period_text FROM warehouse.dim_period p, refreshed r
			WHERE p.period < date_trunc('month', CAST(:today AS date))
			  AND p.period_text >= (SELECT min(period) FROM ops.submission)
			  AND (r.first IS NULL OR p.period_text < r.first OR p.period_text > r.last
			       OR p.period_text IN (SELECT period FROM warehouse.completeness WHERE status = 'NOT_DUE'))
			""";

	private final JdbcClient jdbc;

	private final ReferenceCatalogLoader catalogue;

	private final Clock clock;

	private final SafetystatsProperties properties;

	public CompletenessRefresher(JdbcClient jdbc, Clock clock, SafetystatsProperties properties,
			ReferenceCatalogLoader catalogue) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Brings completeness up to date; returns the commune-months recomputed. Only the
	 * months touched by submissions since the last refresh, the last three months and
	 * those still not due (whose status moves with the clock), and months before or after
	 * those refreshed so far (an earlier first report, months come due since) are
	 * recomputed, unless this is the first refresh or the catalogues changed; nothing is,
	 * when nothing was submitted since a refresh made the same day.
	 */
	@Transactional
	public int refresh() {
		long watermark = this.jdbc.sql("SELECT coalesce(max(change_seq), 0) FROM ops.submission")
			.query(Long.class)
			.single();
		String hash = this.catalogue.loadedFingerprint();
		var last = this.jdbc.sql(
				"SELECT watermark, reference_hash, refreshed_at FROM warehouse.completeness_state ORDER BY refreshed_at DESC LIMIT 1")
			.query()
			.listOfRows()
			.stream()
			.findFirst();
		boolean all = last.isEmpty() || !hash.equals(last.get().get("reference_hash"));
		// nothing submitted since a refresh today: statuses move with the date only, so
		// none is recomputed (the refresh is still recorded, as of now)
		boolean current = !all && ((Number) last.get().get("watermark")).longValue() == watermark
				&& refreshedToday(last.get().get("refreshed_at"));
		List<String> periods = (all || current) ? List.of()
				: periods(((Number) last.get().get("watermark")).longValue());
		if (all) {
			this.jdbc.sql("DELETE FROM warehouse.completeness").update();
		}
		else if (!current) {
			this.jdbc.sql("DELETE FROM warehouse.completeness WHERE period = ANY (:periods)")
				.param("periods", new SqlArrayValue("text", periods.toArray()))
				.update();
		}
		int rows = current ? 0
				: this.jdbc.sql(REFRESH)
					.param("today", LocalDate.now(this.clock))
					.param("now", Timestamp.from(this.clock.instant()))
					.param("dueDay", this.properties.dueDayOfMonth())
					.param("zone", this.properties.zone().getId())
					.param("all", all)
					.param("periods", new SqlArrayValue("text", periods.toArray()))
					.update();
		this.jdbc
			.sql("INSERT INTO warehouse.completeness_state (watermark, reference_hash, months) VALUES (:w, :h, :m)")
			.param("w", watermark)
			.param("h", hash)
			.param("m", all ? -1 : periods.size())
			.update();
		logger.info("Completeness refreshed: {} commune-months ({})", rows, all ? "every month"
				: current ? "nothing submitted since today's refresh" : periods.size() + " month(s)");
		return rows;
	}

	private boolean refreshedToday(Object refreshedAt) {
		LocalDate today = LocalDate.now(this.clock.withZone(this.properties.zone()));
		return refreshedAt instanceof Timestamp at
				&& at.toInstant().atZone(this.properties.zone()).toLocalDate().equals(today);
	}

	private List<String> periods(long since) {
		YearMonth now = YearMonth.now(this.clock);
		java.util.Set<String> periods = new java.util.TreeSet<>(this.jdbc
			.sql("SELECT DISTINCT period FROM ops.submission WHERE change_seq > :since AND period IS NOT NULL")
			.param("since", since)
			.query(String.class)
			.list());
		for (int back = 1; back <= 3; back++) {
			periods.add(now.minusMonths(back).toString());
		}
		periods
			.addAll(this.jdbc.sql(MOVED_MONTHS).param("today", LocalDate.now(this.clock)).query(String.class).list());
		return List.copyOf(periods);
	}

}
