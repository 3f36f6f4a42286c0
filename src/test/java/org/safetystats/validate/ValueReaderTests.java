package org.safetystats.validate;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safetystats.reference.Indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ValueReaderTests {

	/** A count the catalogue leaves unbounded on purpose. */
	static final Indicator COUNT = new Indicator("crime_cases", true, false, Long.MAX_VALUE);

	/** A count whose catalogue row names no bound: the default one. */
	static final Indicator DEFAULT_BOUND = new Indicator("crime_cases", true, false);

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
	@CsvSource(nullValues = "-", textBlock = """
			1000000,             1000000
			1000001,             -
			9223372036854775807, -
			""")
	void aCountWithoutABoundOfItsOwnHasTheDefaultOne(String raw, Long expected) {
		Findings findings = new Findings();
		assertThat(new ValueReader('.').read(raw, DEFAULT_BOUND, 3, findings)).isEqualTo(expected);
		if (expected == null) {
			assertThat(findings.list()).extracting(Finding::rule).containsExactly(Rule.VALUE_ABOVE_BOUND);
			assertThat(findings.list().get(0).messageEn()).contains(raw + " is above 1000000");
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

	@Test
	void aMillionDigitsAreRefusedAtOnceAndQuotedShort() {
		// BigInteger alone takes seconds for each of these (its time grows with the
		// square of the digits)
		String digits = "7".repeat(1_000_000);
		Findings findings = new Findings();
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			for (String raw : new String[] { digits, "+" + digits, "-" + digits, "000" + digits }) {
				assertThat(new ValueReader('.').read(raw, COUNT, 2, findings)).isNull();
			}
		});
		assertThat(findings.list()).extracting(Finding::rule)
			.containsExactly(Rule.VALUE_TOO_LARGE, Rule.VALUE_TOO_LARGE, Rule.VALUE_NEGATIVE, Rule.VALUE_TOO_LARGE);
		Finding first = findings.list().get(0);
		assertThat(first.value()).hasSize(200 + "…[1,000,000]".length()).endsWith("7…[1,000,000]");
		assertThat(first.messageEn()).hasSizeLessThan(300).endsWith("7… (1,000,000 characters) is too large");
		assertThat(first.messageVi()).hasSizeLessThan(300).contains("7… (1,000,000 ký tự)");
		// a long run of leading zeros is still the small number it writes
		assertThat(new ValueReader('.').read("0".repeat(1_000_000) + "5", COUNT, 3, findings)).isEqualTo(5L);
	}

}
