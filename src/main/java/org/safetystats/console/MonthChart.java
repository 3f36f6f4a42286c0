package org.safetystats.console;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.safetystats.warehouse.MonthlySeries.Month;

/**
 * The same-period page's line chart, in the SVG's own units: a point per month for this
 * year and for the same month a year earlier (a gap where no figure is known), scaled to
 * the larger value of both.
 *
 * @param months the months of the window with their values
 * @param current the points of this year's line, {@code x,y x,y ...}
 * @param previous the points of last year's line
 * @param max the largest value drawn (the top of the scale)
 */
record MonthChart(List<Month> months, String current, String previous, BigDecimal max) {

	/** The chart's width and height, and where the plot starts. */
	static final int WIDTH = 600;

	static final int HEIGHT = 220;

	static final int LEFT = 40;

	static final int TOP = 20;

	static final int BOTTOM = 190;

	static MonthChart of(List<Month> months) {
		BigDecimal max = months.stream()
			.flatMap((m) -> Stream.of(m.value(), m.prevValue()))
			.filter(Objects::nonNull)
			.max(BigDecimal::compareTo)
			.orElse(BigDecimal.ZERO);
		return new MonthChart(months, points(months, Month::value, max), points(months, Month::prevValue, max), max);
	}

	/** The x of a month's point. */
	public int x(int index) {
		return x(index, this.months.size());
	}

	private static int x(int index, int count) {
		return LEFT + ((count == 1) ? (WIDTH - LEFT) / 2 : index * (WIDTH - LEFT - 20) / (count - 1));
	}

	/** The y of a value. */
	public int y(@Nullable BigDecimal value) {
		return y(value, this.max);
	}

	private static int y(@Nullable BigDecimal value, BigDecimal max) {
		if (value == null || max.signum() == 0) {
			return BOTTOM;
		}
		return BOTTOM - (int) Math.round((BOTTOM - TOP) * value.doubleValue() / max.doubleValue());
	}

	private static String points(List<Month> months, Function<Month, @Nullable BigDecimal> value, BigDecimal max) {
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < months.size(); i++) {
			BigDecimal v = value.apply(months.get(i));
			if (v != null) {
				points.append(points.isEmpty() ? "" : " ").append(x(i, months.size())).append(',').append(y(v, max));
			}
		}
		return points.toString();
	}

}
