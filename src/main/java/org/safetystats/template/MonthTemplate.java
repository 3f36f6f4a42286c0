package org.safetystats.template;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.safetystats.reference.UnitVersion;

/**
 * What a month's template of a unit holds: the unit valid that month, its villages valid
 * that month and the catalogue's indicators, in the catalogue's order.
 *
 * @param unit the ward or commune
 * @param period the month
 * @param villages its villages and residential groups that month
 * @param indicators every indicator, unit-level and village-level
 */
public record MonthTemplate(UnitVersion unit, YearMonth period, List<UnitVersion> villages,
		List<TemplateIndicator> indicators) {

	/**
	 * An indicator as a clerk reads it.
	 *
	 * @param code the code of the indicator column
	 * @param nameVi its Vietnamese name
	 * @param villageLevel reported per village, else once for the unit
	 * @param flag a 0/1 flag, else a count
	 * @param maxValue the largest value accepted
	 */
	public record TemplateIndicator(String code, String nameVi, boolean villageLevel, boolean flag, long maxValue) {
	}

	/**
	 * One line of the template.
	 *
	 * @param villageCode empty for a unit-level indicator
	 * @param villageName empty for a unit-level indicator
	 * @param indicator the indicator
	 */
	public record Line(String villageCode, String villageName, TemplateIndicator indicator) {
	}

	/**
	 * The lines in the order of the format: the unit's indicators, then village by
	 * village.
	 */
	public List<Line> lines() {
		List<Line> lines = new ArrayList<>();
		for (TemplateIndicator indicator : this.indicators) {
			if (!indicator.villageLevel()) {
				lines.add(new Line("", "", indicator));
			}
		}
		for (UnitVersion village : this.villages) {
			for (TemplateIndicator indicator : this.indicators) {
				if (indicator.villageLevel()) {
					lines.add(new Line(village.code(), village.name(), indicator));
				}
			}
		}
		return lines;
	}

	/** The name the filled file must be sent under: {@code 14347_2019-03.xlsx}. */
	public String fileName(TemplateFormat format) {
		return this.unit.code() + "_" + this.period + "." + format.extension();
	}

}
