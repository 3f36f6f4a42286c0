package org.safetystats.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.safetystats.validate.Finding;
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

	private static final String INSERT_FINDINGS = """
			INSERT INTO ops.finding (submission_id, seq, line, field, value, rule, severity, message_vi, message_en, cell)
			SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:seqs AS integer[]), CAST(:lines AS bigint[]),
			    CAST(:fields AS text[]), CAST(:values AS text[]), CAST(:rules AS text[]), CAST(:severities AS text[]),
			    CAST(:messagesVi AS text[]), CAST(:messagesEn AS text[]), CAST(:cells AS text[]))
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
		insertFindings(Map.of(submissionId, findings));
	}

	/** The findings of several submissions, each in file order, in one statement. */
	void insertFindings(Map<Long, List<Finding>> findingsById) {
		List<Long> ids = new ArrayList<>();
		List<Integer> seqs = new ArrayList<>();
		List<Finding> findings = new ArrayList<>();
		findingsById.forEach((id, list) -> {
			for (int i = 0; i < list.size(); i++) {
				ids.add(id);
				seqs.add(i + 1);
				findings.add(list.get(i));
			}
		});
		if (findings.isEmpty()) {
			return;
		}
		this.jdbc.sql(INSERT_FINDINGS)
			.param("ids", ids.stream().map(String::valueOf).toArray(String[]::new))
			.param("seqs", seqs.stream().map(String::valueOf).toArray(String[]::new))
			.param("lines", text(findings, (f) -> f.line()))
			.param("fields", text(findings, Finding::field))
			.param("values", text(findings, Finding::value))
			.param("rules", text(findings, (f) -> f.rule().name()))
			.param("severities", text(findings, (f) -> f.severity().name()))
			.param("messagesVi", text(findings, Finding::messageVi))
			.param("messagesEn", text(findings, Finding::messageEn))
			.param("cells", text(findings, Finding::cell))
			.update();
	}

	private static String[] text(List<Finding> findings, Function<Finding, @Nullable Object> field) {
		return findings.stream().map(field).map((v) -> (v != null) ? v.toString() : null).toArray(String[]::new);
	}

}
