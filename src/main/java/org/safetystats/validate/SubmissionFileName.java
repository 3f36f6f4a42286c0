package org.safetystats.validate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The unit and month a file name announces: {@code <unit_code>_<YYYY-MM>.csv}, or
 * {@code .xlsx} for a workbook.
 *
 * @param unitCode ward or commune code
 * @param period the month reported on
 */
public record SubmissionFileName(String unitCode, YearMonth period) {

	private static final Pattern PATTERN = Pattern.compile("(\\d{5})_(\\d{4})-(\\d{2})\\.(?:csv|xlsx)",
			Pattern.CASE_INSENSITIVE);

	/** A month as YYYY-MM, as a row's period is written; compiled once. */
	private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");

	static boolean isPeriod(String text) {
		return PERIOD.matcher(text).matches();
	}

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

	/**
	 * Longest name, in UTF-8 bytes, kept as it is; a file system allows 255 bytes and the
	 * stored name adds an id before and {@code .errors.csv.tmp} after.
	 */
	public static final int MAX_KEPT_BYTES = 200;

	/**
	 * A name that can be stored: itself when short enough, otherwise cut at a character
	 * boundary and marked with a hash of the whole name (so that two long names stay
	 * apart), keeping a short extension: {@code <start>~<hash8>.<ext>}.
	 */
	public static String storable(String fileName) {
		byte[] bytes = fileName.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_KEPT_BYTES) {
			return fileName;
		}
		int dot = fileName.lastIndexOf('.');
		String extension = (dot > 0 && fileName.length() - dot <= 10) ? fileName.substring(dot) : "";
		String hash = HexFormat.of().formatHex(sha256(bytes)).substring(0, 8);
		int budget = MAX_KEPT_BYTES - extension.getBytes(StandardCharsets.UTF_8).length - hash.length() - 1;
		StringBuilder start = new StringBuilder();
		int used = 0;
		for (int cp : fileName.substring(0, fileName.length() - extension.length()).codePoints().toArray()) {
			int size = Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
			if (used + size > budget) {
				break;
			}
			start.appendCodePoint(cp);
			used += size;
		}
		return start + "~" + hash + extension;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The period as written in files and views: {@code 2019-03}. */
	public String periodText() {
		return this.period.toString();
	}

}
