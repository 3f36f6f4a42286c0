package org.safetystats.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import org.safetystats.validate.Finding;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes submission rows into {@code ops.submission} and their findings into
 * {@code ops.finding} in the caller's transaction: a rejected, duplicate or held file's
 * row, or a loaded file as the current version of its unit-month, superseding the
 * previous one in the same statement.
 */
@Repository
class SubmissionRows {

	private static final String INSERT = """
			INSERT INTO ops.submission (submission_id, file_name, checksum_sha256, size_bytes, unit_code, period,
			    received_at, version, status, row_count, error_count, warning_count, duplicate_of, stored_as,
			    job_execution_id)
			VALUES (:id, :fileName, :checksum, :size, :unit, :period, :receivedAt, :version, :status, :rows,
			    :errors, :warnings, :duplicateOf, :storedAs, :jobExecutionId)
			""";

	/**
	 * The previous current version superseded by the new one and the new one registered,
	 * in one statement: the INSERT reads the UPDATE's rows, so the UPDATE runs first.
	 */
	private static final String SUPERSEDE_AND_INSERT = """
			WITH previous AS (
			    UPDATE ops.submission SET status = 'SUPERSEDED', superseded_at = now(), superseded_by = :id,
			        change_seq = nextval('ops.submission_change_seq')
			    WHERE unit_code = :unit AND period = :period AND status = 'LOADED'
			    RETURNING submission_id
			)
			INSERT INTO ops.submission (submission_id, file_name, checksum_sha256, size_bytes, unit_code, period,
			    received_at, version, status, row_count, error_count, warning_count, duplicate_of, stored_as,
			    job_execution_id)
			SELECT :id, CAST(:fileName AS text), CAST(:checksum AS text), :size, CAST(:unit AS text),
			    CAST(:period AS text), CAST(:receivedAt AS timestamptz), CAST(:version AS integer), CAST(:status AS text),
			    :rows, :errors, :warnings, CAST(:duplicateOf AS bigint), CAST(:storedAs AS text),
			    CAST(:jobExecutionId AS bigint)
			FROM (SELECT count(*) FROM previous) AS superseded
			""";

	private static final String INSERT_FINDING = """
			INSERT INTO ops.finding (submission_id, seq, line, field, value, rule, severity, message_vi, message_en, cell)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	SubmissionRows(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Registers a loaded submission as the current version of its unit-month, marking the
	 * previous current version SUPERSEDED.
	 */
	void registerLoaded(Submission submission) {
		params(this.jdbc.sql(SUPERSEDE_AND_INSERT), submission).update();
	}

	void insert(Submission s) {
		params(this.jdbc.sql(INSERT), s).update();
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec statement, Submission s) {
		return statement.param("id", s.id())
			.param("fileName", s.fileName())
			.param("checksum", s.checksum())
			.param("size", s.size())
			.param("unit", s.unitCode())
			.param("period", s.period())
			.param("receivedAt", Timestamp.from(s.receivedAt()))
			.param("version", s.version())
			.param("status", s.status().name())
			.param("rows", s.rows())
			.param("errors", s.errors())
			.param("warnings", s.warnings())
			.param("duplicateOf", s.duplicateOf())
			.param("storedAs", s.storedAs())
			.param("jobExecutionId", s.jobExecutionId());
	}

	/** The findings of a submission, in file order, in one batch. */
	void insertFindings(long submissionId, List<Finding> findings) {
		if (findings.isEmpty()) {
			return;
		}
		this.jdbcTemplate.batchUpdate(INSERT_FINDING, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				Finding finding = findings.get(i);
				ps.setLong(1, submissionId);
				ps.setInt(2, i + 1);
				ps.setObject(3, finding.line());
				ps.setString(4, finding.field());
				ps.setString(5, finding.value());
				ps.setString(6, finding.rule().name());
				ps.setString(7, finding.severity().name());
				ps.setString(8, finding.messageVi());
				ps.setString(9, finding.messageEn());
				ps.setString(10, finding.cell());
			}

			@Override
			public int getBatchSize() {
				return findings.size();
			}

		});
	}

}
