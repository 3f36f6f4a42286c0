package org.safetystats.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.safetystats.validate.Finding;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The findings of a submission in {@code ops.finding}, in file order, written in one
 * batch in the caller's transaction.
 */
@Repository
class FindingRows {

	private static final String INSERT_FINDING = """
			INSERT INTO ops.finding (submission_id, seq, line, field, value, rule, severity, message_vi, message_en)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcTemplate jdbcTemplate;

	FindingRows(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	void insert(long submissionId, List<Finding> findings) {
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
			}

			@Override
			public int getBatchSize() {
				return findings.size();
			}

		});
	}

}
