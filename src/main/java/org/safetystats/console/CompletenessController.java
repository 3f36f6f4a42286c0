package org.safetystats.console;

import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.safetystats.warehouse.CompletenessMatrix;

import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The completeness of a year's reports for a unit and the wards and communes under it
 * ({@code /completeness?year=&unit=&group=status|district}): a summary line first, then
 * the wards × months matrix in groups, missing first: by status (wards with a missing
 * month, then with a rejected one, a late one, the rest), or by the former district or
 * city each belonged to (the districts with the most missing months first). The unit
 * defaults to the deployment's own ({@code safetystats.unit}), {@code all} for every unit
 * loaded. The same table as XLSX or CSV with {@code &format=}.
 */
@Controller
class CompletenessController {

	/** A group of the matrix: its heading (a message key, or a district) and its rows. */
	record Group(String key, @Nullable String name, List<CompletenessMatrix.Row> rows) {

		long missing() {
			return this.rows.stream().mapToLong(CompletenessMatrix.Row::missing).sum();
		}

	}

	/** The matrix's counts of reports owed, by status. */
	record Summary(int units, long missing, long rejected, long late, long onTime) {

		static Summary of(List<CompletenessMatrix.Row> rows) {
			long onTime = rows.stream()
				.flatMap((row) -> row.statuses().values().stream())
				.filter("ON_TIME"::equals)
				.count();
			return new Summary(rows.size(), rows.stream().mapToLong(CompletenessMatrix.Row::missing).sum(),
					rows.stream().mapToLong(CompletenessMatrix.Row::rejected).sum(),
					rows.stream().mapToLong(CompletenessMatrix.Row::late).sum(), onTime);
		}

	}

	private final CompletenessMatrix completeness;

	private final PipelineOverview overview;

	private final Downloads downloads;

	private final @Nullable String deploymentUnit;

	/** The application's clock: the year shown on an empty warehouse. */
	private final Clock clock;

	CompletenessController(CompletenessMatrix completeness, PipelineOverview overview, Downloads downloads,
			Environment environment, Clock clock) {
		this.clock = clock;
		this.completeness = completeness;
		this.overview = overview;
		this.downloads = downloads;
		this.deploymentUnit = environment.getProperty("safetystats.unit");
	}

	@GetMapping("/completeness")
	String page(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "status") String group,
			Model model) {
		int shown = year(year);
		String scope = scope(unit);
		List<CompletenessMatrix.Row> rows = this.completeness.year(shown, scope);
		boolean byDistrict = "district".equals(group);
		model.addAttribute("year", shown);
		model.addAttribute("unit", (scope != null) ? scope : "all");
		model.addAttribute("unitName", (scope != null) ? this.completeness.unitName(scope) : null);
		model.addAttribute("group", byDistrict ? "district" : "status");
		model.addAttribute("summary", Summary.of(rows));
		model.addAttribute("groups", byDistrict ? byDistrict(rows) : byStatus(rows));
		model.addAttribute("refreshedAt", this.completeness.refreshedAt().orElse(null));
		model.addAttribute("months", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
		return "completeness";
	}

	@GetMapping(path = "/completeness", params = "format")
	ResponseEntity<StreamingResponseBody> download(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "status") String group,
			@RequestParam String format) {
		int shown = year(year);
		String scope = scope(unit);
		List<CompletenessMatrix.Row> rows = this.completeness.year(shown, scope);
		List<Group> groups = "district".equals(group) ? byDistrict(rows) : byStatus(rows);
		return this.downloads.completeness(format, shown, scope,
				(scope != null) ? this.completeness.unitName(scope) : null,
				groups.stream().flatMap((g) -> g.rows().stream()).toList());
	}

	private int year(@Nullable Integer year) {
		return (year != null) ? year : this.overview.latestYear().orElse(Year.now(this.clock).getValue());
	}

	/** The unit asked for, the deployment's own by default; null for every unit. */
	private @Nullable String scope(@Nullable String unit) {
		String scope = (unit == null || unit.isBlank()) ? this.deploymentUnit : unit.trim();
		if (scope == null || scope.equalsIgnoreCase("all")) {
			return null;
		}
		return ReportsController.checkedUnit(scope);
	}

	/**
	 * Wards with a missing month first (the most missing first), then with a rejected
	 * one, a late one, and those complete and on time.
	 */
	static List<Group> byStatus(List<CompletenessMatrix.Row> rows) {
		Map<String, List<CompletenessMatrix.Row>> groups = new LinkedHashMap<>();
		for (String key : List.of("MISSING", "REJECTED", "LATE", "ON_TIME")) {
			groups.put(key, new ArrayList<>());
		}
		for (CompletenessMatrix.Row row : rows) {
			String key = (row.missing() > 0) ? "MISSING"
					: (row.rejected() > 0) ? "REJECTED" : (row.late() > 0) ? "LATE" : "ON_TIME";
			groups.get(key).add(row);
		}
		List<Group> result = new ArrayList<>();
		groups.forEach((key, members) -> {
			if (!members.isEmpty()) {
				members.sort(Comparator.comparingLong(CompletenessMatrix.Row::missing)
					.thenComparingLong(CompletenessMatrix.Row::rejected)
					.reversed()
					.thenComparing(CompletenessMatrix.Row::unitCode));
				result.add(new Group("completeness.group." + key, null, members));
			}
		});
		return result;
	}

	/**
	 * The former district or city of each ward (none after the reform: one group), the
	 * districts with the most missing months first, wards in code order.
	 */
	static List<Group> byDistrict(List<CompletenessMatrix.Row> rows) {
		Map<String, List<CompletenessMatrix.Row>> groups = new LinkedHashMap<>();
		Map<String, @Nullable String> names = new LinkedHashMap<>();
		for (CompletenessMatrix.Row row : rows) {
			String key = (row.districtCode() != null) ? row.districtCode() : "";
			groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(row);
			names.putIfAbsent(key, row.districtName());
		}
		List<Group> result = new ArrayList<>();
		groups.forEach((key, members) -> result.add(key.isEmpty() ? new Group("completeness.group.none", null, members)
				: new Group("completeness.group.district", key + " " + names.get(key), members)));
		result.sort(Comparator.comparingLong(Group::missing).reversed().thenComparing((g) -> String.valueOf(g.name())));
		return result;
	}

}
