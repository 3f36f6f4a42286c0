package org.safetystats.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.reference.Indicator;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.UnitVersion;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workbook submissions go through the same rules as CSV files: the committed fixtures of
 * src/test/resources/ingest/ (made by POI with {@code Workbooks}, and one by LibreOffice
 * Calc) against a catalogue holding what they need.
 */
class SubmissionWorkbookTests {

	private static final ReferenceCatalog CATALOG = catalog();

	private final SubmissionValidator validator = new SubmissionValidator(CATALOG,
			Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC));

	@TempDir
	Path temp;

	@ParameterizedTest
	@CsvSource({ "good.xlsx", "good-libreoffice.xlsx" })
	void aWorkbookGivesTheValuesOfTheSameCsvFile(String fixture) throws IOException {
		Collected csv = validate("good.csv", "14347_2019-03.csv");
		Collected workbook = validate(fixture, "14347_2019-03.xlsx");
		assertThat(csv.result.loadable()).isTrue();
		assertThat(workbook.result.findings().list()).isEmpty();
		assertThat(workbook.result.rows()).isEqualTo(41);
		assertThat(workbook.withoutLines()).isEqualTo(csv.withoutLines()).hasSize(41);
		// a line is the sheet's row: the note on row 7 spans two lines of the CSV file
		assertThat(workbook.values.get(41 - 1).line()).isEqualTo(42);
	}

	@Test
	void codesWithLeadingZerosAndNumbersStoredAsTextComeThroughRight() throws IOException {
		// given codes typed as text, a code shown with the 00000 format, numbers stored
		// as
		// text, 3.0 and a month that Excel turned into a date
		Path file = sheet((workbook, sheet) -> {
			CellStyle fiveDigits = workbook.createCellStyle();
			fiveDigits.setDataFormat(workbook.createDataFormat().getFormat("00000"));
			CellStyle month = workbook.createCellStyle();
			month.setDataFormat(workbook.createDataFormat().getFormat("mmm-yy"));
			row(sheet, 0, "unit_code", "period", "village_code", "indicator", "value");
			row(sheet, 1, "00004", "2019-03", "", "traffic_accidents", "2");
			Row numeric = row(sheet, 2, null, null, "", "traffic_deaths", null);
			numeric.createCell(0).setCellValue(4);
			numeric.getCell(0).setCellStyle(fiveDigits);
			numeric.createCell(1).setCellValue(LocalDate.of(2019, 3, 1));
			numeric.getCell(1).setCellStyle(month);
			numeric.createCell(4).setCellValue(3.0);
			row(sheet, 3, "00004", "2019-03", "", "traffic_injuries", " 3 ");
			row(sheet, 4, "00004", "2019-03", "", "traffic_black_spots", "0");
			row(sheet, 5, "00004", "2019-03", "", "active_security_models", "1");
			Row village = row(sheet, 6, "00004", "2019-03", "00004-01", "crime_cases", null);
			village.createCell(4).setCellValue(14320);
			row(sheet, 7, "00004", "2019-03", "00004-01", "new_drug_addicts", "0");
			row(sheet, 8, "00004", "2019-03", "00004-01", "camera_model", "1");
		});
		// when
		Collected collected = validate(file, "00004_2019-03.xlsx");
		// then
		assertThat(collected.result.findings().list()).extracting(Finding::rule)
			.containsExactly(Rule.VALUE_ABOVE_BOUND);
		Finding above = collected.result.findings().list().get(0);
		assertThat(above.value()).isEqualTo("14320");
		assertThat(above.cell()).isEqualTo("Sheet1!E7");
		assertThat(collected.values).extracting(AcceptedValue::value).startsWith(2L, 3L, 3L);
	}

	@Test
	void aNumberWithoutItsLeadingZerosIsNotTheCode() throws IOException {
		Path file = sheet((workbook, sheet) -> {
			row(sheet, 0, "unit_code", "period", "village_code", "indicator", "value");
			row(sheet, 1, null, "2019-03", "", "traffic_accidents", "2").createCell(0).setCellValue(4);
		});
		Finding mismatch = validate(file, "00004_2019-03.xlsx").result.findings().list().get(0);
		assertThat(mismatch.rule()).isEqualTo(Rule.UNIT_MISMATCH);
		assertThat(mismatch.value()).isEqualTo("4");
		assertThat(mismatch.where()).isEqualTo("Sheet1!A2");
	}

	@Test
	void aFormulaIsReadAsItsComputedValueAndFlagged() throws IOException {
		Collected collected = validate("good-formula.xlsx", "14347_2019-03.xlsx");
		assertThat(collected.result.loadable()).isTrue();
		assertThat(collected.result.findings().list()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rule.XLSX_FORMULA);
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.cell()).isEqualTo("Sheet1!E4");
			assertThat(finding.field()).isEqualTo("value");
			assertThat(finding.messageEn())
				.isEqualTo("Cell Sheet1!E4 holds a formula: the value Excel computed, \"3\", is used; check it");
		});
		assertThat(collected.values.get(2)).extracting(AcceptedValue::indicator, AcceptedValue::value)
			.containsExactly("traffic_injuries", 3L);
	}

	@Test
	void aBadValueNamesSheetCellAndFieldAndNothingReachesTheSink() throws IOException {
		Collected collected = validate("bad-value-cell.xlsx", "14347_2019-03.xlsx");
		assertThat(collected.result.loadable()).isFalse();
		assertThat(collected.result.findings().list())
			.extracting(Finding::rule, Finding::cell, Finding::line, Finding::field, Finding::value)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.VALUE_NOT_INTEGER, "Sheet1!E7", 7L, "value", "x"),
					org.assertj.core.groups.Tuple.tuple(Rule.VALUE_NEGATIVE, "Sheet1!E9", 9L, "value", "-1"));
		assertThat(collected.abandoned).isTrue();
	}

	@ParameterizedTest(name = "{0} as {1}: {2}")
	@CsvSource({ "bad-legacy.xls, 14347_2019-03.xlsx, XLS_LEGACY, -",
			"bad-legacy.xls, 14347_2019-03.xls, FILE_NAME, XLS_LEGACY", "good.xlsx, 14347_2019-03.csv, -, -",
			"bad-macros.xlsm, 14347_2019-03.xlsx, XLSX_MACROS, -",
			"bad-macros.xlsm, 14347_2019-03.xlsm, FILE_NAME, XLSX_MACROS",
			"bad-zip-bomb.xlsx, 14347_2019-03.xlsx, XLSX_ZIP_BOMB, -", "good.csv, 14347_2019-03.xlsx, -, -" })
	void refusedWorkbooksGetOneClearFinding(String fixture, String name, String first, String second)
			throws IOException {
		Collected collected = validate(fixture, name);
		List<Rule> expected = Stream.of(first, second).filter((rule) -> !"-".equals(rule)).map(Rule::valueOf).toList();
		assertThat(collected.result.findings().list()).extracting(Finding::rule).containsExactlyElementsOf(expected);
		assertThat(collected.result.findings().list())
			.allSatisfy((finding) -> assertThat(finding.messageEn()).doesNotContain("\n"));
		if (!expected.isEmpty()) {
			assertThat(collected.values).isEmpty();
			assertThat(collected.abandoned).isTrue();
		}
	}

	@Test
	void aZipBombIsNamedAsSuch() throws IOException {
		Finding bomb = validate("bad-zip-bomb.xlsx", "14347_2019-03.xlsx").result.findings().list().get(0);
		assertThat(bomb.messageEn()).isEqualTo("The workbook is refused: its part xl/worksheets/sheet1.xml expands "
				+ "beyond the safe limits (compressed over 100 times, or over 100 MB), the mark of a zip bomb");
	}

	@Test
	void aMissingHeaderColumnNamesTheHeaderRow() throws IOException {
		Path file = sheet((workbook, sheet) -> {
			row(sheet, 2, "unit_code", "period", "village_code", "indicator");
			row(sheet, 3, "14347", "2019-03", "", "traffic_accidents");
		});
		Finding missing = validate(file, "14347_2019-03.xlsx").result.findings().list().get(0);
		assertThat(missing.rule()).isEqualTo(Rule.HEADER_MISSING_COLUMN);
		assertThat(missing.where()).isEqualTo("Sheet1!3:3");
	}

	@Test
	@Timeout(60)
	void aMillionCharacterCellOnThousandsOfRowsIsRefusedAtItsFirstRow() throws IOException {
		// given the probe's workbook: one shared string of a million characters as the
		// value of 3,000 rows, each of a village the unit does not have
		Path file = hostile(randomLetters(1_000_000), 3_000);
		// when
		Collected collected = validate(file, "14347_2019-03.xlsx");
		// then one finding, at the first data row, and a short one
		assertThat(collected.result.findings().list()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(Rule.RECORD_TOO_LONG);
			assertThat(finding.where()).isEqualTo("Sheet1!2:2");
			assertThat(finding.messageEn()).startsWith("A record is longer than 100,000 characters");
		});
		assertThat(collected.values).isEmpty();
	}

	@Test
	@Timeout(60)
	void aLongCellOnThousandsOfRowsGivesABoundedListAndTheCountOfTheRest() throws IOException {
		// given a value of 30,000 characters (nearly the most Excel takes, and under the
		// limit of a row) on 3,000 rows of a village the unit does not have: two errors a
		// row
		Path file = hostile("x".repeat(30_000), 3_000);
		// when
		List<Finding> findings = validate(file, "14347_2019-03.xlsx").result.findings().list();
		// then the first thousand are kept, the note says how many more and of which
		// rules
		assertThat(findings).hasSize(Findings.DEFAULT_LIMIT + 1);
		assertThat(findings.get(0).rule()).isEqualTo(Rule.VILLAGE_UNKNOWN);
		assertThat(findings.get(1).value()).endsWith("x…[30,000]");
		assertThat(findings.get(1).messageEn())
			.isEqualTo("Value \"" + "x".repeat(200) + "… (30,000 characters)\" is not a whole number");
		assertThat(findings.get(findings.size() - 1).messageEn())
			.isEqualTo("... and 5,041 more findings of the same kinds (VILLAGE_UNKNOWN 2,500, VALUE_NOT_INTEGER 2,500, "
					+ "INCOMPLETE 41): only the first 1,000 are kept and shown");
		assertThat(findings).allSatisfy((finding) -> {
			assertThat((finding.value() != null) ? finding.value().length() : 0).isLessThan(220);
			assertThat(finding.messageVi()).hasSizeLessThan(400);
			assertThat(finding.messageEn()).hasSizeLessThan(400);
		});
	}

	/** Letters that do not compress much, as a zip bomb's white space does. */
	private static String randomLetters(int length) {
		java.util.Random random = new java.util.Random(26);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	private Path hostile(String value, int rows) throws IOException {
		return org.safetystats.Workbooks.oneSharedValue(this.temp.resolve("hostile.xlsx"), "14347", "2019-03", value,
				rows);
	}

	private Collected validate(String fixture, String name) throws IOException {
		return validate(new ClassPathResource("ingest/" + fixture).getFilePath(), name);
	}

	private Collected validate(Path file, String name) throws IOException {
		Collected collected = new Collected();
		try (InputStream in = Files.newInputStream(file)) {
			collected.result = this.validator.validate(name, in, collected);
		}
		return collected;
	}

	interface SheetWriter {

		void write(XSSFWorkbook workbook, Sheet sheet);

	}

	private Path sheet(SheetWriter writer) throws IOException {
		Path file = this.temp.resolve("sheet.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); java.io.OutputStream out = Files.newOutputStream(file)) {
			writer.write(workbook, workbook.createSheet("Sheet1"));
			workbook.write(out);
		}
		return file;
	}

	/** A row of text cells; a {@code null} leaves the cell out for the caller. */
	private static Row row(Sheet sheet, int index, String... cells) {
		Row row = sheet.createRow(index);
		for (int i = 0; i < cells.length; i++) {
			if (cells[i] != null) {
				row.createCell(i).setCellValue(cells[i]);
			}
		}
		return row;
	}

	private static final class Collected implements ValueSink {

		ValidationResult result;

		final List<AcceptedValue> values = new ArrayList<>();

		boolean abandoned;

		@Override
		public void accept(AcceptedValue value) {
			this.values.add(value);
		}

		@Override
		public void abandon() {
			this.abandoned = true;
		}

		List<List<Object>> withoutLines() {
			return this.values.stream()
				.map((v) -> java.util.Arrays.<Object>asList(v.villageCode(), v.indicator(), v.value(), v.note()))
				.toList();
		}

	}

	private static ReferenceCatalog catalog() {
		List<Indicator> indicators = ConfigIndicators.ALL;
		List<UnitVersion> units = new ArrayList<>();
		units.add(new UnitVersion("14347", "Xã Ninh Nhất", "commune", "369", LocalDate.MIN, LocalDate.MAX));
		units.add(new UnitVersion("00004", "Phường Phúc Xá", "commune", "001", LocalDate.MIN, LocalDate.MAX));
		units.add(new UnitVersion("00004-01", "Tổ 1", "village", "00004", LocalDate.MIN, LocalDate.MAX));
		IntStream.rangeClosed(1, 12)
			.mapToObj((i) -> new UnitVersion(String.format("14347-%02d", i), "Thôn " + i, "village", "14347",
					LocalDate.MIN, LocalDate.MAX))
			.forEach(units::add);
		return new ReferenceCatalog(indicators, units, List.of());
	}

}
