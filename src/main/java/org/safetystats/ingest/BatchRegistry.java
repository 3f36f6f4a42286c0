package org.safetystats.ingest;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The statements of a batch of files ({@link BatchLoader}), each carrying every file of
 * the batch in arrays: the savepoint, the unit-month locks and the ids in one round trip,
 * the duplicate and version checks in one, and the registration (superseding the current
 * versions) in one. The batch's files have distinct units and distinct checksums.
 */
@Repository
class BatchRegistry {

	private static final String SAVEPOINT = "ingest_batch";

	private static final String IDS = """
			SELECT nextval(pg_get_serial_sequence('ops.submission', 'submission_id'))
			FROM generate_series(1, %d) ORDER BY 1
			""";

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
	 * The current versions of the loaded files' unit-months superseded and every file
	 * registered, in one statement: the INSERT reads the UPDATE's rows, so the UPDATE
	 * runs first.
	 */
	private static final String SUPERSEDE_AND_INSERT = """
			WITH new AS (
			    SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:fileNames AS text[]), CAST(:checksums AS text[]),
			        CAST(:sizes AS bigint[]), CAST(:units AS text[]), CAST(:periods AS text[]),
			        CAST(:receivedAts AS timestamptz[]), CAST(:versions AS integer[]), CAST(:statuses AS text[]),
			        CAST(:rows AS bigint[]), CAST(:errors AS bigint[]), CAST(:warnings AS bigint[]),
			        CAST(:duplicatesOf AS bigint[]), CAST(:storedAs AS text[]))
			        AS n(id, file_name, checksum, size, unit, period, received_at, version, status, row_count,
			             error_count, warning_count, duplicate_of, stored_as)
			), previous AS (
			    UPDATE ops.submission s SET status = 'SUPERSEDED', superseded_at = now(), superseded_by = n.id,
			        change_seq = nextval('ops.submission_change_seq')
			    FROM new n
			    WHERE n.status = 'LOADED' AND s.unit_code = n.unit AND s.period = n.period AND s.status = 'LOADED'
			    RETURNING s.submission_id
			)
			INSERT INTO ops.submission (submission_id, file_name, checksum_sha256, size_bytes, unit_code, period,
			    received_at, version, status, row_count, error_count, warning_count, duplicate_of, stored_as,
			    job_execution_id)
			SELECT n.id, n.file_name, n.checksum, n.size, n.unit, n.period, n.received_at, n.version, n.status,
			    n.row_count, n.error_count, n.warning_count, n.duplicate_of, n.stored_as, CAST(:jobExecutionId AS bigint)
			FROM new n, (SELECT count(*) FROM previous) AS superseded
			ORDER BY n.id
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	BatchRegistry(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Starts a batch in one round trip: a savepoint that {@link #rollback()} returns to,
	 * the locks of the unit-months (in slot order) and an id per file, in increasing
	 * order.
	 */
	List<Long> begin(List<PreparedFile> files) {
		TreeSet<Integer> slots = new TreeSet<>();
		for (PreparedFile file : files) {
			if (file.unitCode() != null && file.period() != null) {
				slots.add(SubmissionRegistry.slot(file.unitCode(), file.period()));
			}
		}
		String lock = slots.isEmpty() ? "" : "SELECT slot FROM ops.lock_slot WHERE slot IN ("
				+ slots.stream().map(String::valueOf).collect(Collectors.joining(",")) + ") ORDER BY slot FOR UPDATE;";
		return this.jdbcTemplate.execute((Statement statement) -> {
			List<Long> ids = new ArrayList<>();
			// results: the savepoint's count, the locks' slots, then the ids
			boolean rows = statement.execute("SAVEPOINT " + SAVEPOINT + ";" + lock + IDS.formatted(files.size()));
			for (; rows || statement.getUpdateCount() != -1; rows = statement.getMoreResults()) {
				ids.clear();
				try (ResultSet rs = rows ? statement.getResultSet() : null) {
					while (rs != null && rs.next()) {
						ids.add(rs.getLong(1));
					}
				}
			}
			return ids;
		});
	}

	/** Undoes everything the batch wrote. */
	void rollback() {
		this.jdbcTemplate.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
	}

	/** Ends the batch's savepoint, keeping what it wrote. */
	void release() {
		this.jdbcTemplate.execute("RELEASE SAVEPOINT " + SAVEPOINT);
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

	/** The priors of the files, in their order. */
	List<Prior> priors(List<PreparedFile> files) {
		if (files.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(PRIORS)
			.param("checksums", array(files, PreparedFile::checksum))
			.param("units", array(files, PreparedFile::unitCode))
			.param("periods", array(files, PreparedFile::period))
			.query((rs, n) -> new Prior((Long) rs.getObject(1), rs.getBoolean(2), rs.getInt(3)))
			.list();
	}

	/**
	 * Registers the submissions; each LOADED one becomes the current version of its
	 * unit-month, superseding the previous one.
	 */
	void register(List<Submission> submissions, @Nullable Long jobExecutionId) {
		this.jdbc.sql(SUPERSEDE_AND_INSERT)
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

}
