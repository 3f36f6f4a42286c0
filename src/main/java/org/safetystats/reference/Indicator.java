package org.safetystats.reference;

import org.jspecify.annotations.Nullable;

/**
 * An indicator of the submission format.
 *
 * @param code code written in the indicator column
 * @param villageLevel whether it is reported per village (else once per ward or commune)
 * @param flag whether its value is a 0/1 flag (else a count)
 * @param maxValue the largest value one month of one unit (or village) can plausibly
 * hold; above it the value is refused
 * @param feeds the warehouse measure it feeds ({@code ref.measure}: {@code accidents},
 * {@code deaths}, {@code injuries}, ...), or null: the rules that need to know what an
 * indicator measures read this, never its code
 */
public record Indicator(String code, boolean villageLevel, boolean flag, long maxValue, @Nullable String feeds) {

	/**
	 * The bound of an indicator whose catalogue row names none: far above any count a
	 * ward or a village reports in a month, and low enough that no count judged against a
	 * history, nor a unit's sum of them, comes near the range of a {@code long}. A
	 * catalogue that means no bound writes 9223372036854775807.
	 */
	public static final long DEFAULT_MAX_VALUE = 1_000_000;

	/** An indicator that feeds no measure. */
	public Indicator(String code, boolean villageLevel, boolean flag, long maxValue) {
		this(code, villageLevel, flag, maxValue, null);
	}

	/** An indicator without a bound of its own: {@link #DEFAULT_MAX_VALUE}. */
	public Indicator(String code, boolean villageLevel, boolean flag) {
		this(code, villageLevel, flag, DEFAULT_MAX_VALUE);
	}

}
