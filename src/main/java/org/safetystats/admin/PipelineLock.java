package org.safetystats.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * At most one pipeline job (ingest, warehouse, nightly) runs at a time across every
 * safetystats process on the database: a PostgreSQL session-level advisory lock, held on
 * a connection of its own for as long as the run lasts. A process that dies loses its
 * connection and with it the lock, so a crash never leaves it held.
 */
@Component
public class PipelineLock {

	static final long KEY = 7_243_002L;

	private final DataSource dataSource;

	public PipelineLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The lock, or empty when another run holds it. */
	public Optional<AutoCloseable> tryAcquire() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, KEY);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				if (rs.getBoolean(1)) {
					connection.setAutoCommit(true);
					return Optional.of(() -> release(connection));
				}
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		connection.close();
		return Optional.empty();
	}

	private static void release(Connection connection) throws SQLException {
		try (connection; PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, KEY);
			statement.execute();
		}
	}

}
