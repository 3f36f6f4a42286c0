package org.safetystats.ingest;

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
 * Writes the findings of submissions into {@code ops.finding} in the caller's transaction
 * (the submissions' rows are the registry's: {@link SubmissionRegistry#register}).
 */
@Repository
class FindingRows {

	private static final String INSERT_FINDINGS = """
			INSERT INTO ops.finding (submission_id, seq, line, field, value, rule, severity, message_vi, message_en, cell)
			SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:seqs AS integer[]), CAST(:lines AS bigint[]),
			    CAST(:fields AS text[]), CAST(:values AS text[]), CAST(:rules AS text[]), CAST(:severities AS text[]),
			    CAST(:messagesVi AS text[]), CAST(:messagesEn AS text[]), CAST(:cells AS text[]))
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	FindingRows(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
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
