package org.safetystats.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.safetystats.system.RequesterText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code ops.admin_action}: every state-changing request, from the command line,
 * the HTTP API or the scheduler, with its outcome, refusals included. What a requester
 * typed is stored cleaned ({@link RequesterText#clean}: control characters shown as
 * {@code \\uXXXX}, at most {@value RequesterText#MAX} characters), so that a hostile
 * field can neither break the insert nor flood the table. A failure to record is logged
 * and never undoes the request's effect.
 */
@Component
public class AuditTrail {

	private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);

	private final JdbcClient jdbc;

	public AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One request and what came of it. */
	public record Entry(String requestedBy, String action, String parameters, @Nullable String reason,
			@Nullable Long executionId, String outcome, @Nullable String detail) {

	}

	public void record(Entry entry) {
		try {
			this.jdbc.sql("""
					INSERT INTO ops.admin_action (requested_by, action, parameters, reason, job_execution_id, outcome,
					    detail)
					VALUES (:by, :action, :parameters, :reason, :execution, :outcome, :detail)
					""")
				.param("by", RequesterText.clean(entry.requestedBy()))
				.param("action", RequesterText.clean(entry.action()))
				.param("parameters", RequesterText.clean(entry.parameters()))
				.param("reason", RequesterText.clean(entry.reason()))
				.param("execution", entry.executionId())
				.param("outcome", entry.outcome())
				.param("detail", RequesterText.clean(entry.detail()))
				.update();
		}
		catch (RuntimeException ex) {
			logger.error("Could not record {} {} by {} ({}) in ops.admin_action: {}", entry.action(), entry.outcome(),
					RequesterText.clean(entry.requestedBy()), RequesterText.clean(entry.parameters()), ex.getMessage());
		}
	}

	/**
	 * A request refused for its role or unit (403), when it asked for a change (any
	 * method but GET) or {@code always}: who, what, from where.
	 */
	public void forbidden(HttpServletRequest request, @Nullable String user, String detail, boolean always) {
		if (always || !"GET".equals(request.getMethod())) {
			record(new Entry((user != null) ? user : "anonymous",
					request.getMethod() + " " + RequesterText.clean(request.getRequestURI()),
					"from " + request.getRemoteAddr(), null, null, "FORBIDDEN", detail));
		}
	}

}
