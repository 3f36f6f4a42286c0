package org.safetystats.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.report.AnnualReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From an empty database, the demo gives exactly the six figures Ninh Bình city published
 * for 2019, through the whole pipeline (two nightly runs, with rejected and corrected
 * files, a late ward, a duplicate, an Excel export), and the annual report (HTML and PDF
 * text) states them.
 */
class DemoIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	AnnualReport report;

	@Test
	void theDemoReproducesThePublished2019ReviewAndItsReportSaysSo() throws Exception {
		// when
		PrintStream out = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		int exit;
		try {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			exit = DemoCommand.run(this.context);
		}
		finally {
			System.setOut(out);
		}
		// then the warehouse gives the six published figures for the city
		assertThat(exit).isZero();
		Map<String, Object> villages = row(
				"SELECT * FROM warehouse.village_safety_yoy WHERE unit_code = '369' AND year = 2019");
		assertThat(villages.get("crime_free_pct")).isEqualTo(new BigDecimal("80.4"));
		assertThat((BigDecimal) villages.get("prev_crime_free_pct")).isLessThan(new BigDecimal("80.4"));
		assertThat(villages.get("drug_free_pct")).isEqualTo(new BigDecimal("97.3"));
		assertThat(villages).containsEntry("camera_groups", 17).containsEntry("prev_camera_groups", 5);
		assertThat(villages).containsEntry("villages", 225).containsEntry("villages_reported", 225);
		assertThat(value("active_security_models")).isEqualTo(new BigDecimal("18"));
		assertThat(value("traffic_black_spots")).isEqualTo(BigDecimal.ZERO);
		Map<String, Object> traffic = row(
				"SELECT * FROM warehouse.traffic_yoy WHERE unit_code = '369' AND year = 2019");
		assertThat(traffic).containsEntry("all_three_fell", true).containsEntry("months_complete", 12);
		// and what real months bring went through
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'REJECTED'")).isEqualTo(3);
		// and the demo names them, each with its first error and its error report, and
		// the duplicate
		String said = printed.toString(StandardCharsets.UTF_8);
		for (String file : this.jdbc.sql("SELECT file_name FROM ops.submission WHERE status = 'REJECTED'")
			.query(String.class)
			.list()) {
			assertThat(said).containsPattern("rejected  " + java.util.regex.Pattern.quote(file)
					+ ": \\d+ errors? \\(.*\\); report .*\\.errors\\.csv");
		}
		assertThat(said).contains("duplicate ").doesNotContain("Ctrl-C");
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'DUPLICATE'")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM ops.submission WHERE status = 'LOADED'")).isEqualTo(14 * 24);
		assertThat(count(
				"SELECT count(*) FROM warehouse.completeness WHERE unit_code = '14353' AND period LIKE '2019-%' AND status = 'LATE'"))
			.isEqualTo(12);
		assertThat(count(
				"SELECT count(*) FROM warehouse.completeness WHERE period BETWEEN '2018-01' AND '2019-12' AND status = 'ON_TIME'"))
			.isEqualTo(14 * 24 - 15);
		// the three files corrected on the 6th, after the due day (the 5th), are late too
		assertThat(count("SELECT count(*) FROM warehouse.completeness WHERE period LIKE '201_-__' AND status = 'LATE'"))
			.isEqualTo(12 + 3);
		// and the report states them, in Vietnamese number format
		Path html = home().resolve("reports/369_2019_vi.html");
		Path pdf = home().resolve("reports/369_2019_vi.pdf");
		String page = Files.readString(html);
		String pdfText = pdfText(pdf);
		for (String text : new String[] { page, pdfText }) {
			assertThat(text).contains("80,4%", "97,3%", "75,6%", "Thành phố Ninh Bình", "Phường Đông Thành",
					"giảm cả 3 tiêu chí", "Camera an ninh");
		}
		assertThat(pdfText).containsPattern("Camera an ninh.{0,40}\\b17\\b\\s+5\\b");
		assertThat(pdfText).containsPattern("đang hoạt động.{0,30}\\b18\\b\\s+14\\b");
		assertThat(page).contains("<img").contains("data:image/png;base64,");
		// laid out by templates/report/annual.html: its language, and each chart's title
		// as
		// its text alternative
		assertThat(page).contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\">")
			.contains("alt=\"Tai nạn giao thông theo năm\"")
			.doesNotContain("xmlns:th", "th:text");
		// the same months a year earlier month by month (as the console's same-period
		// page), what the brackets of the ward table hold, and no English word left
		assertThat(page).contains("alt=\"Số vụ tai nạn giao thông theo tháng, năm 2019 so với cùng kỳ năm 2018\"")
			.contains("Số trong ngoặc: cùng kỳ năm 2018.")
			.contains("Nguồn: kho dữ liệu safetystats, lập ngày")
			.doesNotContain("warehouse)");
		// the ward table goes on over the page with its heading, and the charts keep to
		// the pages of the table and after it (no page with one chart alone)
		try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
			assertThat(document.getNumberOfPages()).isEqualTo(3);
			PDFTextStripper second = new PDFTextStripper();
			second.setStartPage(2);
			second.setEndPage(2);
			assertThat(second.getText(document).strip()).startsWith("Phường, xã");
		}
		String console = printed.toString(StandardCharsets.UTF_8);
		assertThat(console).contains("80.4%").contains("down on all three criteria");
		// progress and the summary, not a line per file (those go to the log)
		assertThat(console).containsPattern("nightlyJob execution \\d+: COMPLETED, (\\d+) / \\1 files")
			.doesNotContain(": LOADED (")
			.doesNotContain("LOADED 14320_2018-01.csv ->");
		assertThat(console.lines().count()).as(console).isLessThan(120);
	}

	@Test
	void theReportInEnglishUsesEnglishNumbers() throws Exception {
		DemoCommand.run(this.context);
		this.report.write(2019, "369", "en", home().resolve("en"));
		String page = Files.readString(home().resolve("en/369_2019_en.html"));
		assertThat(page).contains("80.4%").contains("fell on all three criteria");
		assertThat(page).contains("lang=\"en\"").contains("alt=\"Traffic accidents by year\"");
		this.report.write(2019, "14347", "vi", home().resolve("ward"));
		assertThat(pdfText(home().resolve("ward/14347_2019_vi.pdf"))).contains("Xã Ninh Nhất")
			.contains("Tổ dân phố, thôn");
	}

	private Map<String, Object> row(String sql) {
		return this.jdbc.sql(sql).query().singleRow();
	}

	private BigDecimal value(String indicator) {
		return this.jdbc
			.sql("SELECT value FROM warehouse.indicator_yoy WHERE unit_code = '369' AND year = 2019 AND indicator = :i")
			.param("i", indicator)
			.query(BigDecimal.class)
			.single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private static String pdfText(Path pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
			// lines wrap inside table cells: compare words, not lines
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}

}
