package org.safetystats.reference;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unit valid in a month, and for a code that names no unit then, the unit valid
 * instead: forward through every change to its successors, backward to its predecessors.
 */
class ReferenceCatalogTests {

	private static final LocalDate JAN = LocalDate.of(2025, 1, 1);

	private static final LocalDate JUL = LocalDate.of(2025, 7, 1);

	private final ReferenceCatalog catalog = new ReferenceCatalog(List.of(),
			List.of(commune("14326", "Phường Thanh Bình", LocalDate.MIN, JAN),
					commune("14329", "Phường Vân Giang", LocalDate.MIN, JAN),
					commune("14329", "Phường Vân Giang", JAN, JUL),
					commune("14329", "Phường Hoa Lư", JUL, LocalDate.MAX),
					commune("13324", "Phường Hòa Mạc", LocalDate.MIN, JUL),
					commune("13330", "Phường Duy Tân", JUL, LocalDate.MAX),
					commune("13324", "Phường Duy Tiên", JUL, LocalDate.MAX)),
			List.of(new ReferenceCatalog.Succession("14326", "14329", JAN),
					new ReferenceCatalog.Succession("14329", "14329", JAN),
					new ReferenceCatalog.Succession("14329", "14329", JUL),
					new ReferenceCatalog.Succession("13324", "13324", JUL),
					new ReferenceCatalog.Succession("13324", "13330", JUL)));

	@Test
	void sameCodeNamesTheUnitValidInTheMonth() {
		assertThat(this.catalog.commune("14329", YearMonth.of(2025, 3)).name()).isEqualTo("Phường Vân Giang");
		assertThat(this.catalog.commune("14329", YearMonth.of(2025, 8)).name()).isEqualTo("Phường Hoa Lư");
		assertThat(this.catalog.validInstead("14329", YearMonth.of(2025, 8))).isEmpty();
	}

	@Test
	void anEndedUnitPointsToItsSuccessorThroughEveryChange() {
		assertThat(this.catalog.endedBefore("14326", YearMonth.of(2025, 8))).isTrue();
		assertThat(this.catalog.validInstead("14326", YearMonth.of(2025, 8))).extracting(UnitVersion::name)
			.containsExactly("Phường Hoa Lư");
		assertThat(this.catalog.validInstead("14326", YearMonth.of(2025, 3))).extracting(UnitVersion::name)
			.containsExactly("Phường Vân Giang");
	}

	@Test
	void aUnitNotYetValidPointsToItsPredecessors() {
		assertThat(this.catalog.endedBefore("13330", YearMonth.of(2024, 5))).isFalse();
		assertThat(this.catalog.validInstead("13330", YearMonth.of(2024, 5))).extracting(UnitVersion::name)
			.containsExactly("Phường Hòa Mạc");
	}

	private static UnitVersion commune(String code, String name, LocalDate from, LocalDate to) {
		return new UnitVersion(code, name, "commune", "37", from, to);
	}

}
