package org.safetystats.ingest;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
	 * The duplicate and version rule, for files in order (one file, or a batch of files
	 * with distinct units and checksums): the accepted submission with the same bytes (a
	 * duplicate's original, the current version first), whether it is superseded, and the
	 * version a load of the unit-month would take.
	 */
	private static final String PRIORS = """
			SELECT d.submission_id, d.status = 'SUPERSEDED',
			       (SELECT coalesce(max(version), 0) + 1 FROM ops.submission
			        WHERE unit_code = f.unit AND period = f.period) AS next_version
			FROM unnest(CAST(:checksums AS text[]), CAST(:units AS text[]), CAST(:periods AS text[]))
			     WITH ORDINALITY AS f(checksum, unit, period, n)
			LEFT JOIN LATERAL (SELECT submission_id, status FROM ops.submission
			      WHERE checksum_sha256 = f.checksum AND status IN ('LOADED', 'SUPERSEDED')
			      ORDER BY status = 'LOADED' DESC, submission_id LIMIT 1) AS d ON true
			ORDER BY f.n
			""";

	/**
	 * The supersession rule, over the rows {@code n(id, unit, period, status)} that
	 * {@code %s} names: the current version of each unit-month a LOADED row is for
	 * becomes SUPERSEDED by it.
	 */
	private static final String SUPERSEDE = """
			UPDATE ops.submission s SET status = 'SUPERSEDED', superseded_at = now(), superseded_by = n.id,
			    change_seq = nextval('ops.submission_change_seq')
			FROM %s
			WHERE n.status = 'LOADED' AND s.unit_code = n.unit AND s.period = n.period AND s.status = 'LOADED'
			RETURNING s.submission_id
			""";

	/**
	 * Files registered (one, or a batch), each LOADED one superseding the current version
	 * of its unit-month, in one statement: the INSERT reads the UPDATE's rows, so the
	 * UPDATE runs first.
	 */
	private static final String REGISTER = """
			WITH new AS (
			    SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:fileNames AS text[]), CAST(:checksums AS text[]),
			        CAST(:sizes AS bigint[]), CAST(:units AS text[]), CAST(:periods AS text[]),
			        CAST(:receivedAts AS timestamptz[]), CAST(:versions AS integer[]), CAST(:statuses AS text[]),
			        CAST(:rows AS bigint[]), CAST(:errors AS bigint[]), CAST(:warnings AS bigint[]),
			        CAST(:duplicatesOf AS bigint[]), CAST(:storedAs AS text[]))
			        AS n(id, file_name, checksum, size, unit, period, received_at, version, status, row_count,
			             error_count, warning_count, duplicate_of, stored_as)
			), previous AS (%s)
			INSERT INTO ops.submission (submission_id, file_name, checksum_sha256, size_bytes, unit_code, period,
			    received_at, version, status, row_count, error_count, warning_count, duplicate_of, stored_as,
			    job_execution_id)
			SELECT n.id, n.file_name, n.checksum, n.size, n.unit, n.period, n.received_at, n.version, n.status,
			    n.row_count, n.error_count, n.warning_count, n.duplicate_of, n.stored_as, CAST(:jobExecutionId AS bigint)
			FROM new n, (SELECT count(*) FROM previous) AS superseded
			ORDER BY n.id
			"""
		.formatted(SUPERSEDE.formatted("new n"));

	/**
	 * A submission on record (a held correction) made the current version of its
	 * unit-month, superseding the one before by the same rule.
	 */
	private static final String MAKE_CURRENT = """
			WITH previous AS (%s)
			UPDATE ops.submission SET status = 'LOADED', version = :version,
			    change_seq = nextval('ops.submission_change_seq')
			FROM (SELECT count(*) FROM previous) AS superseded
			WHERE submission_id = :id
			""".formatted(SUPERSEDE.formatted("(VALUES (CAST(:id AS bigint), CAST(:unit AS text), "
			+ "CAST(:period AS text), 'LOADED')) AS n (id, unit, period, status)"));

	/**
	 * A file rejected before, byte for byte, under the same name and for the same
	 * findings (a clerk or the demo sending it again) keeps no second copy: its
	 * submission is kept as the earlier one's file and error report, so that the rejected
	 * folder holds such a file once. A file rejected for other findings (the catalogue
	 * changed since) is kept anew, and so is an entry that is no file (a link: its bytes
	 * were never read).
	 */
	private static final String KEEP_REJECTED_ONCE = """
			WITH earlier AS (
			    SELECT n.submission_id AS id,
			           (SELECT e.stored_as FROM ops.submission e
			            WHERE e.checksum_sha256 = n.checksum_sha256 AND e.status = 'REJECTED'
			              AND e.file_name = n.file_name AND e.size_bytes > 0 AND e.submission_id < n.submission_id
			              AND (SELECT array_agg(ROW(f.line, f.field, f.value, f.rule, f.cell, f.message_vi)::text
			                                    ORDER BY f.seq)
			                   FROM ops.finding f WHERE f.submission_id = e.submission_id)
			                  IS NOT DISTINCT FROM
			                  (SELECT array_agg(ROW(f.line, f.field, f.value, f.rule, f.cell, f.message_vi)::text
			                                    ORDER BY f.seq)
			                   FROM ops.finding f WHERE f.submission_id = n.submission_id)
			            ORDER BY e.submission_id LIMIT 1) AS stored_as
			    FROM ops.submission n
			    WHERE n.submission_id = ANY (CAST(:ids AS bigint[])) AND n.status = 'REJECTED' AND n.size_bytes > 0
			)
			UPDATE ops.submission s SET stored_as = earlier.stored_as
			FROM earlier
			WHERE s.submission_id = earlier.id AND earlier.stored_as IS NOT NULL
			RETURNING s.submission_id, s.stored_as
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

	/** A file as the duplicate and version rule sees it. */
	record FileKey(String checksum, @Nullable String unitCode, @Nullable String period) {
	}

	/**
	 * What the registry knows of a loadable file before its outcome is decided.
	 *
	 * @param duplicateOf the accepted submission with the same bytes, if any
	 * @param duplicateSuperseded whether that submission is a superseded version
	 * @param nextVersion the version a load of the unit-month takes
	 */
	record Prior(@Nullable Long duplicateOf, boolean duplicateSuperseded, int nextVersion) {
	}

	/** The priors of the files, in their order: the one duplicate and version rule. */
	List<Prior> priors(List<FileKey> files) {
		if (files.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(PRIORS)
			.param("checksums", array(files, FileKey::checksum))
			.param("units", array(files, FileKey::unitCode))
			.param("periods", array(files, FileKey::period))
			.query((rs, n) -> new Prior((Long) rs.getObject(1), rs.getBoolean(2), rs.getInt(3)))
			.list();
	}

	/**
	 * The submissions with each rejected one that repeats an earlier rejection
	 * ({@link #KEEP_REJECTED_ONCE}) kept as the earlier file; call it once their findings
	 * are written, in their transaction.
	 */
	List<Submission> keepRejectedOnce(List<Submission> submissions) {
		Long[] rejected = submissions.stream()
			.filter((s) -> s.status() == SubmissionStatus.REJECTED)
			.map(Submission::id)
			.toArray(Long[]::new);
		if (rejected.length == 0) {
			return submissions;
		}
		Map<Long, String> kept = new HashMap<>();
		this.jdbc.sql(KEEP_REJECTED_ONCE).param("ids", rejected).query((rs) -> {
			kept.put(rs.getLong(1), rs.getString(2));
		});
		return kept.isEmpty() ? submissions
				: submissions.stream().map((s) -> kept.containsKey(s.id()) ? s.keptAs(kept.get(s.id())) : s).toList();
	}

	/**
	 * Registers the submissions (one, or a batch with distinct units); each LOADED one
	 * becomes the current version of its unit-month, superseding the previous one.
	 */
	void register(List<Submission> submissions, @Nullable Long jobExecutionId) {
		this.jdbc.sql(REGISTER)
			.param("ids", array(submissions, Submission::id))
			.param("fileNames", array(submissions, Submission::fileName))
			.param("checksums", array(submissions, Submission::checksum))
			.param("sizes", array(submissions, Submission::size))
			.param("units", array(submissions, Submission::unitCode))
			.param("periods", array(submissions, Submission::period))
			.param("receivedAts", array(submissions, Submission::receivedAt))
			.param("versions", array(submissions, Submission::version))
			.param("statuses", array(submissions, (s) -> s.status().name()))
			.param("rows", array(submissions, Submission::rows))
			.param("errors", array(submissions, Submission::errors))
			.param("warnings", array(submissions, Submission::warnings))
			.param("duplicatesOf", array(submissions, Submission::duplicateOf))
			.param("storedAs", array(submissions, Submission::storedAs))
			.param("jobExecutionId", jobExecutionId)
			.update();
	}

	/**
	 * A text array of one field of each element (PostgreSQL casts it to the column's
	 * type).
	 */
	private static <T> String[] array(List<T> elements, Function<T, @Nullable Object> field) {
		return elements.stream().map(field).map((v) -> (v != null) ? v.toString() : null).toArray(String[]::new);
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
	 * Makes a submission already on record (a correction held for approval) the current
	 * version of its unit-month, by the same rule as a file that loads: the change feed
	 * held, the unit-month locked, the current version superseded by it, the next version
	 * number and a new change sequence given to it.
	 */
	public void makeCurrent(long submissionId, String unitCode, String period) {
		holdChangeFeed();
		lockUnitMonth(unitCode, period);
		int version = nextVersion(unitCode, period);
		this.jdbc.sql(MAKE_CURRENT)
			.param("id", submissionId)
			.param("unit", unitCode)
			.param("period", period)
			.param("version", version)
			.update();
	}

	int nextVersion(String unitCode, String period) {
		return this.jdbc.sql(NEXT_VERSION)
			.param("unit", unitCode)
			.param("period", period)
			.query(Integer.class)
			.single();
	}

}
