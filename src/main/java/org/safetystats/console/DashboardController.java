package org.safetystats.console;

import java.time.Clock;
import java.time.Year;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.JobExecutions;
import org.safetystats.security.UnitAccess;
import org.safetystats.warehouse.CompletenessMatrix;

import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The start page: for admins and viewers the dashboard, the state first (last runs with
 * status and duration, the reports missing past their due day, the next fire of each
 * schedule, the inbox, a year's completeness matrix; the admins' actions are a page of
 * their own, {@code /actions}), for a clerk its first unit's page. Also the executions
 * and the audit log.
 */
@Controller
class DashboardController {

	private final JobExecutions executions;

	private final CompletenessMatrix completeness;

	private final PipelineOverview overview;

	private final AuditLog audit;

	private final Downloads downloads;

	private final @Nullable String deploymentUnit;

	/** Audit entries a page lists, newest first. */
	private static final int AUDIT_ROWS = 200;

	/** The application's clock: the year shown on an empty warehouse. */
	private final Clock clock;

	DashboardController(JobExecutions executions, CompletenessMatrix completeness, PipelineOverview overview,
			AuditLog audit, Downloads downloads, Environment environment, Clock clock) {
		this.clock = clock;
		this.downloads = downloads;
		this.deploymentUnit = environment.getProperty("safetystats.unit");
		this.executions = executions;
		this.completeness = completeness;
		this.overview = overview;
		this.audit = audit;
	}

	@GetMapping("/")
	String dashboard(@RequestParam(required = false) @Nullable Integer year, Authentication user, Model model)
			throws Exception {
		if (!UnitAccess.seesAll(user)) {
			List<String> units = UnitAccess.units(user);
			return units.isEmpty() ? "redirect:/denied" : "redirect:/units/" + units.get(0);
		}
		int shown = (year != null) ? year : this.overview.latestYear().orElse(Year.now(this.clock).getValue());
		model.addAttribute("year", shown);
		model.addAttribute("runs", this.executions.last(10));
		model.addAttribute("fires", this.overview.nextFires());
		model.addAttribute("inbox", this.overview.inbox());
		// the deployment's own unit and the wards under it, those with a missing month
		// first
		List<CompletenessMatrix.Row> matrix = CompletenessController
			.byStatus(this.completeness.year(shown, this.deploymentUnit))
			.stream()
			.flatMap((group) -> group.rows().stream())
			.toList();
		model.addAttribute("matrix", matrix);
		model.addAttribute("scope", this.deploymentUnit);
		model.addAttribute("missing",
				matrix.stream().flatMap((row) -> row.statuses().values().stream()).filter("MISSING"::equals).count());
		model.addAttribute("months", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
		return "dashboard";
	}

	@GetMapping("/executions")
	String executions(Model model) {
		model.addAttribute("runs", this.executions.last(50));
		return "executions";
	}

	@GetMapping("/executions/{id}")
	String execution(@PathVariable long id, Model model) {
		model.addAttribute("run", this.executions.find(id).orElseThrow(() -> new NotFoundException("execution " + id)));
		model.addAttribute("actions", this.audit.forExecution(id));
		return "execution";
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) @Nullable String by, Model model) {
		model.addAttribute("entries", this.audit.last(AUDIT_ROWS, by));
		model.addAttribute("by", by);
		return "audit";
	}

	/** The audit log as a file: the same entries as the page. */
	@GetMapping(path = "/audit", params = "format")
	ResponseEntity<StreamingResponseBody> auditFile(@RequestParam(required = false) @Nullable String by,
			@RequestParam String format) {
		return this.downloads.audit(format, by, this.audit.last(AUDIT_ROWS, by));
	}

	/** Where Spring Security forwards a refused request, whatever its method. */
	@RequestMapping("/denied")
	String denied(jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(403);
		return "denied";
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

}
