package org.safetystats.ingest;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The savepoint of a batch of files ({@link BatchLoader}), with the unit-month locks and
 * the ids in one round trip. The duplicate and version checks and the registration
 * (superseding the current versions) are the registry's rules, each one statement for the
 * whole batch ({@link SubmissionRegistry#priors}, {@link SubmissionRegistry#register}).
 * The batch's files have distinct units and distinct checksums.
 */
@Repository
class BatchRegistry {

	private static final String SAVEPOINT = "ingest_batch";

	private static final String IDS = """
			SELECT nextval(pg_get_serial_sequence('ops.submission', 'submission_id'))
			FROM generate_series(1, %d) ORDER BY 1
			""";

	private final JdbcTemplate jdbcTemplate;

	BatchRegistry(JdbcTemplate jdbcTemplate) {
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

}
