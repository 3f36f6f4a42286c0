package org.safetystats.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Takes the exclusive locks a build needs (to swap a year's partitions, or to drop the
 * fresh tables a build left) in the caller's transaction, with a bounded wait: it retries
 * under a short {@code lock_timeout} (100 ms), so that readers queued behind it wait no
 * longer; once the readers in its way have had {@code safetystats.reader-grace-seconds},
 * it cancels their statements, and at the next try ends their sessions (a cancelled
 * statement inside an open transaction still holds its locks), each logged with the
 * reader's role and pid, the locks it holds and how long its transaction has been open.
 * Sessions of the pipeline's own role are never touched. Twice the grace without the
 * locks fails the build. The statements run under the locks wait for any other lock no
 * longer than the grace: a lock nobody foresaw fails the build rather than hold it, and
 * the readers queued behind it, for ever.
 */
@Component
class ReaderGrace {

	private static final Logger logger = LoggerFactory.getLogger(ReaderGrace.class);

	// the sessions holding a lock on the tables (by oid: a fresh table the build's
	// transaction made has no name yet for others), with the locks and the age of their
	// transaction
	private static final String HOLDERS = """
			SELECT a.pid, a.usename,
			       string_agg(DISTINCT CAST(CAST(l.relation AS regclass) AS text) || ' (' || l.mode || ')', ', ') AS held,
			       CAST(extract(epoch FROM now() - min(a.xact_start)) AS bigint) AS open_seconds
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.granted AND l.pid <> pg_backend_pid() AND l.relation = ANY (CAST(CAST(? AS text[]) AS oid[]))
			  AND a.usename IS DISTINCT FROM session_user
			GROUP BY a.pid, a.usename
			""";

	private static final long STEP_MILLIS = 100;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Duration grace;

	ReaderGrace(JdbcClient jdbc, DataSource dataSource,
			@Value("${safetystats.reader-grace-seconds:60}") double graceSeconds) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.grace = Duration.ofMillis((long) (graceSeconds * 1000));
	}

	/**
	 * Runs {@code work} (DETACH, ATTACH, DROP, RENAME, ...) once {@code tables} are
	 * locked ACCESS EXCLUSIVE (these tables only, not the partitions of a partitioned
	 * one, held until the caller's transaction ends); {@code work} must lock no other
	 * table exclusively, and any lock it waits for otherwise fails the build after the
	 * grace.
	 * @param purpose what the build does, for the log ("the swap of 2019")
	 */
	void exclusively(String purpose, List<String> tables, Runnable work) {
		lockExclusively(purpose, tables);
		this.jdbc.sql("SET LOCAL lock_timeout = " + Math.max(1, this.grace.toMillis())).update();
		work.run();
		this.jdbc.sql("SET LOCAL lock_timeout = DEFAULT").update();
	}

	private void lockExclusively(String purpose, List<String> tables) {
		long started = System.nanoTime();
		// each try waits this long at most, and so does a reader queued behind it
		long step = Math.max(20, Math.min(STEP_MILLIS, this.grace.toMillis() / 5));
		Set<Integer> cancelled = new HashSet<>();
		List<String> oids = this.jdbc
			.sql("SELECT CAST(CAST(CAST(t AS regclass) AS oid) AS text) FROM unnest(CAST(:tables AS text[])) t")
			.param("tables", new SqlArrayValue("text", tables.toArray()))
			.query(String.class)
			.list();
		for (int tries = 1;; tries++) {
			this.jdbc.sql("SAVEPOINT reader_grace").update();
			try {
				this.jdbc.sql("SET LOCAL lock_timeout = " + step).update();
				this.jdbc.sql("LOCK TABLE ONLY " + String.join(", ONLY ", tables) + " IN ACCESS EXCLUSIVE MODE")
					.update();
				this.jdbc.sql("RELEASE SAVEPOINT reader_grace").update();
				if (tries > 1) {
					logger.info("Warehouse build ({}) took its locks after {} tries in {} ms, waiting for readers",
							purpose, tries, (System.nanoTime() - started) / 1_000_000);
				}
				return;
			}
			catch (DataAccessException ex) {
				if (!lockNotAvailable(ex)) {
					throw ex;
				}
				this.jdbc.sql("ROLLBACK TO SAVEPOINT reader_grace").update();
			}
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			if (waited.compareTo(this.grace.multipliedBy(2)) > 0) {
				throw new IllegalStateException(
						"The warehouse build (" + purpose + ") could not lock " + String.join(", ", tables) + " within "
								+ waited.toSeconds() + " s: readers still hold it (grant pg_signal_backend to the "
								+ "pipeline's role so that it can end them after safetystats.reader-grace-seconds)");
			}
			if (waited.compareTo(this.grace) >= 0) {
				endReaders(purpose, oids, cancelled, waited);
			}
		}
	}

	private void endReaders(String purpose, List<String> oids, Set<Integer> cancelled, Duration waited) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement holders = connection.prepareStatement(HOLDERS)) {
			holders.setArray(1, connection.createArrayOf("text", oids.toArray()));
			try (ResultSet rs = holders.executeQuery()) {
				while (rs.next()) {
					int pid = rs.getInt(1);
					boolean terminate = !cancelled.add(pid);
					String call = terminate ? "pg_terminate_backend" : "pg_cancel_backend";
					logger.warn(
							"Warehouse build ({}) waited {} ms for its locks: {} the {} of reader pid {} (role {}), "
									+ "which holds {} in a transaction open for {} s",
							purpose, waited.toMillis(), terminate ? "ending" : "cancelling",
							terminate ? "session" : "statement", pid, rs.getString(2), rs.getString(3), rs.getLong(4));
					signal(connection, call, pid, rs.getString(2));
				}
			}
		}
		catch (SQLException ex) {
			logger.warn("Warehouse build: cannot list the readers in its way: {}", ex.getMessage());
		}
	}

	private static void signal(Connection connection, String call, int pid, String role) {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + call + "(?)")) {
			statement.setInt(1, pid);
			statement.execute();
		}
		catch (SQLException ex) {
			logger.warn(
					"Warehouse build: {}({}) of role {} refused: {} (grant pg_signal_backend to the pipeline's role)",
					call, pid, role, ex.getMessage());
		}
	}

	private static boolean lockNotAvailable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
