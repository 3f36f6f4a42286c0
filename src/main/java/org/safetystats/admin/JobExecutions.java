package org.safetystats.admin;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.ReportingTime;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the job repository says about executions, for status listings and the "already
 * running" answer.
 */
@Repository
public class JobExecutions {

	static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

	/**
	 * One execution as admins see it.
	 *
	 * @param id execution id
	 * @param job job name
	 * @param status Batch status
	 * @param startTime start, if started, in the reporting time zone with its offset (ISO
	 * 8601 in the API's JSON: {@code 2026-12-07T19:27:20.123+07:00})
	 * @param endTime end, if ended, the same way
	 * @param exitMessage first line of the exit description
	 * @param steps one line per step: name, status, read, written, commits
	 * @param requestedBy who asked (admin action), if known
	 */
	public record Execution(long id, String job, String status, @Nullable OffsetDateTime startTime,
			@Nullable OffsetDateTime endTime, @Nullable String exitMessage, List<String> steps,
			@Nullable String requestedBy) {

	}

	private static final String LIST = """
			SELECT e.job_execution_id AS id, i.job_name AS job, e.status, e.start_time, e.end_time,
			       split_part(e.exit_message, E'\\n', 1) AS exit_message,
			       (SELECT requested_by FROM ops.admin_action a WHERE a.job_execution_id = e.job_execution_id
			        ORDER BY action_id LIMIT 1) AS requested_by,
			       ARRAY(SELECT format('%s %s read=%s written=%s commits=%s', s.step_name, s.status, s.read_count,
			                           s.write_count, s.commit_count)
			             FROM batch.batch_step_execution s WHERE s.job_execution_id = e.job_execution_id
			             ORDER BY s.step_execution_id) AS steps
			FROM batch.batch_job_execution e JOIN batch.batch_job_instance i USING (job_instance_id)
			""";

	private final JdbcClient jdbc;

	private final ReportingTime time;

	public JobExecutions(JdbcClient jdbc, Environment environment) {
		this.jdbc = jdbc;
		this.time = ReportingTime.of(environment);
	}

	public List<Execution> last(int count) {
		return this.jdbc.sql(LIST + " ORDER BY e.job_execution_id DESC LIMIT :count")
			.param("count", count)
			.query((rs, n) -> execution(rs))
			.list();
	}

	public Optional<Execution> find(long id) {
		return this.jdbc.sql(LIST + " WHERE e.job_execution_id = :id")
			.param("id", id)
			.query((rs, n) -> execution(rs))
			.optional();
	}

	/** Executions the repository says are running (a crash can leave them so). */
	public List<Execution> running() {
		return this.jdbc.sql(LIST + " WHERE e.status IN (:running) ORDER BY e.job_execution_id DESC")
			.param("running", RUNNING)
			.query((rs, n) -> execution(rs))
			.list();
	}

	private Execution execution(java.sql.ResultSet rs) throws java.sql.SQLException {
		List<String> steps = List.of((String[]) rs.getArray("steps").getArray());
		return new Execution(rs.getLong("id"), rs.getString("job"), rs.getString("status"),
				inZone(rs.getObject("start_time", LocalDateTime.class)),
				inZone(rs.getObject("end_time", LocalDateTime.class)), rs.getString("exit_message"), steps,
				rs.getString("requested_by"));
	}

	/** A time as Batch records it, in the reporting zone. */
	private @Nullable OffsetDateTime inZone(@Nullable LocalDateTime batchTime) {
		return (batchTime != null) ? this.time.offset(batchTime) : null;
	}

}
