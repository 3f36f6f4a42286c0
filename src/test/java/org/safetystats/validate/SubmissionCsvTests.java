package org.safetystats.validate;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delimiter is told from the header line, which is then read again by the parser:
 * whatever the file's size, and however much blank text comes before the header.
 */
class SubmissionCsvTests {

	private static final String HEADER = "unit_code;period;village_code;indicator;value;note";

	@ParameterizedTest(name = "{0} blank lines before the header")
	@ValueSource(ints = { 0, 3, 5_000, 30_000 })
	void tellsTheDelimiterAndParsesFromTheFirstLine(int blankLines) throws IOException {
		String text = "\r\n".repeat(blankLines) + HEADER + "\n14347;2019-03;;traffic_accidents;2;\n";
		Findings findings = new Findings();
		SubmissionCsv.Opened csv = SubmissionCsv.open(stream(text), findings);
		assertThat(findings.list()).isEmpty();
		assertThat(csv).isNotNull();
		assertThat(csv.delimiter()).isEqualTo(';');
		assertThat(csv.decimalMark()).isEqualTo(',');
		List<List<String>> records = new ArrayList<>();
		for (CSVRecord record : csv.parser()) {
			if (record.size() > 1) {
				records.add(List.of(record.values()));
			}
		}
		assertThat(records).containsExactly(List.of(HEADER.split(";")),
				List.of("14347", "2019-03", "", "traffic_accidents", "2", ""));
	}

	@Test
	void aCommaHeaderWithSemicolonsInItsNotesIsStillCommaSeparated() throws IOException {
		Findings findings = new Findings();
		SubmissionCsv.Opened csv = SubmissionCsv.open(
				stream("unit_code,period,village_code,indicator,value,note\n14347,2019-03,,a,1,\"x;y;z;w;v;u;t\"\n"),
				findings);
		assertThat(csv).isNotNull();
		assertThat(csv.delimiter()).isEqualTo(',');
	}

	@ParameterizedTest(name = "{0} characters of white space")
	@ValueSource(ints = { 1, 100, 70_000 })
	void aFileOfWhiteSpaceOnlyIsEmpty(int length) throws IOException {
		Findings findings = new Findings();
		assertThat(SubmissionCsv.open(stream(" \t\n".repeat(length / 3 + 1)), findings)).isNull();
		assertThat(findings.list()).extracting(Finding::rule).containsExactly(Rule.FILE_EMPTY);
	}

	/** As the validator hands a file over: buffered, after its format was peeked at. */
	private static InputStream stream(String text) {
		InputStream raw = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
		return new BufferedInputStream(raw, 8 * 1024);
	}

}
