package org.safetystats.console;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.safetystats.system.UsageException;
import org.safetystats.warehouse.MonthlySeries;
import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.SamePeriod;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * "Cùng kỳ" month by month ({@code /same-period?unit=&from=&to=&as=then|now}): a unit's
 * indicators over a window of months against the same months a year earlier
 * ({@code same_period} or {@code same_period_as_now}, with the estimate's bounds as now),
 * and one indicator's months of both years as a line chart drawn on the server. The
 * window defaults to January to the last month owed.
 */
@Controller
class SamePeriodController {

	private final WarehouseContract warehouse;

	private final MonthlySeries months;

	private final Downloads downloads;

	SamePeriodController(WarehouseContract warehouse, MonthlySeries months, Downloads downloads) {
		this.warehouse = warehouse;
		this.months = months;
		this.downloads = downloads;
	}

	/** The window asked for, or January to the last month owed. */
	private record Window(YearMonth first, YearMonth last) {

	}

	@GetMapping("/same-period")
	String samePeriod(@RequestParam(defaultValue = "369") String unit,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "then") String as, @RequestParam(required = false) @Nullable String indicator,
			Model model) {
		String code = ReportsController.checkedUnit(unit);
		Window window = window(from, to);
		YearMonth first = window.first();
		YearMonth last = window.last();
		Basis basis = "now".equals(as) ? Basis.NOW : Basis.THEN;
		String level = this.months.levelOf(code).orElse("commune");
		// a window the functions refuse (over 12 months) is refused in their words
		List<SamePeriod> rows = this.warehouse.samePeriod(first, last, code, level, basis);
		String chosen = (indicator != null && rows.stream().anyMatch((r) -> r.indicator().equals(indicator)))
				? indicator : rows.stream().findFirst().map(SamePeriod::indicator).orElse(null);
		model.addAttribute("unit", code);
		model.addAttribute("unitName", this.warehouse.unitName(code).orElse(code));
		model.addAttribute("from", first.toString());
		model.addAttribute("to", last.toString());
		model.addAttribute("prevFrom", first.minusYears(1).toString());
		model.addAttribute("prevTo", last.minusYears(1).toString());
		model.addAttribute("as", (basis == Basis.NOW) ? "now" : "then");
		model.addAttribute("rows", rows);
		model.addAttribute("indicator", chosen);
		model.addAttribute("chosen",
				rows.stream().filter((r) -> r.indicator().equals(chosen)).findFirst().orElse(null));
		model.addAttribute("chart",
				(chosen != null) ? MonthChart.of(this.months.of(first, last, code, level, chosen, basis)) : null);
		return "same-period";
	}

	/** The page's table as a file. */
	@GetMapping(path = "/same-period", params = "format")
	ResponseEntity<StreamingResponseBody> samePeriodFile(@RequestParam(defaultValue = "369") String unit,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "then") String as, @RequestParam String format) {
		String code = ReportsController.checkedUnit(unit);
		Window window = window(from, to);
		Basis basis = "now".equals(as) ? Basis.NOW : Basis.THEN;
		String level = this.months.levelOf(code).orElse("commune");
		List<SamePeriod> rows = this.warehouse.samePeriod(window.first(), window.last(), code, level, basis);
		return this.downloads.samePeriod(format, code, this.warehouse.unitName(code).orElse(code),
				window.first().toString(), window.last().toString(), window.first().minusYears(1).toString(),
				window.last().minusYears(1).toString(), basis == Basis.NOW, rows);
	}

	private Window window(@Nullable String from, @Nullable String to) {
		YearMonth last = (to != null && !to.isBlank()) ? month("to", to)
				: this.months.lastMonthOwed().orElse(YearMonth.of(2019, 12));
		YearMonth first = (from != null && !from.isBlank()) ? month("from", from) : YearMonth.of(last.getYear(), 1);
		return new Window(first, last);
	}

	private static YearMonth month(String field, String text) {
		try {
			return YearMonth.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw new UsageException(field + " must be a month, YYYY-MM, not \"" + text.trim() + "\"");
		}
	}

}
