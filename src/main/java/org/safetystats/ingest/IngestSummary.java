package org.safetystats.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one ingest run did, counted from the submissions it registered.
 *
 * @param loaded files loaded (including those since superseded by a later file of the
 * same run)
 * @param rejected files rejected
 * @param duplicate files recognised as duplicates
 * @param superseded earlier versions this run's files replaced
 * @param rows values loaded
 * @param held corrections of published periods waiting for an admin's approval
 */
public record IngestSummary(long loaded, long rejected, long duplicate, long superseded, long rows, long held) {

	private static final String COUNT = """
			SELECT count(*) FILTER (WHERE status IN ('LOADED', 'SUPERSEDED')),
			       count(*) FILTER (WHERE status = 'REJECTED'),
			       count(*) FILTER (WHERE status = 'DUPLICATE'),
			       (SELECT count(*) FROM ops.submission old JOIN ops.submission new ON new.submission_id = old.superseded_by
			        WHERE new.job_execution_id = :execution),
			       coalesce(sum(row_count) FILTER (WHERE status IN ('LOADED', 'SUPERSEDED')), 0),
			       count(*) FILTER (WHERE status = 'PENDING_APPROVAL')
			FROM ops.submission WHERE job_execution_id = :execution
			""";

	public static IngestSummary of(JdbcClient jdbc, long jobExecutionId) {
		return jdbc.sql(COUNT)
			.param("execution", jobExecutionId)
			.query((rs, n) -> new IngestSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6)))
			.single();
	}

	@Override
	public String toString() {
		return String.format("files loaded %d, rejected %d, duplicate %d, superseded %d; rows loaded %d", this.loaded,
				this.rejected, this.duplicate, this.superseded, this.rows)
				+ ((this.held > 0) ? "; held for approval " + this.held : "");
	}

}
