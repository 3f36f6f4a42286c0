package org.safetystats.warehouse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.warehouse.CompletenessMatrix;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The completeness matrix as printed: a year whose first months have no row (before the
 * first report, or not over yet) prints blanks there, and a month not yet due shows its
 * mark.
 */
class CompletenessCommandTests {

	@Test
	void monthsWithoutARowPrintBlankAndNotYetDueShowsItsMark() {
		String printed = CompletenessCommand.render(2026,
				List.of(new CompletenessMatrix.Row("14320", "Phường Đông Thành", Map.of(9, "ON_TIME", 10, "NOT_DUE"))));
		String line = printed.lines().filter((l) -> l.startsWith("14320")).findFirst().orElseThrow();
		assertThat(line).isEqualTo(
				"14320   Phường Đông Thành       " + "   ".repeat(8) + "  o  ." + "   ".repeat(2) + "  1 / 0 / 0 / 0");
	}

	@Test
	void theSummaryLineNamesTheScopeAndCountsTheMonthsOwedByStatus() {
		List<CompletenessMatrix.Row> rows = List.of(
				new CompletenessMatrix.Row("14320", "Phường Đông Thành",
						Map.of(1, "ON_TIME", 2, "LATE", 3, "MISSING", 4, "NOT_DUE")),
				new CompletenessMatrix.Row("14323", "Phường Tân Thành", Map.of(1, "ON_TIME", 2, "REJECTED")));
		assertThat(CompletenessCommand.summary(2019, "369", "Thành phố Ninh Bình", rows))
			.isEqualTo("completeness 2019, 369 Thành phố Ninh Bình and the wards and communes under it: 2 wards and "
					+ "communes, 5 reports owed: 2 on time, 1 late, 1 missing, 1 rejected");
		assertThat(CompletenessCommand.summary(2019, null, null, List.of())).isEqualTo(
				"completeness 2019, every unit: 0 wards and communes, 0 reports owed: 0 on time, 0 late, 0 missing, "
						+ "0 rejected");
	}

	@Test
	void aNameLongerThanItsColumnIsCutAndTheCountsFollow() {
		String printed = CompletenessCommand.render(2026,
				List.of(new CompletenessMatrix.Row("14320", "Phường Đông Thành của thành phố Ninh Bình",
						Map.of(1, "ON_TIME", 2, "LATE", 3, "MISSING", 4, "REJECTED"))));
		List<String> lines = printed.lines().toList();
		assertThat(lines.get(0)).isEqualTo("unit    2026                     01 02 03 04 05 06 07 08 09 10 11 12"
				+ "  on time / late / missing / rejected");
		assertThat(lines.get(1))
			.isEqualTo("14320   Phường Đông Thành của th  o  L  -  R" + "   ".repeat(8) + "  1 / 1 / 1 / 1");
	}

}
