package org.safetystats.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * At most one pipeline job (ingest, warehouse, nightly) runs at a time across every
 * safetystats process on the database: a lease in {@code ops.pipeline_lock}, held by a
 * database session of its own for as long as the run lasts. The lease is free when no
 * session holds it or when the holding session is gone, so a process that dies never
 * leaves it held. It is a row in {@code ops} rather than an advisory lock because any
 * role can take an advisory lock, the analysts' read-only role included; nobody without
 * rights on {@code ops} can touch this row.
 */
@Component
public class PipelineLock {

	private static final Logger logger = LoggerFactory.getLogger(PipelineLock.class);

	private static final String ACQUIRE = """
			UPDATE ops.pipeline_lock l
			SET holder_pid = pg_backend_pid(), acquired_at = now(),
			    holder_started = (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid())
			WHERE name = 'pipeline'
			  AND (holder_pid IS NULL OR holder_pid = pg_backend_pid() OR NOT EXISTS (
			        SELECT 1 FROM pg_stat_activity a
			        WHERE a.pid = l.holder_pid
			          AND (a.backend_start IS NULL OR l.holder_started IS NULL OR a.backend_start = l.holder_started)))
			""";

	private static final String RELEASE = """
			UPDATE ops.pipeline_lock SET holder_pid = NULL, holder_started = NULL, acquired_at = NULL
			WHERE name = 'pipeline' AND holder_pid = pg_backend_pid()
			""";

	private final DataSource dataSource;

	public PipelineLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The lock, or empty when another run holds it. */
	public Optional<AutoCloseable> tryAcquire() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		try (PreparedStatement statement = connection.prepareStatement(ACQUIRE)) {
			connection.setAutoCommit(true);
			if (statement.executeUpdate() == 1) {
				return Optional.of(() -> release(connection));
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		connection.close();
		return Optional.empty();
	}

	private void release(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(RELEASE)) {
			statement.executeUpdate();
			connection.close();
		}
		catch (SQLException ex) {
			// The session must not go back to the pool still holding the lease.
			logger.warn("Pipeline lock: releasing failed ({}); its session is closed instead", ex.getMessage());
			if (this.dataSource instanceof HikariDataSource hikari) {
				hikari.evictConnection(connection);
			}
			else {
				connection.close();
			}
		}
	}

}
