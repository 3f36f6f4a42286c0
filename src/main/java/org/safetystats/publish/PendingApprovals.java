package org.safetystats.publish;

import org.safetystats.ingest.SubmissionRegistry;
import org.safetystats.system.UserFacingException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections of published periods held as PENDING_APPROVAL (approval mode): an admin
 * approves one (it becomes the current version of its unit-month, exactly as if it had
 * just loaded, and the next warehouse build takes it in) or refuses it (REFUSED; its
 * values never count). The values were validated and stored when the file came in.
 */
@Component
public class PendingApprovals {

	private static final String PENDING = """
			SELECT unit_code, period FROM ops.submission WHERE submission_id = :id AND status = 'PENDING_APPROVAL'
			""";

	private final JdbcClient jdbc;

	private final SubmissionRegistry registry;

	public PendingApprovals(JdbcClient jdbc, SubmissionRegistry registry) {
		this.jdbc = jdbc;
		this.registry = registry;
	}

	/** A held submission: its unit and month. */
	public record Held(long submissionId, String unitCode, String period) {
	}

	/** Makes the held submission the current version of its unit-month. */
	@Transactional
	public Held approve(long submissionId) {
		Held held = held(submissionId);
		this.registry.makeCurrent(submissionId, held.unitCode(), held.period());
		return held;
	}

	/** Refuses the held submission: it stays on record and counts nowhere. */
	@Transactional
	public Held refuse(long submissionId) {
		Held held = held(submissionId);
		this.jdbc.sql("UPDATE ops.submission SET status = 'REFUSED' WHERE submission_id = :id")
			.param("id", submissionId)
			.update();
		return held;
	}

	private Held held(long submissionId) {
		return this.jdbc.sql(PENDING + " FOR UPDATE")
			.param("id", submissionId)
			.query((rs, n) -> new Held(submissionId, rs.getString(1), rs.getString(2)))
			.optional()
			.orElseThrow(() -> new UserFacingException(
					"Submission " + submissionId + " is not waiting for approval (see ops.submissions)"));
	}

}
