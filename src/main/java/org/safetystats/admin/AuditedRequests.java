package org.safetystats.admin;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.safetystats.audit.AuditTrail;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;

import org.springframework.stereotype.Component;

/**
 * The admin room's one writer of the audit trail ({@code ops.admin_action}, through
 * {@link AuditTrail}): runs an admin request so that its refusal or fault is on record
 * (checks the reason, runs the request, records a refusal, REFUSED or NOT_FOUND, or a
 * fault, FAILED, with what the requester was told), and records what happens to a run
 * where it happens ({@link PipelineRuns}: ALREADY_RUNNING, STARTED, DONE, STOPPING, a
 * crash's executions marked failed).
 */
@Component
class AuditedRequests {

	private final AuditTrail audit;

	AuditedRequests(AuditTrail audit) {
		this.audit = audit;
	}

	<T> T call(String action, String parameters, AdminService.Request request, Callable<T> work) throws Exception {
		try {
			RequestFields.text("reason", request.reason());
			return work.call();
		}
		catch (AlreadyRunningException ex) {
			throw ex;
		}
		catch (UserFacingException ex) {
			record(request.requestedBy(), action, parameters, request.reason(), null,
					(ex instanceof NoSuchExecutionException) ? "NOT_FOUND" : "REFUSED", ex.getMessage());
			throw ex;
		}
		catch (Exception | Error ex) {
			record(request.requestedBy(), action, parameters, request.reason(), null, "FAILED", ex.toString());
			throw ex;
		}
	}

	/** The same for a request that must say why (a rerun, a restore). */
	<T> T callWithReason(String action, String parameters, AdminService.Request request, Callable<T> work)
			throws Exception {
		return call(action, parameters, request, () -> {
			if (request.reason() == null || request.reason().isBlank()) {
				throw new UsageException("A rerun or restore needs a reason (--reason)");
			}
			return work.call();
		});
	}

	/**
	 * One entry of the trail: who, what, why, the execution, the outcome and its detail.
	 */
	void record(String requestedBy, String action, String parameters, @Nullable String reason,
			@Nullable Long executionId, String outcome, @Nullable String detail) {
		this.audit.record(new AuditTrail.Entry(requestedBy, action, parameters, reason, executionId, outcome, detail));
	}

}
