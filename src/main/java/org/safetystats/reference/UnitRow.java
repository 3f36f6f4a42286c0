package org.safetystats.reference;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One unit version as it goes into {@code ref.unit}, from the bundled national lists or
 * from {@code config/}.
 *
 * @param code GSO code, or {@code <commune>-<NN>} for a village
 * @param name Vietnamese name
 * @param kind type of unit in Vietnamese (Phường, Xã, Thôn...)
 * @param level province, district, commune or village
 * @param parentCode parent code, {@code null} for a province
 * @param validFrom first valid day ({@link LocalDate#MIN}: since before our records)
 * @param validTo first day no longer valid ({@link LocalDate#MAX}: still valid)
 * @param source where the row comes from
 */
record UnitRow(String code, String name, String kind, String level, @Nullable String parentCode, LocalDate validFrom,
		LocalDate validTo, @Nullable String source) {

	boolean validOn(LocalDate day) {
		return !day.isBefore(this.validFrom) && day.isBefore(this.validTo);
	}

	UnitRow during(LocalDate from, LocalDate to) {
		return new UnitRow(this.code, this.name, this.kind, this.level, this.parentCode, from, to, this.source);
	}

	String[] copyFields() {
		return new String[] { this.code, this.name, this.kind, this.level, this.parentCode, day(this.validFrom),
				day(this.validTo), this.source };
	}

	static String day(LocalDate day) {
		if (day.equals(LocalDate.MIN)) {
			return "-infinity";
		}
		return day.equals(LocalDate.MAX) ? "infinity" : day.toString();
	}

}
