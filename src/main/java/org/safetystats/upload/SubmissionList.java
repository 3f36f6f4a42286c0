package org.safetystats.upload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads {@code ops.submissions} and {@code ops.findings} for the console and the unit
 * API: submissions filtered by unit(s), period and status, newest first, and one
 * submission's findings. Only reads.
 */
@Repository
public class SubmissionList {

	private static final String SELECT = """
			SELECT submission_id, file_name, unit_code, period, version, status, rows, errors, warnings, received_at
			FROM ops.submissions
			WHERE (CAST(:units AS text[]) IS NULL OR unit_code = ANY (CAST(:units AS text[])))
			  AND (CAST(:period AS text) IS NULL OR period = :period OR period LIKE :period || '-%')
			  AND (CAST(:status AS text) IS NULL OR status = :status)
			""";

	/** One submission as the console lists it. */
	public record Row(long id, String fileName, @Nullable String unitCode, @Nullable String period,
			@Nullable Integer version, String status, long rows, long errors, long warnings,
			OffsetDateTime receivedAt) {

	}

	/** One finding of a submission. */
	public record FindingRow(@Nullable Long line, @Nullable String field, @Nullable String value, String rule,
			String severity, String messageVi, String messageEn) {

	}

	private final JdbcClient jdbc;

	SubmissionList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Submissions of these units (all when {@code units} is null), of a period
	 * ({@code YYYY-MM}) or a year ({@code YYYY}), with a status, newest first.
	 */
	public List<Row> find(@Nullable List<String> units, @Nullable String period, @Nullable String status, int limit) {
		return this.jdbc.sql(SELECT + " ORDER BY received_at DESC, submission_id DESC LIMIT :limit")
			.param("units", (units != null) ? units.toArray(String[]::new) : null)
			.param("period", blankToNull(period))
			.param("status", blankToNull(status))
			.param("limit", limit)
			.query((rs, n) -> row(rs))
			.list();
	}

	public Optional<Row> get(long id) {
		return this.jdbc.sql(SELECT.replace("WHERE", "WHERE submission_id = :id AND"))
			.param("id", id)
			.param("units", null)
			.param("period", null)
			.param("status", null)
			.query((rs, n) -> row(rs))
			.optional();
	}

	public List<FindingRow> findings(long submissionId, int limit) {
		return this.jdbc.sql("""
				SELECT line, field, value, rule, severity, message_vi, message_en FROM ops.finding
				WHERE submission_id = :id ORDER BY seq LIMIT :limit
				""")
			.param("id", submissionId)
			.param("limit", limit)
			.query((rs, n) -> new FindingRow((Long) rs.getObject("line"), rs.getString("field"), rs.getString("value"),
					rs.getString("rule"), rs.getString("severity"), rs.getString("message_vi"),
					rs.getString("message_en")))
			.list();
	}

	/** The error report ingest wrote beside a rejected file, if it is there. */
	public Optional<java.nio.file.Path> errorReport(long submissionId, java.nio.file.Path rejectedFolder) {
		return this.jdbc.sql("SELECT stored_as FROM ops.submission WHERE submission_id = :id AND status = 'REJECTED'")
			.param("id", submissionId)
			.query(String.class)
			.optional()
			.map((storedAs) -> rejectedFolder.resolve(storedAs + ".errors.csv").normalize())
			.filter((report) -> report.startsWith(rejectedFolder.normalize())
					&& java.nio.file.Files.isRegularFile(report));
	}

	private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Row(rs.getLong("submission_id"), rs.getString("file_name"), rs.getString("unit_code"),
				rs.getString("period"), (Integer) rs.getObject("version"), rs.getString("status"), rs.getLong("rows"),
				rs.getLong("errors"), rs.getLong("warnings"), rs.getObject("received_at", OffsetDateTime.class));
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.trim();
	}

}
