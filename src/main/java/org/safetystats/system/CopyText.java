package org.safetystats.system;

import java.io.IOException;
import java.io.Writer;

import org.jspecify.annotations.Nullable;

/**
 * Writes fields in PostgreSQL's COPY text format: tab between fields, newline after a
 * row, {@code \N} for NULL, and backslash escapes for backslash, tab, newline and
 * carriage return, so that any text (notes with line breaks and quotes) comes back byte
 * for byte.
 */
public final class CopyText {

	private CopyText() {
	}

	public static void field(Writer out, @Nullable String value) throws IOException {
		if (value == null) {
			out.write("\\N");
			return;
		}
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.write("\\\\");
				case '\t' -> out.write("\\t");
				case '\n' -> out.write("\\n");
				case '\r' -> out.write("\\r");
				default -> out.write(c);
			}
		}
	}

	public static void separator(Writer out) throws IOException {
		out.write('\t');
	}

	public static void endRow(Writer out) throws IOException {
		out.write('\n');
	}

}
