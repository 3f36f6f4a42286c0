package org.safetystats.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.JobExecutions;
import org.safetystats.audit.AuditTrail;
import org.safetystats.ingest.IngestReruns;
import org.safetystats.security.UnitAccess;
import org.safetystats.system.RequestFields;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.CompletenessMatrix;
import org.safetystats.warehouse.WarehouseReruns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin HTTP API over {@link AdminService}, JSON under {@code /api/}. Reading needs
 * the VIEWER role (a clerk reads its own units' completeness only), changing anything the
 * ADMIN role, a JSON body ({@code ApiRequestGuard}) and a reason, run, restart and stop
 * included; the user name is recorded as who asked. A job started here runs in the
 * background: the answer is 202 with its execution id; 409 when pipeline work is already
 * running, with that execution's id; 400 (a bad field, named) or 404 (an unknown
 * execution) with a one-line message otherwise. Reads only read: completeness is the
 * pipeline's last refresh, its time in {@code Last-Modified}.
 */
@RestController
@RequestMapping("/api")
class AdminApi {

	private final AdminService admin;

	private final JobExecutions executions;

	private final CompletenessMatrix completeness;

	private final AuditTrail audit;

	private final WarehouseReruns warehouseReruns;

	private final IngestReruns ingestReruns;

	AdminApi(AdminService admin, JobExecutions executions, CompletenessMatrix completeness, AuditTrail audit,
			WarehouseReruns warehouseReruns, IngestReruns ingestReruns) {
		this.admin = admin;
		this.warehouseReruns = warehouseReruns;
		this.ingestReruns = ingestReruns;
		this.executions = executions;
		this.completeness = completeness;
		this.audit = audit;
	}

	record RunRequest(@Nullable Map<String, String> parameters, @Nullable String reason) {
	}

	record WarehouseRerun(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear,
			@Nullable String reason) {
	}

	record IngestRerun(@Nullable String period, @Nullable String unit, @Nullable String reason) {
	}

	record Reason(@Nullable String reason) {
	}

	record Restore(long submissionId, String reason) {
	}

	record Started(long executionId, String job, String status) {

		static Started of(JobExecution execution) {
			return new Started(execution.getId(), execution.getJobInstance().getJobName(),
					execution.getStatus().name());
		}

	}

	@GetMapping("/executions")
	List<JobExecutions.Execution> executions(@RequestParam(defaultValue = "20") String last) {
		int count = RequestFields.integer("last", last);
		return this.executions.last(Math.min(Math.max(count, 1), 500));
	}

	@GetMapping("/executions/{id}")
	ResponseEntity<JobExecutions.Execution> execution(@PathVariable String id) {
		return ResponseEntity.of(this.executions.find(RequestFields.id("id", id)));
	}

	@PostMapping("/jobs/{job}/executions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started run(@PathVariable String job, @RequestBody(required = false) @Nullable RunRequest body, Principal user)
			throws Exception {
		Map<String, String> parameters = (body != null && body.parameters() != null) ? body.parameters() : Map.of();
		AdminService.Request request = request(user, (body != null) ? body.reason() : null);
		audited(request, "run", () -> RequestFields.reason(request.reason()));
		return Started.of(this.admin.start(job, parameters, request));
	}

	@PostMapping("/executions/{id}/restart")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started restart(@PathVariable String id, @RequestBody(required = false) @Nullable Reason body, Principal user)
			throws Exception {
		AdminService.Request request = request(user, (body != null) ? body.reason() : null);
		long executionId = audited(request, "restart", () -> RequestFields.id("id", id));
		audited(request, "restart", () -> RequestFields.reason(request.reason()));
		return Started.of(this.admin.restart(executionId, request));
	}

	@PostMapping("/executions/{id}/stop")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> stop(@PathVariable String id, @RequestBody(required = false) @Nullable Reason body,
			Principal user) throws Exception {
		AdminService.Request request = request(user, (body != null) ? body.reason() : null);
		long executionId = audited(request, "stop", () -> RequestFields.id("id", id));
		audited(request, "stop", () -> RequestFields.reason(request.reason()));
		this.admin.stop(executionId, request);
		return Map.of("executionId", executionId, "status", "STOPPING");
	}

	@PostMapping("/reruns/warehouse")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started rerunWarehouse(@RequestBody WarehouseRerun body, Principal user) throws Exception {
		return Started
			.of(this.warehouseReruns.rerun(body.unit(), body.fromYear(), body.toYear(), request(user, body.reason())));
	}

	@PostMapping("/reruns/ingest")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started rerunIngest(@RequestBody IngestRerun body, Principal user) throws Exception {
		return Started.of(this.ingestReruns.rerunMonth(body.period(), body.unit(), request(user, body.reason())));
	}

	@PostMapping("/restores")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started restore(@RequestBody Restore body, Principal user) throws Exception {
		return Started.of(this.ingestReruns.restoreVersion(body.submissionId(), request(user, body.reason())));
	}

	@GetMapping("/completeness")
	ResponseEntity<List<CompletenessMatrix.Row>> completeness(@RequestParam String year,
			@RequestParam(required = false) @Nullable String unit, Authentication user) {
		if (!UnitAccess.seesAll(user) && (unit == null || !UnitAccess.mayUse(user, unit))) {
			// a clerk reads its own units only
			throw new AccessDeniedException("unit " + unit + " is not one of " + UnitAccess.units(user));
		}
		List<CompletenessMatrix.Row> rows = this.completeness.year(RequestFields.year("year", year),
				RequestFields.unit("unit", unit));
		var response = ResponseEntity.ok();
		this.completeness.refreshedAt().ifPresent((at) -> response.lastModified(at));
		return response.body(rows);
	}

	@FunctionalInterface
	private interface Field<T> {

		T read();

	}

	/** Reads a field outside the service; a refusal is still recorded. */
	private <T> T audited(AdminService.Request request, String action, Field<T> field) {
		try {
			return field.read();
		}
		catch (UserFacingException ex) {
			this.audit.record(new AuditTrail.Entry(request.requestedBy(), action, "", request.reason(), null, "REFUSED",
					ex.getMessage()));
			throw ex;
		}
	}

	private static AdminService.Request request(Principal user, @Nullable String reason) {
		return new AdminService.Request(user.getName(), reason);
	}

}
