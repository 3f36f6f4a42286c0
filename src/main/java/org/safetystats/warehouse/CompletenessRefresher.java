package org.safetystats.warehouse;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.SafetystatsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes {@code warehouse.completeness} in one transaction: for every ward or commune
 * valid in every month from the first month anyone reported up to the last month that is
 * over, whether its report came on time, late, not at all, or was rejected and not yet
 * corrected.
 */
@Component
public class CompletenessRefresher {

	private static final Logger logger = LoggerFactory.getLogger(CompletenessRefresher.class);

	private static final String REFRESH = """
			INSERT INTO warehouse.completeness (unit_code, unit_name, period, status, received_at, due_at, submission_id)
			WITH months AS (
			    SELECT p.period, p.period_text
			    FROM warehouse.dim_period p
			    WHERE p.period >= (SELECT min(to_date(period, 'YYYY-MM')) FROM ops.submission WHERE period IS NOT NULL)
			      AND p.period < date_trunc('month', CAST(:today AS date))
			), owed AS (
			    SELECT c.code, c.name, m.period_text,
			           (((m.period + INTERVAL '1 month')::date + :dueDay)::timestamp AT TIME ZONE :zone) AS due_at
			    FROM months m
			    JOIN ref.unit c ON c.level = 'commune' AND m.period >= c.valid_from AND m.period < c.valid_to
			), accepted AS (
			    SELECT unit_code, period, min(received_at) AS first_received,
			           max(submission_id) FILTER (WHERE status = 'LOADED') AS current_id
			    FROM ops.submission WHERE status IN ('LOADED', 'SUPERSEDED')
			    GROUP BY unit_code, period
			), rejected AS (
			    SELECT unit_code, period, max(received_at) AS last_rejected
			    FROM ops.submission WHERE status = 'REJECTED'
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

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SafetystatsProperties properties;

	public CompletenessRefresher(JdbcClient jdbc, Clock clock, SafetystatsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** Returns the commune-months now on record. */
	@Transactional
	public int refresh() {
		this.jdbc.sql("DELETE FROM warehouse.completeness").update();
		int rows = this.jdbc.sql(REFRESH)
			.param("today", LocalDate.now(this.clock))
			.param("now", Timestamp.from(this.clock.instant()))
			.param("dueDay", this.properties.dueDayOfMonth())
			.param("zone", this.properties.zone().getId())
			.update();
		logger.info("Completeness refreshed: {} commune-months", rows);
		return rows;
	}

}
