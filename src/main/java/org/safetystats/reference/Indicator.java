package org.safetystats.reference;

/**
 * An indicator of the submission format.
 *
 * @param code code written in the indicator column
 * @param villageLevel whether it is reported per village (else once per ward or commune)
 * @param flag whether its value is a 0/1 flag (else a count)
 */
public record Indicator(String code, boolean villageLevel, boolean flag) {

}
