package org.safetystats.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.safetystats.admin.RunNotes;
import org.safetystats.system.SafetystatsProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The files an ingest run did not load, named for the person who ran it: each rejected
 * file with its first error and the path of its error report, each duplicate with the
 * submission it repeats; a few of each, then how many more and where they are.
 */
@Component
class FilesNotLoaded implements RunNotes {

	/** Files named of each kind before the rest are counted. */
	static final int NAMED = 5;

	private static final String NOT_LOADED = """
			SELECT s.status, s.file_name, s.stored_as, s.error_count, s.duplicate_of,
			       (SELECT coalesce('line ' || f.line || ': ', '') || f.message_en FROM ops.finding f
			        WHERE f.submission_id = s.submission_id AND f.severity = 'ERROR' ORDER BY f.seq LIMIT 1) AS first_error
			FROM ops.submission s
			WHERE s.job_execution_id = :execution AND s.status IN ('REJECTED', 'DUPLICATE')
			ORDER BY s.status DESC, s.submission_id
			""";

	private final JdbcClient jdbc;

	private final SafetystatsProperties properties;

	FilesNotLoaded(JdbcClient jdbc, SafetystatsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** The lines that name the execution's files not loaded (none when all loaded). */
	@Override
	public List<String> of(long jobExecutionId) {
		Path rejected = this.properties.rejected().toAbsolutePath();
		List<String> lines = new ArrayList<>();
		int[] named = { 0, 0 };
		long[] more = { 0, 0 };
		this.jdbc.sql(NOT_LOADED).param("execution", jobExecutionId).query((rs) -> {
			boolean isRejected = rs.getString("status").equals("REJECTED");
			int kind = isRejected ? 0 : 1;
			if (named[kind] == NAMED) {
				more[kind]++;
				return;
			}
			named[kind]++;
			if (isRejected) {
				String first = rs.getString("first_error");
				lines.add(String.format(Locale.ROOT, "  rejected  %s: %,d error%s%s; report %s",
						rs.getString("file_name"), rs.getLong("error_count"),
						(rs.getLong("error_count") == 1) ? "" : "s", (first != null) ? " (" + first + ")" : "",
						rejected.resolve(rs.getString("stored_as") + ".errors.csv")));
			}
			else {
				lines.add(String.format(Locale.ROOT,
						"  duplicate %s: the same content as submission %d, already in; nothing changed",
						rs.getString("file_name"), rs.getLong("duplicate_of")));
			}
		});
		if (more[0] > 0) {
			lines.add(String.format(Locale.ROOT, "  ... and %,d more rejected (their error reports are in %s)", more[0],
					rejected));
		}
		if (more[1] > 0) {
			lines.add(String.format(Locale.ROOT, "  ... and %,d more duplicates (`status` lists the submissions)",
					more[1]));
		}
		return lines;
	}

}
