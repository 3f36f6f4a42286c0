package org.safetystats.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.report.ReportData.ChartYear;
import org.safetystats.report.ReportData.Ward;
import org.safetystats.warehouse.MonthlySeries;

/**
 * The report's charts, as PNG images inside the page: traffic accidents and security
 * cameras by year (side by side), traffic accidents month by month against the same
 * months a year earlier (as the console's same-period page), and the crime-free and
 * drug-free shares of each ward of a city or province, a row each with its full name (of
 * a province's hundreds of communes, the {@value #MOST_WARDS} lowest).
 */
final class ReportCharts {

	private final ReportText t;

	ReportCharts(ReportText text) {
		this.t = text;
	}

	/**
	 * A chart: its title (the image's text alternative), the PNG as a data URI, and
	 * whether it is half the page's width (the charts of a few years, side by side).
	 */
	record Chart(String title, String src, boolean half) {
	}

	/** Wards a chart of shares shows at most: beyond, the lowest crime-free shares. */
	static final int MOST_WARDS = 30;

	/**
	 * Pixels across a half-page chart (its text then prints as large as a whole one's).
	 */
	private static final int HALF = 520;

	List<Chart> charts(int year, ReportData d) {
		ReportText t = this.t;
		List<Chart> charts = new ArrayList<>();
		List<String> years = d.years().stream().map((y) -> Integer.toString(y.year())).toList();
		double[][] traffic = new double[3][years.size()];
		double[][] cameras = new double[1][years.size()];
		for (int i = 0; i < years.size(); i++) {
			ChartYear y = d.years().get(i);
			traffic[0][i] = number(y.accidents());
			traffic[1][i] = number(y.deaths());
			traffic[2][i] = number(y.injuries());
			cameras[0][i] = number(y.cameraGroups());
		}
		image(charts, t.get("chart_traffic"),
				BarChart.png(t.get("chart_traffic"), years,
						List.of(t.get("accidents"), t.get("deaths"), t.get("injuries")), traffic, t::count, HALF),
				true);
		image(charts, t.get("chart_cameras"),
				BarChart.png(t.get("chart_cameras"), years, List.of(t.get("camera")), cameras, t::count, HALF), true);
		if (!d.months().isEmpty()) {
			// "cùng kỳ" month by month: the year before's line, then this year's
			List<String> labels = new ArrayList<>();
			double[][] months = new double[2][d.months().size()];
			for (int i = 0; i < d.months().size(); i++) {
				MonthlySeries.Month m = d.months().get(i);
				labels.add(t.get("month", m.month().getMonthValue()));
				months[0][i] = number(m.prevValue());
				months[1][i] = number(m.value());
			}
			String title = t.get("chart_months", year, year - 1);
			image(charts, title, LineChart.png(title, labels,
					List.of(Integer.toString(year - 1), Integer.toString(year)), months, t::count), false);
		}
		if (!d.wardReport() && !d.wards().isEmpty()) {
			// a row per ward with its full name; a province's hundreds of communes: the
			// lowest shares, which are what a review looks at
			List<Ward> wards = d.wards();
			boolean lowest = wards.size() > MOST_WARDS;
			if (lowest) {
				wards = wards.stream()
					.sorted(Comparator.comparing((Ward w) -> number(w.crimeFreePct()), ReportCharts::unknownLast))
					.limit(MOST_WARDS)
					.toList();
			}
			double[][] shares = new double[2][wards.size()];
			for (int i = 0; i < wards.size(); i++) {
				shares[0][i] = number(wards.get(i).crimeFreePct());
				shares[1][i] = number(wards.get(i).drugFreePct());
			}
			String title = lowest ? t.get("chart_shares_lowest", year, MOST_WARDS, d.wards().size())
					: t.get("chart_shares", year);
			image(charts, title,
					BarChart.horizontalPng(title, wards.stream().map(Ward::name).toList(),
							List.of(t.get("crime_free"), t.get("drug_free")), shares,
							(v) -> t.percent(Math.round(v * 10) / 10.0)),
					false);
		}
		return charts;
	}

	/** Known values in order, unknown ones after them. */
	private static int unknownLast(double a, double b) {
		return Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : Double.isNaN(b) ? -1 : Double.compare(a, b);
	}

	private static void image(List<Chart> charts, String title, byte[] png, boolean half) {
		charts.add(new Chart(title, "data:image/png;base64," + Base64.getEncoder().encodeToString(png), half));
	}

	private static double number(@Nullable BigDecimal value) {
		return (value == null) ? Double.NaN : Double.parseDouble(value.toString());
	}

}
