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

	// digits of the largest count, 9223372036854775807
	private static final int MAX_DIGITS = 19;

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
		// BigInteger reads a number in time that grows with the square of its digits: a
		// cell of 100,000 digits took a tenth of a second, a row at a time
		BigInteger number = (significantDigits(digits) <= MAX_DIGITS) ? new BigInteger(digits)
				: BigInteger.TEN.pow(MAX_DIGITS).multiply(BigInteger.valueOf(digits.startsWith("-") ? -1 : 1));
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

	/** Digits after any sign and leading zeros. */
	private static int significantDigits(String digits) {
		int start = (digits.startsWith("+") || digits.startsWith("-")) ? 1 : 0;
		while (start < digits.length() - 1 && digits.charAt(start) == '0') {
			start++;
		}
		return digits.length() - start;
	}

}
