package org.safetystats.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.safetystats.system.ReportingTime;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.upload.SubmissionList;
import org.safetystats.warehouse.CompletenessMatrix;
import org.safetystats.warehouse.WarehouseContract.IndicatorYear;
import org.safetystats.warehouse.WarehouseContract.SamePeriod;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The console's tables as files ({@link TableDownload}): each table page's rows under the
 * headings the page shows, in the page's language, with the page's filters. One method
 * per table, so that a page and its download name their columns in one place beside each
 * other (the page's template, this class).
 */
@Component
class Downloads {

	private final MessageSource messages;

	private final ReportingTime times;

	Downloads(MessageSource messages, SafetystatsProperties properties) {
		this.messages = messages;
		this.times = new ReportingTime(properties.zone());
	}

	/** A unit's indicators of a year against the year before ({@code /yoy}). */
	ResponseEntity<StreamingResponseBody> yearOverYear(String format, String unit, String unitName, int year,
			boolean asNow, List<IndicatorYear> rows) {
		List<String> headings = new ArrayList<>(
				List.of(text("download.code"), text("yoy.indicator"), text("yoy.prev", year - 1),
						text("yoy.value", year), text("yoy.change"), text("yoy.changePct"), text("yoy.complete")));
		if (asNow) {
			headings.add(text("download.estimated"));
		}
		List<List<@Nullable Object>> cells = new ArrayList<>();
		for (IndicatorYear r : rows) {
			List<@Nullable Object> row = new ArrayList<>(Arrays.asList(r.indicator(), name(r.nameVi(), r.nameEn()),
					r.prevValue(), r.value(), r.change(), r.changePct(), r.complete()));
			if (asNow) {
				row.add(r.estimated());
			}
			cells.add(row);
		}
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put(text("common.unit"), unit + " " + unitName);
		filters.put(text("common.year"), Integer.toString(year));
		filters.put(text("yoy.view"), text(asNow ? "yoy.asNow" : "yoy.asThen"));
		return send(format, "yoy_" + unit + "_" + year + (asNow ? "_now" : ""),
				text("yoy.title", unitName + " (" + unit + ")"), filters, headings, cells);
	}

	/** A unit's indicators over a window against the same months a year earlier. */
	ResponseEntity<StreamingResponseBody> samePeriod(String format, String unit, String unitName, String from,
			String to, String prevFrom, String prevTo, boolean asNow, List<SamePeriod> rows) {
		String prev = prevFrom + ".." + prevTo;
		String cur = from + ".." + to;
		List<String> headings = new ArrayList<>(List.of(text("download.code"), text("yoy.indicator"), prev, cur,
				text("yoy.change"), text("yoy.changePct"), text("yoy.complete")));
		if (asNow) {
			headings.addAll(List.of(text("download.estimated"), text("download.low", prev), text("download.high", prev),
					text("download.low", cur), text("download.high", cur)));
		}
		List<List<@Nullable Object>> cells = new ArrayList<>();
		for (SamePeriod r : rows) {
			List<@Nullable Object> row = new ArrayList<>(Arrays.asList(r.indicator(), name(r.nameVi(), r.nameEn()),
					r.prevValue(), r.value(), r.change(), r.changePct(), r.complete()));
			if (asNow) {
				row.addAll(
						Arrays.asList(r.estimated(), r.prevValueLow(), r.prevValueHigh(), r.valueLow(), r.valueHigh()));
			}
			cells.add(row);
		}
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put(text("common.unit"), unit + " " + unitName);
		filters.put(text("sp.from"), from);
		filters.put(text("sp.to"), to);
		filters.put(text("yoy.view"), text(asNow ? "yoy.asNow" : "yoy.asThen"));
		return send(format, "same-period_" + unit + "_" + from + "_" + to + (asNow ? "_now" : ""),
				text("sp.title", unitName + " (" + unit + ")"), filters, headings, cells);
	}

	/** Submissions with the page's filters ({@code /submissions}). */
	ResponseEntity<StreamingResponseBody> submissions(String format, @Nullable String unit, @Nullable String period,
			@Nullable String status, List<SubmissionList.Row> rows) {
		List<String> headings = List.of("#", text("submissions.file"), text("common.unit"), text("common.period"),
				text("submissions.version"), text("common.status"), text("submissions.rows"),
				text("submissions.errors"), text("submissions.warnings"), text("submissions.received"));
		List<List<@Nullable Object>> cells = new ArrayList<>();
		for (SubmissionList.Row r : rows) {
			cells.add(Arrays.asList(r.id(), r.fileName(), r.unitCode(), r.period(), r.version(),
					text("status." + r.status()), r.rows(), r.errors(), r.warnings(), r.receivedAt()));
		}
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put(text("common.unit"), blankAsAll(unit));
		filters.put(text("common.period"), blankAsAll(period));
		filters.put(text("common.status"),
				(status == null || status.isBlank()) ? text("common.all") : text("status." + status));
		return send(format, "submissions", text("submissions.title"), filters, headings, cells);
	}

	/** A submission's findings ({@code /units/{unit}/submissions/{id}}). */
	ResponseEntity<StreamingResponseBody> findings(String format, String unit, SubmissionList.Row submission,
			List<SubmissionList.FindingRow> rows) {
		boolean english = english();
		List<String> headings = List.of(text("finding.severity"), text("finding.line"), text("finding.field"),
				text("finding.value"), text("finding.message"), text("finding.rule"));
		List<List<@Nullable Object>> cells = new ArrayList<>();
		for (SubmissionList.FindingRow f : rows) {
			cells.add(Arrays.asList(text("severity." + f.severity()), f.line(), f.field(), f.value(),
					english ? f.messageEn() : f.messageVi(), f.rule()));
		}
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put(text("common.unit"), unit);
		filters.put(text("submissions.file"), submission.fileName());
		filters.put(text("common.status"), text("status." + submission.status()));
		return send(format, "findings_" + submission.id(), text("submissions.findings"), filters, headings, cells);
	}

	/** The audit log, newest first, as the page shows it ({@code /audit}). */
	ResponseEntity<StreamingResponseBody> audit(String format, @Nullable String by, List<AuditLog.Entry> entries) {
		List<String> headings = List.of(text("audit.at"), text("audit.by"), text("audit.action"),
				text("audit.parameters"), text("audit.reason"), text("run.id"), text("audit.outcome"),
				text("audit.detail"));
		List<List<@Nullable Object>> cells = new ArrayList<>();
		for (AuditLog.Entry e : entries) {
			cells.add(Arrays.asList(e.at(), e.by(), e.action(), e.parameters(), e.reason(), e.executionId(),
					e.outcome(), e.detail()));
		}
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put(text("audit.by"), blankAsAll(by));
		return send(format, "audit", text("audit.title"), filters, headings, cells);
	}

	/** The completeness of a year's reports, one row per ward or commune. */
	ResponseEntity<StreamingResponseBody> completeness(String format, int year, @Nullable String unit,
			@Nullable String unitName, List<CompletenessMatrix.Row> rows) {
		List<String> headings = new ArrayList<>(List.of(text("download.code"), text("common.unit")));
		for (int month = 1; month <= 12; month++) {
			headings.add(text("month.short", month));
		}
		List<List<@Nullable Object>> cells = new ArrayList<>();
		for (CompletenessMatrix.Row r : rows) {
			List<@Nullable Object> row = new ArrayList<>(List.of(r.unitCode(), r.unitName()));
			for (int month = 1; month <= 12; month++) {
				String status = r.statuses().get(month);
				row.add((status != null) ? text("status." + status) : null);
			}
			cells.add(row);
		}
		Map<String, String> filters = new LinkedHashMap<>();
		filters.put(text("common.year"), Integer.toString(year));
		filters.put(text("common.unit"),
				(unit == null) ? text("common.all") : unit + ((unitName != null) ? " " + unitName : ""));
		return send(format, "completeness_" + year + ((unit != null) ? "_" + unit : ""),
				text("completeness.title", year), filters, headings, cells);
	}

	private ResponseEntity<StreamingResponseBody> send(String format, String name, String title,
			Map<String, String> filters, List<String> headings, List<List<@Nullable Object>> rows) {
		return new TableDownload(name, title, filters, headings, rows).response(TableDownload.Format.of(format),
				this.times);
	}

	private String blankAsAll(@Nullable String value) {
		return (value == null || value.isBlank()) ? text("common.all") : value.trim();
	}

	private String name(String vi, String en) {
		return english() ? en : vi;
	}

	private static boolean english() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage());
	}

	private String text(String key, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(key, args, locale);
	}

}
