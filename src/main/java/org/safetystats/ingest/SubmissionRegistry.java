package org.safetystats.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The register of submissions in {@code ops.submission} and their findings in
 * {@code ops.finding}. Every method runs in the caller's transaction.
 */
@Repository
public class SubmissionRegistry {

	private static final String NEXT_ID = "SELECT nextval(pg_get_serial_sequence('ops.submission', 'submission_id'))";

	private static final String LOCK_UNIT_MONTH = "SELECT slot FROM ops.lock_slot WHERE slot = :slot FOR UPDATE";

	private static final String FIND_ACCEPTED_BY_CHECKSUM = """
			SELECT submission_id FROM ops.submission
			WHERE checksum_sha256 = :checksum AND status IN ('LOADED', 'SUPERSEDED')
			ORDER BY status = 'LOADED' DESC, submission_id LIMIT 1
			""";

	private static final String SUPERSEDE_CURRENT = """
			UPDATE ops.submission SET status = 'SUPERSEDED', superseded_at = now(),
			    change_seq = nextval('ops.submission_change_seq')
			WHERE unit_code = :unit AND period = :period AND status = 'LOADED'
			RETURNING submission_id
			""";

	private static final String NEXT_VERSION = """
			SELECT coalesce(max(version), 0) + 1 FROM ops.submission WHERE unit_code = :unit AND period = :period
			""";

	private static final String SUPERSEDED_AND_CURRENT = """
			SELECT d.version AS old_version, c.version AS current_version, c.submission_id AS current_id
			FROM ops.submission d
			JOIN ops.submission c ON c.unit_code = d.unit_code AND c.period = d.period AND c.status = 'LOADED'
			WHERE d.submission_id = :id AND d.status = 'SUPERSEDED'
			""";

	private static final String LINK_SUPERSEDED = "UPDATE ops.submission SET superseded_by = :by WHERE submission_id = :id";

	private static final String INSERT = """
			INSERT INTO ops.submission (submission_id, file_name, checksum_sha256, size_bytes, unit_code, period,
			    received_at, version, status, row_count, error_count, warning_count, duplicate_of, stored_as,
			    job_execution_id)
			VALUES (:id, :fileName, :checksum, :size, :unit, :period, :receivedAt, :version, :status, :rows,
			    :errors, :warnings, :duplicateOf, :storedAs, :jobExecutionId)
			""";

	private static final String INSERT_FINDING = """
			INSERT INTO ops.finding (submission_id, seq, line, field, value, rule, severity, message_vi, message_en, cell)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	/**
	 * The table ingest locks in SHARE mode and a warehouse build in EXCLUSIVE mode (a
	 * table in {@code ops}, not an advisory lock, so that no analyst can take it).
	 */
	public static final String CHANGE_FEED_GATE = "ops.change_feed_gate";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	public SubmissionRegistry(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Holds the change feed open for this transaction: a warehouse build takes the same
	 * lock exclusively while it reads its watermark, so no submission can commit below a
	 * watermark already read.
	 */
	public void holdChangeFeed() {
		this.jdbc.sql("LOCK TABLE " + CHANGE_FEED_GATE + " IN SHARE MODE").update();
	}

	/** File name to checksum of the submissions whose file is still to be moved. */
	public Map<String, String> pendingChecksums() {
		Map<String, String> pending = new HashMap<>();
		this.jdbc.sql("SELECT file_name, checksum_sha256 FROM ops.submission WHERE disposed_at IS NULL").query((rs) -> {
			pending.putIfAbsent(rs.getString(1), rs.getString(2));
		});
		return pending;
	}

	public long nextId() {
		return this.jdbc.sql(NEXT_ID).query(Long.class).single();
	}

	/**
	 * Serialises work on one unit-month across concurrent runs until the transaction
	 * ends.
	 */
	public void lockUnitMonth(String unitCode, String period) {
		int slot = Math.floorMod((unitCode + "/" + period).hashCode(), 1024);
		this.jdbc.sql(LOCK_UNIT_MONTH).param("slot", slot).query().listOfRows();
	}

	public Optional<Long> findAcceptedWithChecksum(String checksum) {
		return this.jdbc.sql(FIND_ACCEPTED_BY_CHECKSUM).param("checksum", checksum).query(Long.class).optional();
	}

	/**
	 * When the accepted submission a duplicate repeats is a superseded version, the
	 * finding that says so and names the current version.
	 */
	public Optional<Finding> supersededDuplicate(long duplicateOf) {
		return this.jdbc.sql(SUPERSEDED_AND_CURRENT)
			.param("id", duplicateOf)
			.query((rs, n) -> Finding.of(Rule.DUPLICATE_OF_SUPERSEDED, null, "file", null, rs.getInt("old_version"),
					duplicateOf, rs.getInt("current_version"), rs.getLong("current_id"), duplicateOf))
			.optional();
	}

	/**
	 * Registers a loaded submission as the current version of its unit-month, marking the
	 * previous current version SUPERSEDED.
	 */
	public void registerLoaded(Submission submission) {
		Optional<Long> previous = supersede(submission.unitCode(), submission.period());
		insert(submission);
		previous.ifPresent((id) -> linkSuperseded(id, submission.id()));
	}

	/**
	 * Marks the current version of a unit-month SUPERSEDED by a submission already
	 * registered (an approved correction).
	 */
	void supersedeCurrent(String unitCode, String period, long by) {
		supersede(unitCode, period).ifPresent((id) -> linkSuperseded(id, by));
	}

	private Optional<Long> supersede(String unitCode, String period) {
		return this.jdbc.sql(SUPERSEDE_CURRENT)
			.param("unit", unitCode)
			.param("period", period)
			.query(Long.class)
			.optional();
	}

	private void linkSuperseded(long id, long by) {
		this.jdbc.sql(LINK_SUPERSEDED).param("by", by).param("id", id).update();
	}

	public int nextVersion(String unitCode, String period) {
		return this.jdbc.sql(NEXT_VERSION)
			.param("unit", unitCode)
			.param("period", period)
			.query(Integer.class)
			.single();
	}

	public void insert(Submission s) {
		this.jdbc.sql(INSERT)
			.param("id", s.id())
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
			.param("jobExecutionId", s.jobExecutionId())
			.update();
	}

	public void insertFindings(long submissionId, List<Finding> findings) {
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
