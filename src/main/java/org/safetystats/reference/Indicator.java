package org.safetystats.reference;

/**
 * An indicator of the submission format.
 *
 * @param code code written in the indicator column
 * @param villageLevel whether it is reported per village (else once per ward or commune)
 * @param flag whether its value is a 0/1 flag (else a count)
 * @param maxValue the largest value one month of one unit (or village) can plausibly
 * hold; above it the value is refused
 */
public record Indicator(String code, boolean villageLevel, boolean flag, long maxValue) {

	/** An indicator without a bound of its own. */
	public Indicator(String code, boolean villageLevel, boolean flag) {
		this(code, villageLevel, flag, Long.MAX_VALUE);
	}

}
