package org.safetystats.system;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes {@code ops.admin_action}: every state-changing request, from the command line,
 * the HTTP API or the scheduler, with its outcome, refusals included. What a requester
 * typed is stored cleaned (control characters shown as {@code \\uXXXX}, at most
 * {@value #MAX} characters), so that a hostile field can neither break the insert nor
 * flood the table. A failure to record is logged and never undoes the request's effect.
 */
@Component
public class AuditTrail {

	private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);

	static final int MAX = 1000;

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
				.param("by", clean(entry.requestedBy()))
				.param("action", clean(entry.action()))
				.param("parameters", clean(entry.parameters()))
				.param("reason", clean(entry.reason()))
				.param("execution", entry.executionId())
				.param("outcome", entry.outcome())
				.param("detail", clean(entry.detail()))
				.update();
		}
		catch (RuntimeException ex) {
			logger.error("Could not record {} {} by {} ({}) in ops.admin_action: {}", entry.action(), entry.outcome(),
					clean(entry.requestedBy()), clean(entry.parameters()), ex.getMessage());
		}
	}

	/**
	 * A request refused for its role or unit (403), when it asked for a change (any
	 * method but GET) or {@code always}: who, what, from where.
	 */
	public void forbidden(HttpServletRequest request, @Nullable String user, String detail, boolean always) {
		if (always || !"GET".equals(request.getMethod())) {
			record(new Entry((user != null) ? user : "anonymous",
					request.getMethod() + " " + clean(request.getRequestURI()), "from " + request.getRemoteAddr(), null,
					null, "FORBIDDEN", detail));
		}
	}

	/** A requester's text as it can be stored and logged. */
	public static @Nullable String clean(@Nullable String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < MAX; i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : c);
		}
		if (out.length() >= MAX) {
			out.setLength(MAX);
			out.append("... (").append(text.length()).append(" characters)");
		}
		return out.toString();
	}

}
