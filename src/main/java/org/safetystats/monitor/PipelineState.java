package org.safetystats.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.safetystats.schedule.NightlyJob;
import org.safetystats.system.SafetystatsProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reads behind the gauges and the health: submissions by outcome, the last nightly
 * runs, the pipeline lock, the unit-months of a month in {@code warehouse.completeness}.
 * Ages are reckoned on the application's {@link Clock}; Batch writes its times in the
 * JVM's zone, PostgreSQL its own as instants.
 */
@Component
class PipelineState {

	private static final String FILES_BY_STATUS = """
			SELECT status, count(*) AS files FROM ops.submission GROUP BY status
			""";

	private static final String LAST_NIGHTLY = """
			SELECT e.status, e.end_time
			FROM batch.batch_job_execution e JOIN batch.batch_job_instance i USING (job_instance_id)
			WHERE i.job_name = :job AND e.end_time IS NOT NULL AND (:status::text IS NULL OR e.status = :status)
			ORDER BY e.end_time DESC, e.job_execution_id DESC
			LIMIT 1
			""";

	// held when the holding session is still there (as PipelineLock decides it)
	private static final String LOCK = """
			SELECT l.holder_pid, l.acquired_at
			FROM ops.pipeline_lock l
			WHERE l.name = 'pipeline' AND l.holder_pid IS NOT NULL AND EXISTS (
			      SELECT 1 FROM pg_stat_activity a
			      WHERE a.pid = l.holder_pid
			        AND (a.backend_start IS NULL OR l.holder_started IS NULL OR a.backend_start = l.holder_started))
			""";

	private static final String UNIT_MONTHS = """
			SELECT count(*) AS owed,
			       count(*) FILTER (WHERE status IN ('MISSING', 'REJECTED', 'NOT_DUE')) AS missing
			FROM warehouse.completeness WHERE period = :period
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SafetystatsProperties properties;

	PipelineState(JdbcClient jdbc, Clock clock, SafetystatsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** Files registered, by outcome ({@code ops.submission.status}). */
	Map<String, Long> filesByStatus() {
		return this.jdbc.sql(FILES_BY_STATUS)
			.query((rs, row) -> Map.entry(rs.getString("status"), rs.getLong("files")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** The last nightly run that ended (any status). */
	Optional<EndedRun> lastNightly() {
		return lastNightly(null);
	}

	/** The last nightly run that completed. */
	Optional<EndedRun> lastSuccessfulNightly() {
		return lastNightly("COMPLETED");
	}

	private Optional<EndedRun> lastNightly(@Nullable String status) {
		return this.jdbc.sql(LAST_NIGHTLY)
			.param("job", NightlyJob.NAME)
			.param("status", status)
			.query((rs, row) -> new EndedRun(rs.getString("status"),
					rs.getObject("end_time", LocalDateTime.class).atZone(ZoneId.systemDefault()).toInstant()))
			.optional();
	}

	/** The pipeline lock while a live session holds it. */
	Optional<LockHolder> lock() {
		return this.jdbc.sql(LOCK)
			.query((rs, row) -> new LockHolder(rs.getInt("holder_pid"),
					rs.getObject("acquired_at", java.time.OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * The unit-months owed for a month and those with no accepted report, as last
	 * refreshed.
	 */
	UnitMonths unitMonths(YearMonth period) {
		return this.jdbc.sql(UNIT_MONTHS)
			.param("period", period.toString())
			.query((rs, row) -> new UnitMonths(period, rs.getLong("owed"), rs.getLong("missing"),
					this.properties.dueAt(period).toInstant()))
			.single();
	}

	/** This month and the last, in the reporting zone. */
	List<YearMonth> currentAndLastMonth() {
		YearMonth current = YearMonth.now(this.clock.withZone(this.properties.zone()));
		return List.of(current, current.minusMonths(1));
	}

	Duration since(Instant instant) {
		return Duration.between(instant, this.clock.instant());
	}

	record EndedRun(String status, Instant endedAt) {

	}

	record LockHolder(int pid, Instant acquiredAt) {

	}

	record UnitMonths(YearMonth period, long owed, long missing, Instant dueAt) {

	}

}
