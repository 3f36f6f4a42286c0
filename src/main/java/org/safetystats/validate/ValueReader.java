package org.safetystats.validate;

import java.math.BigInteger;
import java.util.regex.Pattern;

import org.safetystats.reference.Indicator;

/**
 * Reads the value column: a non-negative whole number for a count, 0 or 1 for a flag. A
 * number written with a zero fraction ({@code 3,0} in a {@code ;} file, {@code 3.0} in a
 * comma file), as Excel sometimes saves it, is read as the whole number with a warning;
 * any other fraction is an error.
 */
final class ValueReader {

	private static final Pattern DIGITS = Pattern.compile("[+-]?\\d+");

	private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

	private final Pattern zeroFraction;

	ValueReader(char decimalMark) {
		this.zeroFraction = Pattern.compile("[+-]?\\d+" + Pattern.quote(String.valueOf(decimalMark)) + "0+");
	}

	/** The value, or {@code null} after adding the finding that rejects it. */
	Long read(String raw, Indicator indicator, long line, Findings findings) {
		String text = raw.strip();
		if (text.isEmpty()) {
			findings.add(Finding.of(Rule.VALUE_MISSING, line, "value", raw));
			return null;
		}
		String digits = text;
		if (this.zeroFraction.matcher(text).matches()) {
			digits = text.replaceAll("[.,]0+$", "");
			findings.add(Finding.of(Rule.VALUE_DECIMAL_NOTATION, line, "value", raw, raw, digits));
		}
		if (!DIGITS.matcher(digits).matches()) {
			findings.add(Finding.of(Rule.VALUE_NOT_INTEGER, line, "value", raw, raw));
			return null;
		}
		BigInteger number = new BigInteger(digits);
		if (number.signum() < 0) {
			findings.add(Finding.of(Rule.VALUE_NEGATIVE, line, "value", raw, raw));
			return null;
		}
		if (number.compareTo(MAX) > 0) {
			findings.add(Finding.of(Rule.VALUE_TOO_LARGE, line, "value", raw, raw));
			return null;
		}
		long value = number.longValue();
		if (indicator.flag() && value > 1) {
			findings.add(Finding.of(Rule.VALUE_NOT_FLAG, line, "value", raw, indicator.code(), raw));
			return null;
		}
		if (value > indicator.maxValue()) {
			findings.add(Finding.of(Rule.VALUE_ABOVE_BOUND, line, "value", raw, raw, indicator.maxValue(),
					indicator.code()));
			return null;
		}
		return value;
	}

}
