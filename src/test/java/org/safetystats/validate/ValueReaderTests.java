package org.safetystats.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.reference.Indicator;

import static org.assertj.core.api.Assertions.assertThat;

class ValueReaderTests {

	static final Indicator COUNT = new Indicator("crime_cases", true, false);

	static final Indicator FLAG = new Indicator("camera_model", true, true);

	@ParameterizedTest(name = "\"{0}\" with decimal mark {1} -> {2} ({3})")
	@CsvSource(nullValues = "-", delimiter = '|', textBlock = """
			7                    | . | 7                   | -
			' 12 '               | . | 12                  | -
			+3                   | . | 3                   | -
			3.0                  | . | 3                   | VALUE_DECIMAL_NOTATION
			3,00                 | , | 3                   | VALUE_DECIMAL_NOTATION
			3,0                  | . | -                   | VALUE_NOT_INTEGER
			1.5                  | . | -                   | VALUE_NOT_INTEGER
			NaN                  | . | -                   | VALUE_NOT_INTEGER
			1e3                  | . | -                   | VALUE_NOT_INTEGER
			-1                   | . | -                   | VALUE_NEGATIVE
			''                   | . | -                   | VALUE_MISSING
			2147483648           | . | 2147483648          | -
			9223372036854775807  | . | 9223372036854775807 | -
			9223372036854775808  | . | -                   | VALUE_TOO_LARGE
			""")
	void readsCounts(String raw, char decimalMark, Long expected, Rule finding) {
		Findings findings = new Findings();
		Long value = new ValueReader(decimalMark).read(raw, COUNT, 5, findings);
		assertThat(value).isEqualTo(expected);
		if (finding == null) {
			assertThat(findings.list()).isEmpty();
		}
		else {
			assertThat(findings.list()).extracting(Finding::rule).containsExactly(finding);
			assertThat(findings.list().get(0).line()).isEqualTo(5L);
		}
	}

	@ParameterizedTest
	@CsvSource({ "0,0", "1,1" })
	void flagsAreZeroOrOne(String raw, long expected) {
		assertThat(new ValueReader('.').read(raw, FLAG, 1, new Findings())).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "2", "10" })
	void flagsRejectOtherNumbers(String raw) {
		Findings findings = new Findings();
		assertThat(new ValueReader('.').read(raw, FLAG, 1, findings)).isNull();
		assertThat(findings.list()).extracting(Finding::rule).containsExactly(Rule.VALUE_NOT_FLAG);
	}

}
