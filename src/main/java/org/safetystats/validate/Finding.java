package org.safetystats.validate;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One thing validation found in a submission.
 *
 * @param line line of the file where the record starts (header is line 1), or
 * {@code null} for the whole file
 * @param field the column or part of the file concerned
 * @param value the offending value as written, shortened
 * @param rule the rule that was broken
 * @param messageVi the message in Vietnamese
 * @param messageEn the message in English
 * @param cell in a workbook, the sheet and cell ({@code Sheet1!C7}) or row
 * ({@code Sheet1!7:7}) concerned; {@code null} in a CSV file and for the whole file
 */
public record Finding(@Nullable Long line, @Nullable String field, @Nullable String value, Rule rule, String messageVi,
		String messageEn, @Nullable String cell) {

	/** A finding without a cell: a CSV file's, or one about the whole file. */
	public Finding(@Nullable Long line, @Nullable String field, @Nullable String value, Rule rule, String messageVi,
			String messageEn) {
		this(line, field, value, rule, messageVi, messageEn, null);
	}

	/**
	 * Characters of a file's text quoted in a finding, its value or its message: a cell
	 * of a million characters quoted whole in each of thousands of findings once took
	 * gigabytes of memory, an errors.csv of 200 MB and a page of 100 MB.
	 */
	static final int MAX_QUOTED_LENGTH = 200;

	public static Finding of(Rule rule, @Nullable Long line, @Nullable String field, @Nullable String value,
			Object... args) {
		// A NUL byte cannot be stored in PostgreSQL text: whatever came from the file is
		// made printable first.
		return new Finding(line, printable(shorten(field)), shorten(value), rule,
				printable(rule.messageVi(quoted(args, "ký tự"))),
				printable(rule.messageEn(quoted(args, "characters"))));
	}

	/** The arguments of a message, any long text among them shortened. */
	private static Object[] quoted(Object[] args, String characters) {
		Object[] quoted = args;
		for (int i = 0; i < args.length; i++) {
			if (args[i] instanceof CharSequence text && text.length() > MAX_QUOTED_LENGTH) {
				if (quoted == args) {
					quoted = args.clone();
				}
				quoted[i] = shortened(text.toString()) + " (" + String.format(Locale.ROOT, "%,d", text.length()) + " "
						+ characters + ")";
			}
		}
		return quoted;
	}

	public Severity severity() {
		return this.rule.severity();
	}

	private static @Nullable String printable(@Nullable String text) {
		return (text == null) ? null : text.replace('\0', '?');
	}

	/**
	 * A file's text as a finding quotes it: at most {@value #MAX_QUOTED_LENGTH}
	 * characters, then an ellipsis and the whole length ({@code …[1,000,000]}).
	 */
	static @Nullable String shorten(@Nullable String value) {
		if (value == null) {
			return null;
		}
		if (value.length() <= MAX_QUOTED_LENGTH) {
			return value.replace('\0', '?');
		}
		return shortened(value) + "[" + String.format(Locale.ROOT, "%,d", value.length()) + "]";
	}

	/** The start of a long text and an ellipsis, never splitting a surrogate pair. */
	private static String shortened(String text) {
		int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED_LENGTH - 1)) ? MAX_QUOTED_LENGTH - 1
				: MAX_QUOTED_LENGTH;
		return text.substring(0, end).replace('\0', '?') + "…";
	}

	/** The line as text, empty for file-level findings. */
	public String lineText() {
		return (this.line != null) ? this.line.toString() : "";
	}

	/** The same finding at a workbook's cell. */
	/**
	 * This finding, its messages naming the other lines where it was found too (ranges of
	 * consecutive lines written {@code 3-42}) and how many rows in all.
	 */
	Finding alsoOn(List<Long> lines) {
		StringBuilder ranges = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			int j = i;
			while (j + 1 < lines.size() && lines.get(j + 1) == lines.get(j) + 1) {
				j++;
			}
			ranges.append(ranges.isEmpty() ? "" : ", ").append(lines.get(i));
			if (j > i) {
				ranges.append('-').append(lines.get(j));
			}
			i = j;
		}
		int rows = lines.size() + 1;
		return new Finding(this.line, this.field, this.value, this.rule,
				this.messageVi + " (cả ở dòng " + ranges + ": " + rows + " dòng)",
				this.messageEn + " (also on lines " + ranges + ": " + rows + " rows)", this.cell);
	}

	public Finding at(@Nullable String cell) {
		return new Finding(this.line, this.field, this.value, this.rule, this.messageVi, this.messageEn, cell);
	}

	/**
	 * Where it is, as a clerk reads it: {@code Sheet1!C7} in a workbook, {@code line 7}
	 * in a CSV file, {@code file} for the whole file.
	 */
	public String where() {
		if (this.cell != null) {
			return this.cell;
		}
		return (this.line != null) ? "line " + this.line : "file";
	}

}
