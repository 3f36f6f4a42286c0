package org.safetystats.system;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.UsageException;

/**
 * The one place where every field of an admin request (HTTP body, path, query, command
 * line, schedule) is checked before anything starts: text without control characters (a
 * NUL cannot be stored and breaks logs) and of bounded length, numbers of ASCII digits
 * only ({@code Long.parseLong} also takes Arabic-Indic digits), years and months in
 * range, and only the job parameters a job reads, with values it can parse. A bad field
 * is a {@link UsageException} naming it: HTTP 400, exit code 2, and nothing started.
 */
public final class RequestFields {

	/** Longest reason, unit code or parameter value kept. */
	public static final int MAX_TEXT = 500;

	/** Years a build can be asked for. */
	public static final int MIN_YEAR = 1990;

	public static final int MAX_YEAR = 2100;

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

	private static final Pattern UNIT = Pattern.compile("[0-9]{2,10}");

	private static final Pattern PERIOD = Pattern.compile("([0-9]{4})-(0[1-9]|1[0-2])");

	private RequestFields() {
	}

	/** Free text (a reason): no control characters, at most {@link #MAX_TEXT}. */
	public static @Nullable String text(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		if (value.length() > MAX_TEXT) {
			throw new UsageException(field + " is " + value.length() + " characters long; at most " + MAX_TEXT);
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.getType(c) == Character.CONTROL) {
				throw new UsageException(
						field + " holds a control character (U+%04X) at position %d".formatted((int) c, i + 1));
			}
		}
		return value;
	}

	/**
	 * Why an admin asks for a change: required, not blank, and free text as
	 * {@link #text}.
	 */
	public static String reason(@Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new UsageException("reason is required: say why (it is kept in ops.admin_action)");
		}
		return text("reason", value);
	}

	/** A positive whole number of ASCII digits that fits in a long (an execution id). */
	public static long id(String field, @Nullable String value) {
		String text = required(field, value);
		if (!DIGITS.matcher(text).matches()) {
			throw new UsageException(field + " must be a number of digits 0-9, not " + quoted(text));
		}
		try {
			long id = Long.parseLong(text);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// too large: refused below
		}
		throw new UsageException(field + " must be between 1 and " + Long.MAX_VALUE + ", not " + text);
	}

	/**
	 * A whole number of ASCII digits (with an optional minus sign) that fits in a long.
	 */
	public static long longValue(@Nullable String value) {
		String text = required("number", value);
		if (!text.matches("-?[0-9]{1,19}")) {
			throw new UsageException("a number of digits 0-9 is expected, not " + quoted(text));
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("number out of range: " + text);
		}
	}

	/**
	 * A whole number of ASCII digits (with an optional minus sign) that fits in an int.
	 */
	public static int integer(String field, @Nullable String value) {
		String text = required(field, value);
		if (!text.matches("-?[0-9]{1,10}")) {
			throw new UsageException(field + " must be a number of digits 0-9, not " + quoted(text));
		}
		long number = Long.parseLong(text);
		if (number != (int) number) {
			throw new UsageException(field + " is out of range: " + text);
		}
		return (int) number;
	}

	/** A year between {@link #MIN_YEAR} and {@link #MAX_YEAR}. */
	public static int year(String field, @Nullable String value) {
		int year = integer(field, value);
		if (year < MIN_YEAR || year > MAX_YEAR) {
			throw new UsageException(field + " must be a year from " + MIN_YEAR + " to " + MAX_YEAR + ", not " + year);
		}
		return year;
	}

	/** A month, YYYY-MM. */
	public static String period(String field, @Nullable String value) {
		String text = required(field, value);
		var matcher = PERIOD.matcher(text);
		if (!matcher.matches()) {
			throw new UsageException(field + " must be YYYY-MM, not " + quoted(text));
		}
		year(field, matcher.group(1));
		return text;
	}

	/** A unit code (digits), or null. */
	public static @Nullable String unit(String field, @Nullable String value) {
		if (value != null && !UNIT.matcher(value).matches()) {
			throw new UsageException(field + " must be a unit code (2 to 10 digits 0-9), not " + quoted(value));
		}
		return value;
	}

	/** A boolean written true or false. */
	public static boolean bool(String field, @Nullable String value) {
		if ("true".equals(value) || "false".equals(value)) {
			return Boolean.parseBoolean(value);
		}
		throw new UsageException(field + " must be true or false, not " + quoted(value));
	}

	public static String required(String field, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw new UsageException(field + " is required");
		}
		return text(field, value);
	}

	public static String quoted(@Nullable String value) {
		if (value == null) {
			return "nothing";
		}
		String shown = (value.length() > 40) ? value.substring(0, 40) + "..." : value;
		StringBuilder out = new StringBuilder("\"");
		shown.codePoints()
			.forEach((cp) -> out.append(Character.isISOControl(cp) ? "\\u%04x".formatted(cp) : Character.toString(cp)));
		return out.append('"').toString();
	}

}
