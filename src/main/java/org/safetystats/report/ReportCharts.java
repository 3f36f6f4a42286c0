package org.safetystats.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.report.ReportData.ChartYear;
import org.safetystats.report.ReportData.Ward;

/**
 * The report's charts, as PNG images inside the page: traffic accidents by year, the
 * crime-free and drug-free shares of each ward (for a city or province), and security
 * cameras by year.
 */
final class ReportCharts {

	private final ReportText t;

	ReportCharts(ReportText text) {
		this.t = text;
	}

	/** A chart: its title (the image's text alternative) and the PNG as a data URI. */
	record Chart(String title, String src) {
	}

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
		image(charts, t.get("chart_traffic"), BarChart.png(t.get("chart_traffic"), years,
				List.of(t.get("accidents"), t.get("deaths"), t.get("injuries")), traffic, t::count));
		if (!d.wardReport()) {
			List<Ward> wards = d.wards();
			double[][] shares = new double[2][wards.size()];
			for (int i = 0; i < wards.size(); i++) {
				shares[0][i] = number(wards.get(i).crimeFreePct());
				shares[1][i] = number(wards.get(i).drugFreePct());
			}
			image(charts, t.get("chart_shares", year),
					BarChart.png(t.get("chart_shares", year),
							wards.stream().map((w) -> w.name().replaceFirst("^(Phường|Xã) ", "")).toList(),
							List.of(t.get("crime_free"), t.get("drug_free")), shares,
							(v) -> t.percent(Math.round(v * 10) / 10.0).replace("%", "")));
		}
		image(charts, t.get("chart_cameras"),
				BarChart.png(t.get("chart_cameras"), years, List.of(t.get("camera")), cameras, t::count));
		return charts;
	}

	private static void image(List<Chart> charts, String title, byte[] png) {
		charts.add(new Chart(title, "data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
	}

	private static double number(@Nullable BigDecimal value) {
		return (value == null) ? Double.NaN : Double.parseDouble(value.toString());
	}

}
