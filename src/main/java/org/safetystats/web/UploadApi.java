package org.safetystats.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.security.UnitAccess;
import org.safetystats.system.UsageException;
import org.safetystats.upload.SubmissionList;
import org.safetystats.upload.Uploads;
import org.safetystats.validate.Finding;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A unit's JSON door, for clerks as for admins: its submissions with their outcome, and
 * an upload ({@code multipart/form-data}: {@code file}, {@code period}) checked at once
 * and, with {@code submit=true}, placed into the inbox when it would load (or
 * {@code anyway=true}). A clerk reaches its own units only (403 otherwise).
 */
@RestController
@RequestMapping("/api/units/{unit}")
class UploadApi {

	private final Uploads uploads;

	private final SubmissionList submissions;

	UploadApi(Uploads uploads, SubmissionList submissions) {
		this.uploads = uploads;
		this.submissions = submissions;
	}

	record CheckedFile(String fileName, boolean loadable, long rows, long errors, long warnings, boolean submitted,
			List<Finding> findings) {

	}

	@GetMapping("/submissions")
	List<SubmissionList.Row> submissions(@PathVariable String unit,
			@RequestParam(required = false) @Nullable String period, Authentication user) {
		requireUnit(user, unit);
		return this.submissions.find(List.of(unit), period, null, 200);
	}

	@PostMapping("/uploads")
	CheckedFile upload(@PathVariable String unit, @RequestParam String period, @RequestParam MultipartFile file,
			@RequestParam(defaultValue = "false") boolean submit, @RequestParam(defaultValue = "false") boolean anyway,
			Authentication user) throws Exception {
		requireUnit(user, unit);
		Uploads.Checked checked = this.uploads.check(unit, period(period), String.valueOf(file.getOriginalFilename()),
				file.getInputStream(), user.getName());
		if (submit) {
			this.uploads.submit(checked, anyway, user.getName());
		}
		return new CheckedFile(checked.fileName(), checked.loadable(), checked.rows(), checked.errors(),
				checked.warnings(), submit, checked.findings());
	}

	static void requireUnit(Authentication user, String unit) {
		if (!UnitAccess.mayUse(user, unit)) {
			throw new AccessDeniedException("unit " + unit + " is not one of " + UnitAccess.units(user));
		}
	}

	static YearMonth period(String text) {
		try {
			return YearMonth.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("period must be a month YYYY-MM, not " + text);
		}
	}

}
