package org.safetystats.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The annual report of a city, province or ward: headline figures against last year, a
 * table per ward (or village), charts, and the completeness of the data, written as
 * {@code <unit>_<year>_<lang>.html} and the same page as PDF (DejaVu Sans embedded, so
 * Vietnamese diacritics render). Every figure comes from the warehouse views.
 */
@Component
public class AnnualReport {

	private static final Logger logger = LoggerFactory.getLogger(AnnualReport.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	static {
		// openhtmltopdf logs every step at INFO through java.util.logging; the report's
		// own log line says enough.
		com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
	}

	public AnnualReport(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Writes the HTML and the PDF into the folder, as now for a unit valid today and as
	 * then for one that is not; returns both paths.
	 */
	public List<Path> write(int year, String unit, String lang, Path folder) throws IOException {
		return write(year, unit, lang, folder, ReportData.validToday(this.jdbc, unit));
	}

	/**
	 * Writes the HTML and the PDF into the folder; returns both paths.
	 * @param asNow whether to re-aggregate history onto the unit valid today (else the
	 * units as they reported)
	 */
	public List<Path> write(int year, String unit, String lang, Path folder, boolean asNow) throws IOException {
		ReportData data = ReportData.load(this.jdbc, year, unit, asNow);
		ReportText text = new ReportText(lang);
		String html = html(year, data, text);
		Files.createDirectories(folder);
		String stem = unit + "_" + year + "_" + text.lang();
		Path htmlFile = folder.resolve(stem + ".html");
		Path pdfFile = folder.resolve(stem + ".pdf");
		writeAtomically(htmlFile, html.getBytes(StandardCharsets.UTF_8));
		Path temp = folder.resolve(stem + ".pdf.tmp");
		try (OutputStream out = Files.newOutputStream(temp)) {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(() -> BarChart.fontStream("DejaVuSans.ttf"), "DejaVu Sans", 400,
					PdfRendererBuilder.FontStyle.NORMAL, true);
			builder.useFont(() -> BarChart.fontStream("DejaVuSans-Bold.ttf"), "DejaVu Sans", 700,
					PdfRendererBuilder.FontStyle.NORMAL, true);
			builder.withHtmlContent(html, htmlFile.toUri().toString());
			builder.toStream(out);
			builder.run();
		}
		Files.move(temp, pdfFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		logger.info("Annual report {} {} written: {}, {}", unit, year, htmlFile, pdfFile);
		return List.of(htmlFile, pdfFile);
	}

	String html(int year, ReportData data, ReportText t) {
		StringBuilder h = new StringBuilder();
		String name = (String) data.unit().get("unit_name");
		h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
			.append(t.lang())
			.append("\">\n<head>\n")
			.append("<meta charset=\"UTF-8\"/>\n<title>")
			.append(e(name + " " + year))
			.append("</title>\n<style>\n")
			.append(CSS)
			.append("</style>\n</head>\n<body>\n");
		h.append("<h1>")
			.append(e(t.get("title", year)))
			.append("</h1>\n<h2 class=\"unit\">")
			.append(e(name))
			.append("</h2>\n")
			.append(PublishedFigures.note(data.publication(), t, this.clock.getZone()));
		ReformNote.append(h, data, t);
		headline(h, year, data, t);
		ReformNote.footnote(h, data, t);
		children(h, data, t);
		charts(h, year, data, t);
		completeness(h, data, t);
		h.append("<p class=\"source\">")
			.append(e(t.get("source", LocalDate.now(this.clock))))
			.append("</p>\n</body>\n</html>\n");
		return h.toString();
	}

	private void headline(StringBuilder h, int year, ReportData d, ReportText t) {
		Map<String, Object> v = d.villages();
		Map<String, Object> u = d.unit();
		h.append("<h3>")
			.append(e(t.get("headline")))
			.append("</h3>\n<table>\n<tr><th>")
			.append(e(t.get("indicator")))
			.append("</th><th>")
			.append(year)
			.append("</th><th>")
			.append(year - 1)
			.append("</th><th>")
			.append(e(t.get("change")))
			.append("</th></tr>\n");
		row(h, t.get("crime_free"), t.percent(v.get("crime_free_pct")), t.percent(v.get("prev_crime_free_pct")),
				t.change(v.get("crime_free_pct"), v.get("prev_crime_free_pct"), true));
		row(h, t.get("drug_free"), t.percent(v.get("drug_free_pct")), t.percent(v.get("prev_drug_free_pct")),
				t.change(v.get("drug_free_pct"), v.get("prev_drug_free_pct"), true));
		row(h, t.get("cameras"), t.count(v.get("camera_groups")), t.count(v.get("prev_camera_groups")),
				t.change(v.get("camera_groups"), v.get("prev_camera_groups"), false));
		for (String[] indicator : new String[][] { { "models", "active_security_models" },
				{ "black_spots", "traffic_black_spots" } }) {
			Map<String, Object> row = d.indicators().getOrDefault(indicator[1], Map.of());
			row(h, ReformNote.label(t.get(indicator[0]), row), t.count(row.get("value")),
					t.count(row.get("prev_value")), t.change(row.get("value"), row.get("prev_value"), false));
		}
		for (String[] traffic : new String[][] { { "accidents", "accidents" }, { "deaths", "deaths" },
				{ "injuries", "injuries" } }) {
			row(h, ReformNote.label(t.get(traffic[0]), u), t.count(u.get(traffic[1])),
					t.count(u.get("prev_" + traffic[1])),
					t.change(u.get(traffic[1]), u.get("prev_" + traffic[1]), false));
		}
		h.append("</table>\n<p class=\"verdict\">")
			.append(e(Boolean.TRUE.equals(u.get("all_three_fell")) ? t.get("all_three_fell") : t.get("not_all_fell")))
			.append("</p>\n<p class=\"note\">")
			.append(e(t.get("villages_note", t.count(v.get("villages_reported")), t.count(v.get("villages")))))
			.append("</p>\n");
	}

	private void children(StringBuilder h, ReportData d, ReportText t) {
		boolean wardReport = d.level().equals("commune");
		h.append("<h3>")
			.append(e(t.get(wardReport ? "by_village" : "by_ward")))
			.append("</h3>\n<table class=\"wide\">\n<tr>");
		List<String> headers = wardReport
				? List.of(t.get("village"), t.get("crime_cases"), t.get("new_addicts"), t.get("camera"))
				: List.of(t.get("ward"), t.get("short_accidents"), t.get("short_deaths"), t.get("short_injuries"),
						t.get("short_crime_free"), t.get("short_drug_free"), t.get("camera"));
		headers.forEach((header) -> h.append("<th>").append(e(header)).append("</th>"));
		h.append("</tr>\n");
		for (Map<String, Object> c : d.children()) {
			h.append("<tr><td class=\"name\">").append(e((String) c.get("name"))).append("</td>");
			List<String> cells = wardReport
					? List.of(t.count(c.get("crime_cases")), t.count(c.get("new_drug_addicts")),
							t.count(c.get("camera_model_end")))
					: List.of(withPrevious(t, c, "accidents"), withPrevious(t, c, "deaths"),
							withPrevious(t, c, "injuries"), t.percent(c.get("crime_free_pct")),
							t.percent(c.get("drug_free_pct")), t.count(c.get("camera_groups")));
			cells.forEach((cell) -> h.append("<td>").append(e(cell)).append("</td>"));
			h.append("</tr>\n");
		}
		h.append("</table>\n");
	}

	private void charts(StringBuilder h, int year, ReportData d, ReportText t) {
		h.append("<h3>").append(e(t.get("charts"))).append("</h3>\n");
		List<String> years = d.years().stream().map((y) -> y.get("year").toString()).toList();
		double[][] traffic = new double[3][years.size()];
		double[][] cameras = new double[1][years.size()];
		for (int i = 0; i < years.size(); i++) {
			Map<String, Object> y = d.years().get(i);
			traffic[0][i] = number(y.get("accidents"));
			traffic[1][i] = number(y.get("deaths"));
			traffic[2][i] = number(y.get("injuries"));
			cameras[0][i] = number(y.get("camera_groups"));
		}
		image(h, BarChart.png(t.get("chart_traffic"), years,
				List.of(t.get("accidents"), t.get("deaths"), t.get("injuries")), traffic, t::count));
		if (!d.level().equals("commune")) {
			List<String> wards = new ArrayList<>();
			double[][] shares = new double[2][d.children().size()];
			for (int i = 0; i < d.children().size(); i++) {
				Map<String, Object> c = d.children().get(i);
				wards.add(((String) c.get("name")).replaceFirst("^(Phường|Xã) ", ""));
				shares[0][i] = number(c.get("crime_free_pct"));
				shares[1][i] = number(c.get("drug_free_pct"));
			}
			image(h, BarChart.png(t.get("chart_shares", year), wards, List.of(t.get("crime_free"), t.get("drug_free")),
					shares, (v) -> t.percent(Math.round(v * 10) / 10.0).replace("%", "")));
		}
		image(h, BarChart.png(t.get("chart_cameras"), years, List.of(t.get("camera")), cameras, t::count));
	}

	private void completeness(StringBuilder h, ReportData d, ReportText t) {
		Map<String, Object> u = d.unit();
		Map<String, Object> accidents = d.indicators().getOrDefault("traffic_accidents", Map.of());
		Map<String, Long> c = d.completeness();
		h.append("<h3>")
			.append(e(t.get("completeness")))
			.append("</h3>\n<p>")
			.append(e(t.get("completeness_text", t.count(accidents.get("months_submitted")),
					t.count(accidents.get("months_expected")), t.count(u.get("months_complete")),
					t.count(c.get("ON_TIME")), t.count(c.get("LATE")), t.count(c.get("MISSING")),
					t.count(c.get("REJECTED")))))
			.append("</p>\n");
	}

	private static String withPrevious(ReportText t, Map<String, Object> row, String column) {
		return t.count(row.get(column)) + " (" + t.count(row.get("prev_" + column)) + ")";
	}

	private static void row(StringBuilder h, String label, String current, String previous, String change) {
		h.append("<tr><td class=\"name\">")
			.append(e(label))
			.append("</td><td>")
			.append(e(current))
			.append("</td><td>")
			.append(e(previous))
			.append("</td><td>")
			.append(e(change))
			.append("</td></tr>\n");
	}

	private static void image(StringBuilder h, byte[] png) {
		h.append("<p class=\"chart\"><img alt=\"\" src=\"data:image/png;base64,")
			.append(Base64.getEncoder().encodeToString(png))
			.append("\"/></p>\n");
	}

	private static double number(Object value) {
		return (value == null) ? Double.NaN : Double.parseDouble(value.toString());
	}

	private static String e(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	private static void writeAtomically(Path file, byte[] bytes) throws IOException {
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.write(temp, bytes);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
