package org.safetystats.warehouse;

/**
 * The statements of {@link CompletenessRefresher}: whole months for every ward or
 * commune, or single ward-months (those a submission touched).
 */
final class CompletenessStatements {

	/**
	 * The status of each row of {@code owed}, from {@code accepted} and {@code rejected}.
	 */
	private static final String STATUS = """
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

	private static final String INSERT = """
			INSERT INTO warehouse.completeness (unit_code, unit_name, period, status, received_at, due_at, submission_id)
			""";

	private static final String DUE = """
			(((m.period + INTERVAL '1 month')::date + :dueDay)::timestamp AT TIME ZONE :zone) AS due_at
			""";

	/** Every ward or commune valid in the months {@code :periods} (or all months). */
	static final String MONTHS = INSERT + """
			WITH months AS (
			    SELECT p.period, p.period_text
			    FROM warehouse.dim_period p
			    WHERE p.period_text >= (SELECT min(period) FROM ops.submission)
			      AND p.period < date_trunc('month', CAST(:today AS date))
			      AND (:all OR p.period_text = ANY (:periods))
			), owed AS (
			    SELECT c.code, c.name, m.period_text,""" + DUE + """
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
			""" + STATUS;

	/**
	 * The ward-months {@code :codes[i]}, {@code :months[i]} (those a submission touched),
	 * each found through the indexes on unit and month.
	 */
	static final String WARD_MONTHS = INSERT + """
			WITH m AS (
			    SELECT t.code, p.period, p.period_text
			    FROM unnest(CAST(:codes AS text[]), CAST(:months AS text[])) AS t(code, period_text)
			    JOIN warehouse.dim_period p ON p.period_text = t.period_text
			    WHERE p.period_text >= (SELECT min(period) FROM ops.submission)
			      AND p.period < date_trunc('month', CAST(:today AS date))
			), owed AS (
			    SELECT c.code, c.name, m.period_text,""" + DUE + """
			    FROM m
			    JOIN ref.unit c ON c.code = m.code AND c.level = 'commune' AND m.period >= c.valid_from
			                   AND m.period < c.valid_to
			), accepted AS (
			    SELECT s.unit_code, s.period, min(s.received_at) AS first_received,
			           max(s.submission_id) FILTER (WHERE s.status = 'LOADED') AS current_id
			    FROM m JOIN ops.submission s ON s.unit_code = m.code AND s.period = m.period_text
			    WHERE s.status IN ('LOADED', 'SUPERSEDED')
			    GROUP BY s.unit_code, s.period
			), rejected AS (
			    SELECT s.unit_code, s.period, max(s.received_at) AS last_rejected
			    FROM m JOIN ops.submission s ON s.unit_code = m.code AND s.period = m.period_text
			    WHERE s.status = 'REJECTED'
			    GROUP BY s.unit_code, s.period
			)
			""" + STATUS;

	/** Removes the ward-months {@link #WARD_MONTHS} recomputes. */
	static final String DELETE_WARD_MONTHS = """
			DELETE FROM warehouse.completeness c
			USING unnest(CAST(:codes AS text[]), CAST(:months AS text[])) AS t(code, period_text)
			WHERE c.unit_code = t.code AND c.period = t.period_text
			""";

	/**
	 * Months whose rows may be missing or stale without any submission of theirs
	 * changing, from the first month submitted: before the first month refreshed (an
	 * earlier first month arrived), after the last (over since), or not due when last
	 * refreshed and due now.
	 */
	static final String MOVED_MONTHS = """
			WITH refreshed AS (SELECT min(period) AS first, max(period) AS last FROM warehouse.completeness)
			SELECT p.period_text FROM warehouse.dim_period p, refreshed r
			WHERE p.period < date_trunc('month', CAST(:today AS date))
			  AND p.period_text >= (SELECT min(period) FROM ops.submission)
			  AND (r.first IS NULL OR p.period_text < r.first OR p.period_text > r.last
			       OR p.period_text IN (SELECT period FROM warehouse.completeness
			                            WHERE status = 'NOT_DUE' AND due_at <= CAST(:now AS timestamptz)))
			""";

	/** The ward-months submissions touched since a change. */
	static final String TOUCHED = """
			SELECT DISTINCT unit_code, period FROM ops.submission
			WHERE change_seq > :since AND period IS NOT NULL AND unit_code IS NOT NULL
			""";

	private CompletenessStatements() {
	}

}
