package org.safetystats.console;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.AlreadyRunningException;
import org.safetystats.audit.AuditTrail;
import org.safetystats.ingest.IngestReruns;
import org.safetystats.schedule.NightlyJob;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.WarehouseReruns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' actions (ADMIN only, {@code /actions/**}): run the nightly job, rerun the
 * warehouse, re-ingest a month from the archive, restart, stop. Each needs a reason and a
 * ticked confirmation (a request without either is refused and recorded), goes through
 * {@link AdminService} like the CLI and the API (the pipeline lock, the audit log), and
 * leads to the execution it started; when pipeline work already runs, the page says which
 * execution (the API's 409).
 */
@Controller
@RequestMapping("/actions")
class ActionsController {

	/** Where a refused or failed action comes back to, with its message. */
	private static final String BACK = "redirect:/actions";

	private final AdminService admin;

	private final AuditTrail audit;

	private final WarehouseReruns warehouseReruns;

	private final IngestReruns ingestReruns;

	ActionsController(AdminService admin, AuditTrail audit, WarehouseReruns warehouseReruns,
			IngestReruns ingestReruns) {
		this.admin = admin;
		this.warehouseReruns = warehouseReruns;
		this.ingestReruns = ingestReruns;
		this.audit = audit;
	}

	@FunctionalInterface
	private interface Action {

		@Nullable JobExecution run(AdminService.Request request) throws Exception;

	}

	/** The admins' actions, a page of their own (the dashboard leads with the state). */
	@GetMapping
	String page() {
		return "actions";
	}

	@PostMapping("/nightly")
	String nightly(@RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication user, RedirectAttributes flash) {
		return act("run", NightlyJob.NAME, user, reason, confirm, flash,
				(request) -> this.admin.start(NightlyJob.NAME, Map.of(), request));
	}

	@PostMapping("/rerun-warehouse")
	String rerunWarehouse(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication user, RedirectAttributes flash) {
		String code = (unit == null || unit.isBlank()) ? null : unit.trim();
		return act("rerun-warehouse", "unit=" + code + " year=" + year, user, reason, confirm, flash,
				(request) -> this.warehouseReruns.rerun(code, year, year, request));
	}

	@PostMapping("/reingest")
	String reingest(@RequestParam(defaultValue = "") String period,
			@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication user, RedirectAttributes flash) {
		String code = (unit == null || unit.isBlank()) ? null : unit.trim();
		return act("rerun-ingest", "period=" + period + " unit=" + code, user, reason, confirm, flash,
				(request) -> this.ingestReruns.rerunMonth(period.trim(), code, request));
	}

	@PostMapping("/restart")
	String restart(@RequestParam long execution, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication user, RedirectAttributes flash) {
		return act("restart", "execution " + execution, user, reason, confirm, flash,
				(request) -> this.admin.restart(execution, request));
	}

	@PostMapping("/stop")
	String stop(@RequestParam long execution, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "false") boolean confirm, Authentication user, RedirectAttributes flash) {
		String next = act("stop", "execution " + execution, user, reason, confirm, flash, (request) -> {
			this.admin.stop(execution, request);
			return null;
		});
		return next.equals(BACK) ? next : "redirect:/executions/" + execution;
	}

	private String act(String name, String parameters, Authentication user, String reason, boolean confirm,
			RedirectAttributes flash, Action action) {
		if (reason.isBlank() || !confirm) {
			// refused before the service: on record here
			this.audit.record(new AuditTrail.Entry(user.getName(), name, parameters, reason, null, "REFUSED",
					reason.isBlank() ? "no reason given" : "not confirmed"));
			flash.addFlashAttribute("errorKey", reason.isBlank() ? "action.needsReason" : "action.needsConfirmation");
			return BACK;
		}
		try {
			JobExecution started = action.run(new AdminService.Request(user.getName(), reason.trim()));
			if (started == null) {
				flash.addFlashAttribute("infoKey", "action.stopping");
				return "redirect:/executions";
			}
			flash.addFlashAttribute("infoKey", "action.started");
			return "redirect:/executions/" + started.getId();
		}
		catch (AlreadyRunningException ex) {
			flash.addFlashAttribute("errorKey",
					(ex.runningExecutionId() != null) ? "action.alreadyRunning" : "action.alreadyRunningStarting");
			flash.addFlashAttribute("running", ex.runningExecutionId());
			flash.addFlashAttribute("error", ex.getMessage());
			return BACK;
		}
		catch (UserFacingException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
			return BACK;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
