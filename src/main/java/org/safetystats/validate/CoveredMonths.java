package org.safetystats.validate;

import java.time.YearMonth;

/**
 * The months the warehouse covers: {@code warehouse.dim_period} and the yearly partitions
 * of its tables (migration V5) hold 2000-01 to 2040-12. The one place the range is
 * written in Java: the validator refuses a file for a month outside (it would load and
 * never reach the warehouse), the warehouse truncates a covered year's partitions, and
 * the build checks that the database covers the same months.
 */
public final class CoveredMonths {

	/** The first month covered. */
	public static final YearMonth FIRST = YearMonth.of(2000, 1);

	/** The last month covered. */
	public static final YearMonth LAST = YearMonth.of(2040, 12);

	private CoveredMonths() {
	}

	/** Whether the year has partitions of its own. */
	public static boolean coversYear(int year) {
		return year >= FIRST.getYear() && year <= LAST.getYear();
	}

}
