package org.safetystats.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.safetystats.report.ReportData.Figure;
import org.safetystats.report.ReportData.Indicator;
import org.safetystats.report.ReportData.UnitTraffic;
import org.safetystats.report.ReportData.VillageSafety;
import org.safetystats.report.ReportData.Village;
import org.safetystats.report.ReportData.Ward;

/**
 * The annual report as one XHTML page (which the PDF renderer reads too): headline
 * figures against last year, a table per ward (or village), charts, and the completeness
 * of the data.
 */
final class ReportPage {

	private final ReportText t;

	private final Clock clock;

	ReportPage(ReportText text, Clock clock) {
		this.t = text;
		this.clock = clock;
	}

	String html(int year, ReportData data) {
		StringBuilder h = new StringBuilder();
		String name = data.unit().name();
		h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
			.append(this.t.lang())
			.append("\">\n<head>\n")
			.append("<meta charset=\"UTF-8\"/>\n<title>")
			.append(e(name + " " + year))
			.append("</title>\n<style>\n")
			.append(CSS)
			.append("</style>\n</head>\n<body>\n");
		h.append("<h1>")
			.append(e(this.t.get("title", year)))
			.append("</h1>\n<h2 class=\"unit\">")
			.append(e(name))
			.append("</h2>\n")
			.append(PublishedFigures.note(data.publication(), this.t, this.clock.getZone()));
		ReformNote.append(h, data, this.t);
		headline(h, year, data);
		ReformNote.footnote(h, data, this.t);
		children(h, data);
		new ReportCharts(this.t).append(h, year, data);
		completeness(h, data);
		h.append("<p class=\"source\">")
			.append(e(this.t.get("source", LocalDate.now(this.clock))))
			.append("</p>\n</body>\n</html>\n");
		return h.toString();
	}

	private void headline(StringBuilder h, int year, ReportData d) {
		VillageSafety v = d.villages();
		UnitTraffic u = d.unit();
		h.append("<h3>")
			.append(e(this.t.get("headline")))
			.append("</h3>\n<table>\n<tr><th>")
			.append(e(this.t.get("indicator")))
			.append("</th><th>")
			.append(year)
			.append("</th><th>")
			.append(year - 1)
			.append("</th><th>")
			.append(e(this.t.get("change")))
			.append("</th></tr>\n");
		row(h, this.t.get("crime_free"), v.crimeFreePct(), this.t::percent, true);
		row(h, this.t.get("drug_free"), v.drugFreePct(), this.t::percent, true);
		row(h, this.t.get("cameras"), v.cameraGroups(), this.t::count, false);
		Indicator models = d.indicator("active_security_models");
		row(h, ReformNote.label(this.t.get("models"), models.estimated()), models.figure(), this.t::count, false);
		Indicator blackSpots = d.indicator("traffic_black_spots");
		row(h, ReformNote.label(this.t.get("black_spots"), blackSpots.estimated()), blackSpots.figure(), this.t::count,
				false);
		row(h, ReformNote.label(this.t.get("accidents"), u.estimated()), u.accidents(), this.t::count, false);
		row(h, ReformNote.label(this.t.get("deaths"), u.estimated()), u.deaths(), this.t::count, false);
		row(h, ReformNote.label(this.t.get("injuries"), u.estimated()), u.injuries(), this.t::count, false);
		h.append("</table>\n<p class=\"verdict\">")
			.append(e(
					Boolean.TRUE.equals(u.allThreeFell()) ? this.t.get("all_three_fell") : this.t.get("not_all_fell")))
			.append("</p>\n<p class=\"note\">")
			.append(e(this.t.get("villages_note", this.t.count(v.villagesReported()), this.t.count(v.villages()))))
			.append("</p>\n");
	}

	private void row(StringBuilder h, String label, Figure figure, Function<@Nullable BigDecimal, String> format,
			boolean points) {
		h.append("<tr><td class=\"name\">")
			.append(e(label))
			.append("</td><td>")
			.append(e(format.apply(figure.value())))
			.append("</td><td>")
			.append(e(format.apply(figure.previous())))
			.append("</td><td>")
			.append(e(this.t.change(figure.value(), figure.previous(), points)))
			.append("</td></tr>\n");
	}

	private void children(StringBuilder h, ReportData d) {
		ReportText t = this.t;
		h.append("<h3>")
			.append(e(t.get(d.wardReport() ? "by_village" : "by_ward")))
			.append("</h3>\n<table class=\"wide\">\n<tr>");
		List<String> headers = d.wardReport()
				? List.of(t.get("village"), t.get("crime_cases"), t.get("new_addicts"), t.get("camera"))
				: List.of(t.get("ward"), t.get("short_accidents"), t.get("short_deaths"), t.get("short_injuries"),
						t.get("short_crime_free"), t.get("short_drug_free"), t.get("camera"));
		headers.forEach((header) -> h.append("<th>").append(e(header)).append("</th>"));
		h.append("</tr>\n");
		for (Village village : d.villageRows()) {
			childRow(h, village.name(), List.of(t.count(village.crimeCases()), t.count(village.newDrugAddicts()),
					t.count(village.cameraModelEnd())));
		}
		for (Ward ward : d.wards()) {
			childRow(h, ward.name(),
					List.of(withPrevious(ward.accidents()), withPrevious(ward.deaths()), withPrevious(ward.injuries()),
							t.percent(ward.crimeFreePct()), t.percent(ward.drugFreePct()),
							t.count(ward.cameraGroups())));
		}
		h.append("</table>\n");
	}

	private static void childRow(StringBuilder h, String name, List<String> cells) {
		h.append("<tr><td class=\"name\">").append(e(name)).append("</td>");
		cells.forEach((cell) -> h.append("<td>").append(e(cell)).append("</td>"));
		h.append("</tr>\n");
	}

	private String withPrevious(Figure figure) {
		return this.t.count(figure.value()) + " (" + this.t.count(figure.previous()) + ")";
	}

	private void completeness(StringBuilder h, ReportData d) {
		Indicator accidents = d.indicator("traffic_accidents");
		ReportText t = this.t;
		h.append("<h3>")
			.append(e(t.get("completeness")))
			.append("</h3>\n<p>")
			.append(e(t.get("completeness_text", t.count(accidents.monthsSubmitted()),
					t.count(accidents.monthsExpected()), t.count(d.unit().monthsComplete()),
					t.count(d.completeness().get("ON_TIME")), t.count(d.completeness().get("LATE")),
					t.count(d.completeness().get("MISSING")), t.count(d.completeness().get("REJECTED")))))
			.append("</p>\n");
	}

	private static String e(String text) {
		return Html.escape(text);
	}

	private static final String CSS = """
			@page { size: A4; margin: 18mm 15mm; }
			body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #222; }
			h1 { font-size: 16pt; margin-bottom: 2pt; }
			h2.unit { font-size: 13pt; font-weight: normal; color: #1f4e79; margin-top: 0; }
			h3 { font-size: 12pt; border-bottom: 1px solid #1f4e79; margin-top: 16pt; }
			table { border-collapse: collapse; width: 100%; }
			th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: right; }
			th { background: #e8eef5; text-align: center; }
			td.name { text-align: left; width: 40%; }
			table.wide td.name { width: 24%; }
			table.wide { font-size: 8.5pt; }
			p.verdict { font-weight: bold; }
			p.note, p.source { color: #555; font-size: 8.5pt; }
			p.chart img { width: 100%; }
			""";

}
