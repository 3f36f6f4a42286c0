package org.safetystats.reference;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One version of an administrative unit, valid on days {@code validFrom <= d < validTo}.
 *
 * @param code GSO code, or {@code <commune>-<NN>} for a village
 * @param name Vietnamese name
 * @param level province, district, commune or village
 * @param parentCode code of the parent unit, {@code null} for a province
 * @param validFrom first valid day ({@link LocalDate#MIN} for "since before our records")
 * @param validTo first day no longer valid ({@link LocalDate#MAX} for "still valid")
 */
public record UnitVersion(String code, String name, String level, @Nullable String parentCode, LocalDate validFrom,
		LocalDate validTo) {

	public boolean validOn(LocalDate day) {
		return !day.isBefore(this.validFrom) && day.isBefore(this.validTo);
	}

}
