package org.safetystats.ingest;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The register of submissions in {@code ops.submission}. Every method runs in the
 * caller's transaction, and a file's work takes few round trips: the savepoint, the lock
 * and the id in one, the duplicate and version check in one, the superseding and the
 * registration in one.
 */
@Repository
public class SubmissionRegistry {

	private static final String NEXT_ID = "SELECT nextval(pg_get_serial_sequence('ops.submission', 'submission_id'))";

	private static final String LOCK_UNIT_MONTH = "SELECT slot FROM ops.lock_slot WHERE slot = :slot FOR UPDATE";

	/**
	 * The accepted submission with the same bytes (a duplicate's original) and the
	 * version a load of the unit-month would take, in one round trip.
	 */
	private static final String PRIOR = """
			SELECT (SELECT submission_id FROM ops.submission
			        WHERE checksum_sha256 = :checksum AND status IN ('LOADED', 'SUPERSEDED')
			        ORDER BY status = 'LOADED' DESC, submission_id LIMIT 1) AS duplicate_of,
			       (SELECT coalesce(max(version), 0) + 1 FROM ops.submission
			        WHERE unit_code = :unit AND period = :period) AS next_version
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

	private static final String MAKE_CURRENT = """
			UPDATE ops.submission SET status = 'LOADED', version = :version,
			    change_seq = nextval('ops.submission_change_seq')
			WHERE submission_id = :id
			""";

	private static final String LINK_SUPERSEDED = "UPDATE ops.submission SET superseded_by = :by WHERE submission_id = :id";

	/** Savepoint of the file being ingested (a new one per file shadows the last). */
	private static final String FILE_SAVEPOINT = "ingest_file";

	/**
	 * The table ingest locks in SHARE mode and a warehouse build in EXCLUSIVE mode (a
	 * table in {@code ops}, not an advisory lock, so that no analyst can take it).
	 */
	public static final String CHANGE_FEED_GATE = "ops.change_feed_gate";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	SubmissionRegistry(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
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

	/**
	 * Starts a file in the caller's transaction, in one round trip: a savepoint (with
	 * {@code releasePrevious}, in place of the previous file's) that
	 * {@link #rollbackFile()} returns to, the lock of its unit-month (when the name gives
	 * one) and its submission id.
	 */
	long beginFile(@Nullable String unitCode, @Nullable String period, boolean releasePrevious) {
		// the previous file's savepoint is released, so that they do not nest hundreds
		// deep
		String release = releasePrevious ? "RELEASE SAVEPOINT " + FILE_SAVEPOINT + ";" : "";
		String lock = (unitCode != null && period != null)
				? LOCK_UNIT_MONTH.replace(":slot", Integer.toString(slot(unitCode, period))) + ";" : "";
		return this.jdbcTemplate.execute((Statement statement) -> {
			long id = 0;
			// results: the savepoint's count, the lock's slot, then the id
			for (boolean rows = statement.execute(release + "SAVEPOINT " + FILE_SAVEPOINT + ";" + lock + NEXT_ID); rows
					|| statement.getUpdateCount() != -1; rows = statement.getMoreResults()) {
				try (ResultSet rs = rows ? statement.getResultSet() : null) {
					id = (rs != null && rs.next()) ? rs.getLong(1) : id;
				}
			}
			return id;
		});
	}

	/** Undoes everything of the file begun last ({@link #beginFile}). */
	void rollbackFile() {
		this.jdbcTemplate.execute("ROLLBACK TO SAVEPOINT " + FILE_SAVEPOINT);
	}

	/**
	 * Serialises work on one unit-month across concurrent runs until the transaction
	 * ends.
	 */
	void lockUnitMonth(String unitCode, String period) {
		this.jdbc.sql(LOCK_UNIT_MONTH).param("slot", slot(unitCode, period)).query().listOfRows();
	}

	static int slot(String unitCode, String period) {
		return Math.floorMod((unitCode + "/" + period).hashCode(), 1024);
	}

	/**
	 * What the registry knows before a file's outcome is decided.
	 *
	 * @param duplicateOf the accepted submission with the same bytes, if any
	 * @param nextVersion the version a load of the unit-month takes
	 */
	record Prior(@Nullable Long duplicateOf, int nextVersion) {
	}

	Prior prior(String checksum, @Nullable String unitCode, @Nullable String period) {
		return this.jdbc.sql(PRIOR)
			.param("checksum", checksum)
			.param("unit", unitCode)
			.param("period", period)
			.query((rs, n) -> new Prior((Long) rs.getObject(1), rs.getInt(2)))
			.single();
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

	/**
	 * Makes a submission already on record (a correction held for approval) the current
	 * version of its unit-month, by the same rule as a file that loads: the change feed
	 * held, the unit-month locked, the current version superseded by it, the next version
	 * number and a new change sequence given to it.
	 */
	public void makeCurrent(long submissionId, String unitCode, String period) {
		holdChangeFeed();
		lockUnitMonth(unitCode, period);
		int version = nextVersion(unitCode, period);
		supersedeCurrent(unitCode, period, submissionId);
		this.jdbc.sql(MAKE_CURRENT).param("version", version).param("id", submissionId).update();
	}

	int nextVersion(String unitCode, String period) {
		return this.jdbc.sql(NEXT_VERSION)
			.param("unit", unitCode)
			.param("period", period)
			.query(Integer.class)
			.single();
	}

}
