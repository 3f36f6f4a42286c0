package org.safetystats.validate;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finding met again on other lines is one finding that names them, counted once per
 * line; past the limit the repeats are counted with the findings not kept.
 */
class FindingsTests {

	@Test
	void aRepeatedFindingNamesItsOtherLinesAndEveryLineCounts() {
		Findings findings = new Findings(2);
		int mismatch = findings.keep(Finding.of(Rule.UNIT_MISMATCH, 2L, "unit_code", "14347", "14347", "14350"));
		for (long line : new long[] { 3, 4, 5, 9, 11, 12 }) {
			findings.again(mismatch, Rule.UNIT_MISMATCH, line);
		}
		findings.add(Finding.of(Rule.VALUE_NEGATIVE, 6L, "value", "-1", "-1"));
		int dropped = findings.keep(Finding.of(Rule.UNIT_MISMATCH, 7L, "unit_code", "99999", "99999", "14350"));
		findings.again(dropped, Rule.UNIT_MISMATCH, 8L);

		assertThat(dropped).isEqualTo(-1);
		assertThat(findings.errorCount()).isEqualTo(10);
		List<Finding> listed = findings.list();
		assertThat(listed).extracting(Finding::rule)
			.containsExactly(Rule.UNIT_MISMATCH, Rule.VALUE_NEGATIVE, Rule.TOO_MANY_FINDINGS);
		assertThat(listed.get(0).line()).isEqualTo(2L);
		assertThat(listed.get(0).messageEn())
			.isEqualTo("Unit code 14347 differs from the one in the file name (14350) (also on lines 3-5, 9, 11-12: "
					+ "7 rows)");
		assertThat(listed.get(0).messageVi()).endsWith("(cả ở dòng 3-5, 9, 11-12: 7 dòng)");
		assertThat(listed.get(2).messageEn()).contains("UNIT_MISMATCH 2");
	}

}
