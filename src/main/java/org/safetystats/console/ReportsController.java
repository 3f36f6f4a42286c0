package org.safetystats.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Year;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.safetystats.report.AnnualReport;
import org.safetystats.upload.SubmissionList;
import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.IndicatorYear;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The reading pages of admins and viewers: submissions with filters, a unit's year over
 * year (tables and a bar chart drawn as SVG on the server), and the annual report opened
 * as HTML or downloaded as PDF ({@link AnnualReport}, written into a temporary folder for
 * each request).
 */
@Controller
class ReportsController {

	private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile("\\d{2,5}");

	/** Submissions a page lists, newest first. */
	private static final int PAGE_ROWS = 500;

	/** Submissions a file holds: streamed, so many more than a page. */
	private static final int FILE_ROWS = 100_000;

	private final SubmissionList submissions;

	private final WarehouseContract warehouse;

	private final AnnualReport report;

	private final Downloads downloads;

	/** The application's clock: the year shown for a unit without figures. */
	private final Clock clock;

	ReportsController(SubmissionList submissions, WarehouseContract warehouse, AnnualReport report, Downloads downloads,
			Clock clock) {
		this.clock = clock;
		this.submissions = submissions;
		this.warehouse = warehouse;
		this.report = report;
		this.downloads = downloads;
	}

	@GetMapping("/submissions")
	String submissions(@RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable String period,
			@RequestParam(required = false) @Nullable String status, Model model) {
		List<String> units = (unit == null || unit.isBlank()) ? null : List.of(unit.trim());
		model.addAttribute("rows", this.submissions.find(units, period, status, PAGE_ROWS));
		model.addAttribute("unit", unit);
		model.addAttribute("period", period);
		model.addAttribute("status", status);
		model.addAttribute("statuses",
				List.of("LOADED", "REJECTED", "DUPLICATE", "SUPERSEDED", "PENDING_APPROVAL", "REFUSED"));
		return "submissions";
	}

	/** The same submissions as a file: every one the filters select, newest first. */
	@GetMapping(path = "/submissions", params = "format")
	ResponseEntity<StreamingResponseBody> submissionsFile(@RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable String period,
			@RequestParam(required = false) @Nullable String status, @RequestParam String format) {
		List<String> units = (unit == null || unit.isBlank()) ? null : List.of(unit.trim());
		return this.downloads.submissions(format, unit, period, status,
				this.submissions.find(units, period, status, FILE_ROWS));
	}

	@GetMapping("/yoy")
	String yearOverYear(@RequestParam(defaultValue = "369") String unit,
			@RequestParam(required = false) @Nullable Integer year, @RequestParam(defaultValue = "then") String as,
			Model model) {
		String code = checkedUnit(unit);
		List<Integer> years = this.warehouse.years(code);
		int shown = shownYear(year, years);
		boolean asNow = "now".equals(as);
		model.addAttribute("unit", code);
		model.addAttribute("unitName", this.warehouse.unitName(code).orElse(code));
		model.addAttribute("year", shown);
		model.addAttribute("years", years);
		model.addAttribute("as", asNow ? "now" : "then");
		List<IndicatorYear> rows = this.warehouse.indicatorYears(code, shown, asNow ? Basis.NOW : Basis.THEN);
		model.addAttribute("rows", rows);
		model.addAttribute("bars", rows.stream().map(YoyBar::of).toList());
		return "yoy";
	}

	/** The page's table as a file. */
	@GetMapping(path = "/yoy", params = "format")
	ResponseEntity<StreamingResponseBody> yearOverYearFile(@RequestParam(defaultValue = "369") String unit,
			@RequestParam(required = false) @Nullable Integer year, @RequestParam(defaultValue = "then") String as,
			@RequestParam String format) {
		String code = checkedUnit(unit);
		int shown = shownYear(year, this.warehouse.years(code));
		boolean asNow = "now".equals(as);
		return this.downloads.yearOverYear(format, code, this.warehouse.unitName(code).orElse(code), shown, asNow,
				this.warehouse.indicatorYears(code, shown, asNow ? Basis.NOW : Basis.THEN));
	}

	/** The year asked for, else the latest the unit has figures of. */
	private int shownYear(@Nullable Integer year, List<Integer> years) {
		return (year != null) ? year : (years.isEmpty() ? Year.now(this.clock).getValue() : years.get(0));
	}

	@GetMapping("/reports/{unit}/{year}.{format}")
	ResponseEntity<byte[]> annualReport(@PathVariable String unit, @PathVariable int year, @PathVariable String format,
			@RequestParam(defaultValue = "vi") String lang) throws Exception {
		String code = checkedUnit(unit);
		if (!format.equals("html") && !format.equals("pdf")) {
			throw new NotFoundException("report format " + format);
		}
		Path folder = Files.createTempDirectory("safetystats-report");
		try {
			List<Path> written = this.report.write(year, code, "en".equals(lang) ? "en" : "vi", folder);
			Path file = written.stream()
				.filter((p) -> p.getFileName().toString().endsWith("." + format))
				.findFirst()
				.orElseThrow(() -> new NotFoundException("report " + code + " " + year));
			boolean html = format.equals("html");
			return ResponseEntity.ok()
				.contentType(html ? new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8)
						: MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						(html ? ContentDisposition.inline() : ContentDisposition.attachment())
							.filename(file.getFileName().toString())
							.build()
							.toString())
				.body(Files.readAllBytes(file));
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(folder);
		}
	}

	static String checkedUnit(String unit) {
		if (!UNIT.matcher(unit).matches()) {
			throw new org.safetystats.system.UsageException("A unit is a code of 2 to 5 digits, not " + unit);
		}
		return unit;
	}

}
