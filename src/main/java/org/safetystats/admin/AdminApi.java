package org.safetystats.admin;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.CompletenessMatrix;
import org.safetystats.warehouse.CompletenessRefresher;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * the VIEWER role, changing anything the ADMIN role; the user name is recorded as who
 * asked. A job started here runs in the background: the answer is 202 with its execution
 * id; 409 when pipeline work is already running, with that execution's id.
 */
@RestController
@RequestMapping("/api")
class AdminApi {

	private final AdminService admin;

	private final JobExecutions executions;

	private final CompletenessMatrix completeness;

	private final CompletenessRefresher refresher;

	AdminApi(AdminService admin, JobExecutions executions, CompletenessMatrix completeness,
			CompletenessRefresher refresher) {
		this.admin = admin;
		this.executions = executions;
		this.completeness = completeness;
		this.refresher = refresher;
	}

	record RunRequest(@Nullable Map<String, String> parameters, @Nullable String reason) {
	}

	record WarehouseRerun(@Nullable String unit, @Nullable Integer fromYear, @Nullable Integer toYear, String reason) {
	}

	record IngestRerun(String period, @Nullable String unit, String reason) {
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

	record Error(String error, @Nullable Long runningExecutionId) {
	}

	@GetMapping("/executions")
	List<JobExecutions.Execution> executions(@RequestParam(defaultValue = "20") int last) {
		return this.executions.last(Math.min(Math.max(last, 1), 500));
	}

	@GetMapping("/executions/{id}")
	ResponseEntity<JobExecutions.Execution> execution(@PathVariable long id) {
		return ResponseEntity.of(this.executions.find(id));
	}

	@PostMapping("/jobs/{job}/executions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started run(@PathVariable String job, @RequestBody(required = false) @Nullable RunRequest body, Principal user)
			throws Exception {
		Map<String, String> parameters = (body != null && body.parameters() != null) ? body.parameters() : Map.of();
		return Started.of(this.admin.start(job, parameters, request(user, (body != null) ? body.reason() : null)));
	}

	@PostMapping("/executions/{id}/restart")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started restart(@PathVariable long id, @RequestBody(required = false) @Nullable Reason body, Principal user)
			throws Exception {
		return Started.of(this.admin.restart(id, request(user, (body != null) ? body.reason() : null)));
	}

	@PostMapping("/executions/{id}/stop")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> stop(@PathVariable long id, @RequestBody(required = false) @Nullable Reason body,
			Principal user) throws Exception {
		this.admin.stop(id, request(user, (body != null) ? body.reason() : null));
		return Map.of("executionId", id, "status", "STOPPING");
	}

	@PostMapping("/reruns/warehouse")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started rerunWarehouse(@RequestBody WarehouseRerun body, Principal user) throws Exception {
		return Started
			.of(this.admin.rerunWarehouse(body.unit(), body.fromYear(), body.toYear(), request(user, body.reason())));
	}

	@PostMapping("/reruns/ingest")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started rerunIngest(@RequestBody IngestRerun body, Principal user) throws Exception {
		return Started.of(this.admin.rerunIngest(body.period(), body.unit(), request(user, body.reason())));
	}

	@PostMapping("/restores")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Started restore(@RequestBody Restore body, Principal user) throws Exception {
		return Started.of(this.admin.restoreVersion(body.submissionId(), request(user, body.reason())));
	}

	@GetMapping("/completeness")
	List<CompletenessMatrix.Row> completeness(@RequestParam int year, @RequestParam(required = false) String unit) {
		this.refresher.refresh();
		return this.completeness.year(year, unit);
	}

	@ExceptionHandler(AlreadyRunningException.class)
	ResponseEntity<Error> alreadyRunning(AlreadyRunningException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new Error(ex.getMessage(), ex.runningExecutionId()));
	}

	@ExceptionHandler(UserFacingException.class)
	ResponseEntity<Error> refused(UserFacingException ex) {
		return ResponseEntity.badRequest().body(new Error(ex.getMessage(), null));
	}

	private static AdminService.Request request(Principal user, @Nullable String reason) {
		return new AdminService.Request(user.getName(), reason);
	}

}
