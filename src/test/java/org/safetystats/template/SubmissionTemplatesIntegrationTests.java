package org.safetystats.template;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.ingest.IngestJob;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The month's template, filled in by a clerk, validates and loads: every village of the
 * unit that month and every indicator are there, and only the value cells are left to
 * write.
 */
class SubmissionTemplatesIntegrationTests extends IntegrationTestSupport {

	private static final YearMonth MARCH_2019 = YearMonth.of(2019, 3);

	@Autowired
	SubmissionTemplates templates;

	@Autowired
	JobRunner jobRunner;

	@Autowired
	ReferenceCatalogLoader catalogs;

	private static boolean loaded;

	@BeforeEach
	void catalogueLoaded() {
		// once for the suite: the catalogue, as the ingest job's first step loads it
		if (!loaded) {
			this.catalogs.load();
			loaded = true;
		}
	}

	@Test
	void theWorkbookFilledInLoadsItsFigures() throws Exception {
		// given the template of Xã Ninh Nhất (12 villages) for March 2019
		Path template = this.templates.write("14347", MARCH_2019, TemplateFormat.XLSX, home().resolve("templates"));
		assertThat(template.getFileName()).hasToString("14347_2019-03.xlsx");
		Path filled = inbox().resolve("14347_2019-03.xlsx");
		try (InputStream in = Files.newInputStream(template); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getSheetName(0)).isEqualTo("Sheet1");
			assertThat(workbook.getSheetName(1)).isEqualTo("Hướng dẫn");
			assertThat(workbook.getSheetAt(1).getRow(2).getCell(0).getStringCellValue()).contains("cột \"value\"");
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(41);
			assertThat(sheet.getRow(6).getCell(2).getStringCellValue()).isEqualTo("14347-01");
			// when a clerk writes every value
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				assertThat(row.getCell(6)).as("value cell of row %d", r + 1).isNull();
				row.createCell(6).setCellValue(value(row.getCell(4).getStringCellValue()));
			}
			try (OutputStream out = Files.newOutputStream(filled)) {
				workbook.write(out);
			}
		}
		// then it loads
		ingest();
		assertLoaded();
	}

	@Test
	void theCsvFileFilledInLoadsItsFigures() throws Exception {
		// given
		Path template = this.templates.write("14347", MARCH_2019, TemplateFormat.CSV, home().resolve("templates"));
		List<CSVRecord> records;
		try (Reader in = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
			records = CSVFormat.RFC4180.parse(in).getRecords();
		}
		assertThat(records.get(0).get(0)).isEqualTo("\uFEFFunit_code");
		assertThat(records).hasSize(42).allSatisfy((record) -> assertThat(record.size()).isEqualTo(8));
		// when the value column is filled
		try (Writer out = Files.newBufferedWriter(inbox().resolve("14347_2019-03.csv"), StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
			for (CSVRecord record : records) {
				List<String> cells = new ArrayList<>(record.toList());
				if (record.getRecordNumber() > 1) {
					assertThat(cells.get(6)).isEmpty();
					cells.set(6, Long.toString(value(cells.get(4))));
				}
				printer.printRecord(cells);
			}
		}
		// then
		ingest();
		assertLoaded();
	}

	@Test
	void theTemplateLeftEmptyIsRejectedForEachMissingValue() throws Exception {
		this.templates.write("14347", MARCH_2019, TemplateFormat.XLSX, inbox());
		ingest();
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single())
			.isEqualTo("REJECTED");
		assertThat(this.jdbc.sql("SELECT DISTINCT rule FROM ops.findings").query(String.class).list())
			.containsExactly("VALUE_MISSING");
	}

	@Test
	void aUnitNotValidThatMonthNamesTheUnitValidThen() {
		assertThatThrownBy(() -> this.templates.describe("14320", YearMonth.of(2025, 8)))
			.isInstanceOf(SubmissionTemplates.NoSuchUnitException.class)
			.hasMessage(
					"Unit 14320 is not a ward or commune valid in 2025-08: the unit valid then is 14329 Phường Hoa Lư");
		// the 172 villages config/villages.csv gives Phường Hoa Lư from 2025-07-01
		assertThat(this.templates.describe("14329", YearMonth.of(2025, 8)).villages()).hasSize(172);
	}

	/**
	 * The figures the clerk writes: 2 accidents, 1 death, a crime and a camera per
	 * village.
	 */
	private static long value(String indicator) {
		return switch (indicator) {
			case "traffic_accidents" -> 2;
			case "traffic_deaths", "crime_cases", "camera_model" -> 1;
			default -> 0;
		};
	}

	private void assertLoaded() {
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission").query(String.class).single()).isEqualTo("LOADED");
		assertThat(this.jdbc.sql("SELECT rule FROM ops.findings WHERE severity = 'ERROR'").query(String.class).list())
			.isEmpty();
		Map<String, Object> figures = this.jdbc.sql("""
				SELECT count(*) AS values, sum(value) FILTER (WHERE indicator = 'camera_model')::bigint AS cameras,
				       sum(value) FILTER (WHERE indicator = 'crime_cases')::bigint AS crimes,
				       sum(value) FILTER (WHERE indicator = 'traffic_accidents')::bigint AS accidents
				FROM ops.accepted_values WHERE period = '2019-03' AND unit_code = '14347'
				""").query().singleRow();
		assertThat(figures).containsEntry("values", 41L)
			.containsEntry("cameras", 12L)
			.containsEntry("crimes", 12L)
			.containsEntry("accidents", 2L);
	}

	private void ingest() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

}
