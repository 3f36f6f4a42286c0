package org.safetystats.validate;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The unit and month a file name announces: {@code <unit_code>_<YYYY-MM>.csv}.
 *
 * @param unitCode ward or commune code
 * @param period the month reported on
 */
public record SubmissionFileName(String unitCode, YearMonth period) {

	private static final Pattern PATTERN = Pattern.compile("(\\d{5})_(\\d{4})-(\\d{2})\\.csv",
			Pattern.CASE_INSENSITIVE);

	/** Reads a file name, or returns {@code null} when it does not follow the pattern. */
	public static @Nullable SubmissionFileName parse(String fileName) {
		Matcher matcher = PATTERN.matcher(fileName);
		if (!matcher.matches()) {
			return null;
		}
		try {
			YearMonth period = YearMonth.of(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
			return new SubmissionFileName(matcher.group(1), period);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The period as written in files and views: {@code 2019-03}. */
	public String periodText() {
		return this.period.toString();
	}

}
