package org.safetystats.template;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.safetystats.reference.UnitVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV template keeps a village's name as text whatever it starts with: a spreadsheet
 * never evaluates it (as in an error report).
 */
class CsvTemplateTests {

	private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)",
			"\t=1", "\n=1", "\r=1", " =1", "\uFF1D1+1", "Thôn 1");

	@Test
	void aNameASpreadsheetCouldEvaluateIsWrittenAsText() throws Exception {
		// given villages named to be formulas
		UnitVersion unit = new UnitVersion("14347", "Xã Ninh Nhất", "commune", "369", LocalDate.MIN, LocalDate.MAX);
		List<UnitVersion> villages = HOSTILE.stream()
			.map((name) -> new UnitVersion("14347-" + HOSTILE.indexOf(name), name, "village", "14347", LocalDate.MIN,
					LocalDate.MAX))
			.toList();
		MonthTemplate template = new MonthTemplate(unit, YearMonth.of(2019, 3), villages,
				List.of(new MonthTemplate.TemplateIndicator("traffic_accidents", "=Tai nạn", true, false, 100)));
		// when the CSV template is written
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		CsvTemplate.write(template, out);
		// then every name a spreadsheet could take for a formula starts with an
		// apostrophe
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new StringReader(out.toString(StandardCharsets.UTF_8).substring(1)))
			.getRecords();
		assertThat(records).extracting((r) -> r.get("village_name"))
			.containsExactly("'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "'\n=1", "'\r=1",
					"' =1", "'\uFF1D1+1", "Thôn 1");
		assertThat(records).extracting((r) -> r.get("indicator_name")).containsOnly("'=Tai nạn");
	}

}
