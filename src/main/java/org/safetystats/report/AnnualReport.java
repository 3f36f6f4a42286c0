package org.safetystats.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;

import org.safetystats.warehouse.MonthlySeries;
import org.safetystats.warehouse.WarehouseContract;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The annual report of a city, province or ward: headline figures against last year, a
 * table per ward (or village), charts, and the completeness of the data, written as
 * {@code <unit>_<year>_<lang>.html} and the same page as PDF (DejaVu Sans embedded, so
 * Vietnamese diacritics render). Every figure comes from the warehouse contract
 * ({@link WarehouseContract}); the page comes from the template
 * {@code templates/report/annual.html} through Boot's template engine, which a one-shot
 * command's context (no web server) has as well.
 */
@Component
public class AnnualReport {

	private static final Logger logger = LoggerFactory.getLogger(AnnualReport.class);

	private final WarehouseContract contract;

	private final ReportReader reader;

	private final Clock clock;

	static {
		// openhtmltopdf logs every step at INFO through java.util.logging; the report's
		// own log line says enough.
		com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
	}

	private final ITemplateEngine templates;

	public AnnualReport(WarehouseContract contract, JdbcClient jdbc, MonthlySeries months, Clock clock,
			ITemplateEngine templates) {
		this.contract = contract;
		this.reader = new ReportReader(contract, jdbc, months);
		this.clock = clock;
		this.templates = templates;
	}

	/**
	 * Writes the HTML and the PDF into the folder, as now for a unit valid today and as
	 * then for one that is not; returns both paths.
	 */
	public List<Path> write(int year, String unit, String lang, Path folder) throws IOException {
		return write(year, unit, lang, folder, this.contract.validOnAsOfDate(unit));
	}

	/**
	 * Writes the HTML and the PDF into the folder; returns both paths.
	 * @param asNow whether to re-aggregate history onto the unit valid today (else the
	 * units as they reported)
	 */
	public List<Path> write(int year, String unit, String lang, Path folder, boolean asNow) throws IOException {
		ReportData data = this.reader.read(year, unit, asNow);
		ReportText text = new ReportText(lang);
		String html = new ReportPage(this.templates, text, this.clock).html(year, data);
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

	private static void writeAtomically(Path file, byte[] bytes) throws IOException {
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.write(temp, bytes);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
