package org.safetystats.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.safetystats.system.CopyText;
import org.safetystats.validate.AcceptedValue;
import org.safetystats.validate.ValueSink;

/**
 * Streams accepted rows of a submission (or of several, {@link #submission(long)}) into
 * {@code ops.submission_value} with PostgreSQL COPY, on the connection of the current
 * transaction. The COPY starts with the first row; when validation abandons the
 * submission it is cancelled, and the caller rolls back to its savepoint.
 */
final class ValueCopier implements ValueSink {

	private static final String COPY = """
			COPY ops.submission_value (submission_id, line, village_code, indicator, value, note) FROM STDIN
			""";

	private static final int BUFFER = 256 * 1024;

	private final Connection connection;

	private String submissionId;

	private PGCopyOutputStream copy;

	private Writer out;

	private long copied;

	private boolean abandoned;

	ValueCopier(Connection connection, long submissionId) {
		this.connection = connection;
		this.submissionId = Long.toString(submissionId);
	}

	/** The rows that follow are of this submission (one COPY may carry several). */
	void submission(long id) {
		this.submissionId = Long.toString(id);
	}

	@Override
	public void accept(AcceptedValue value) {
		try {
			Writer w = writer();
			w.write(this.submissionId);
			CopyText.separator(w);
			w.write(Long.toString(value.line()));
			CopyText.separator(w);
			CopyText.field(w, value.villageCode());
			CopyText.separator(w);
			CopyText.field(w, value.indicator());
			CopyText.separator(w);
			w.write(Long.toString(value.value()));
			CopyText.separator(w);
			CopyText.field(w, value.note());
			CopyText.endRow(w);
			this.copied++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("COPY into ops.submission_value failed", ex);
		}
	}

	@Override
	public void abandon() {
		if (this.abandoned) {
			return;
		}
		this.abandoned = true;
		if (this.copy != null && this.copy.isActive()) {
			try {
				this.copy.cancelCopy();
			}
			catch (SQLException ex) {
				// Expected: cancelling a COPY makes the server report an error; the
				// savepoint rollback clears it.
			}
		}
	}

	/** Ends the COPY when it ran to the end; returns the rows the server took. */
	long finish() throws SQLException {
		if (this.abandoned || this.copy == null) {
			return 0;
		}
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			throw new SQLException("COPY into ops.submission_value failed: " + ex.getMessage(), ex);
		}
		long rows = this.copy.endCopy();
		if (rows != this.copied) {
			throw new IllegalStateException("COPY took " + rows + " rows, " + this.copied + " were sent");
		}
		return rows;
	}

	private Writer writer() throws IOException {
		if (this.out == null) {
			try {
				PGConnection pg = this.connection.unwrap(PGConnection.class);
				this.copy = new PGCopyOutputStream(pg, COPY, BUFFER);
			}
			catch (SQLException ex) {
				throw new IOException(ex.getMessage(), ex);
			}
			this.out = new BufferedWriter(new OutputStreamWriter(this.copy, StandardCharsets.UTF_8), BUFFER);
		}
		return this.out;
	}

}
