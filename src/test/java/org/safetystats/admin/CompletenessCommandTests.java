package org.safetystats.admin;

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

}
