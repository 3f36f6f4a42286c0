package org.safetystats.console;

import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.security.UnitAccess;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.safetystats.upload.SubmissionList;
import org.safetystats.upload.Uploads;
import org.safetystats.warehouse.CompletenessMatrix;
import org.safetystats.warehouse.WarehouseContract;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A unit's page ({@code /units/{unit}}), the clerk's home: the month's deadline, the
 * outcome of the unit's files with their findings and error reports, and the upload:
 * checked at once (the findings {@code validate} gives), submitted when it would load or
 * anyway. Whatever the URL says, a clerk reaches only its own units (403 otherwise); a
 * viewer reads but does not upload.
 */
@Controller
@RequestMapping("/units/{unit}")
class UnitController {

	private final Uploads uploads;

	private final SubmissionList submissions;

	private final CompletenessMatrix completeness;

	private final WarehouseContract warehouse;

	private final SafetystatsProperties properties;

	private final Clock clock;

	private final Downloads downloads;

	/** Findings a submission's page lists. */
	private static final int FINDINGS = 1000;

	UnitController(Uploads uploads, SubmissionList submissions, CompletenessMatrix completeness,
			WarehouseContract warehouse, SafetystatsProperties properties, Clock clock, Downloads downloads) {
		this.downloads = downloads;
		this.uploads = uploads;
		this.submissions = submissions;
		this.completeness = completeness;
		this.warehouse = warehouse;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	String unit(@PathVariable String unit, @RequestParam(required = false) @Nullable String period, Authentication user,
			Model model) {
		require(user, unit, false);
		YearMonth month = (period != null) ? month(period) : YearMonth.now(this.clock).minusMonths(1);
		model.addAttribute("unit", unit);
		model.addAttribute("unitName", this.warehouse.unitName(unit).orElse(unit));
		model.addAttribute("period", month.toString());
		model.addAttribute("dueAt", this.properties.dueAt(month));
		model.addAttribute("mayUpload", UnitAccess.mayUpload(user, unit));
		model.addAttribute("rows", this.submissions.find(List.of(unit), null, null, 50));
		model.addAttribute("matrix", this.completeness.year(month.getYear(), unit));
		model.addAttribute("year", month.getYear());
		model.addAttribute("months", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
		return "unit";
	}

	@PostMapping("/uploads")
	String upload(@PathVariable String unit, @RequestParam String period, @RequestParam MultipartFile file,
			Authentication user) throws Exception {
		require(user, unit, true);
		if (file.isEmpty()) {
			throw new UsageException("Choose a file to upload");
		}
		Uploads.Checked checked = this.uploads.check(unit, month(period), String.valueOf(file.getOriginalFilename()),
				file.getInputStream(), user.getName());
		return "redirect:/units/" + unit + "/uploads/" + checked.token();
	}

	@GetMapping("/uploads/{token}")
	String checked(@PathVariable String unit, @PathVariable String token, Authentication user, Model model)
			throws Exception {
		require(user, unit, true);
		Uploads.Checked checked = ownUpload(unit, token);
		model.addAttribute("unit", unit);
		model.addAttribute("checked", checked);
		return "upload";
	}

	@PostMapping("/uploads/{token}/submit")
	String submit(@PathVariable String unit, @PathVariable String token,
			@RequestParam(defaultValue = "false") boolean anyway, Authentication user, RedirectAttributes flash)
			throws Exception {
		require(user, unit, true);
		Uploads.Checked checked = ownUpload(unit, token);
		try {
			this.uploads.submit(checked, anyway, user.getName());
		}
		catch (UserFacingException ex) {
			flash.addFlashAttribute("error", ex.getMessage());
			return "redirect:/units/" + unit + "/uploads/" + token;
		}
		flash.addFlashAttribute("infoKey", "upload.submitted");
		flash.addFlashAttribute("submittedFile", checked.fileName());
		return "redirect:/units/" + unit;
	}

	@GetMapping("/submissions/{id}")
	String submission(@PathVariable String unit, @PathVariable long id, Authentication user, Model model) {
		require(user, unit, false);
		SubmissionList.Row row = this.submissions.get(id)
			.filter((r) -> unit.equals(r.unitCode()))
			.orElseThrow(() -> new NotFoundException("submission " + id + " of unit " + unit));
		model.addAttribute("unit", unit);
		model.addAttribute("row", row);
		model.addAttribute("findings", this.submissions.findings(id, FINDINGS));
		model.addAttribute("hasReport", this.submissions.errorReport(id, this.properties.rejected()).isPresent());
		return "submission";
	}

	/** The submission's findings as a file: the same as the page. */
	@GetMapping(path = "/submissions/{id}", params = "format")
	ResponseEntity<StreamingResponseBody> findingsFile(@PathVariable String unit, @PathVariable long id,
			@RequestParam String format, Authentication user) {
		require(user, unit, false);
		SubmissionList.Row row = this.submissions.get(id)
			.filter((r) -> unit.equals(r.unitCode()))
			.orElseThrow(() -> new NotFoundException("submission " + id + " of unit " + unit));
		return this.downloads.findings(format, unit, row, this.submissions.findings(id, FINDINGS));
	}

	@GetMapping("/submissions/{id}/errors.csv")
	ResponseEntity<FileSystemResource> errors(@PathVariable String unit, @PathVariable long id, Authentication user) {
		require(user, unit, false);
		this.submissions.get(id)
			.filter((r) -> unit.equals(r.unitCode()))
			.orElseThrow(() -> new NotFoundException("submission " + id + " of unit " + unit));
		Path report = this.submissions.errorReport(id, this.properties.rejected())
			.orElseThrow(() -> new NotFoundException("error report of submission " + id));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(report.getFileName().toString()).build().toString())
			.body(new FileSystemResource(report));
	}

	private Uploads.Checked ownUpload(String unit, String token) throws java.io.IOException {
		Uploads.Checked checked = this.uploads.find(token);
		if (!checked.unit().equals(unit)) {
			throw new NotFoundException("upload " + token + " of unit " + unit);
		}
		return checked;
	}

	static void require(Authentication user, String unit, boolean upload) {
		if (!(upload ? UnitAccess.mayUpload(user, unit) : UnitAccess.mayUse(user, unit))) {
			throw new AccessDeniedException("unit " + unit + " is not one of " + UnitAccess.units(user));
		}
	}

	static YearMonth month(String text) {
		try {
			return YearMonth.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("The month must be YYYY-MM, not " + text);
		}
	}

}
