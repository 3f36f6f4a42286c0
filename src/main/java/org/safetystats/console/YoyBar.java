package org.safetystats.console;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import org.safetystats.warehouse.WarehouseContract.IndicatorYear;

/**
 * One indicator's pair of bars in the year-over-year chart: both years' values in percent
 * of the larger of the two (0 when unknown).
 *
 * @param row the indicator's year
 * @param previous the bar of the year before
 * @param current the bar of the year
 */
record YoyBar(IndicatorYear row, int previous, int current) {

	static YoyBar of(IndicatorYear row) {
		double max = Math.max((row.value() != null) ? row.value().doubleValue() : 0,
				(row.prevValue() != null) ? row.prevValue().doubleValue() : 0);
		return new YoyBar(row, width(row.prevValue(), max), width(row.value(), max));
	}

	private static int width(@Nullable BigDecimal of, double max) {
		return (of == null || max == 0) ? 0 : (int) Math.round(100.0 * of.doubleValue() / max);
	}

}
