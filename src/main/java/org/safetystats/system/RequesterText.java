package org.safetystats.system;

import org.jspecify.annotations.Nullable;

/**
 * What a requester typed (a name, a reason, a path, a parameter), as it can be stored,
 * logged and shown back: control characters written as {@code \\uXXXX}, so that a hostile
 * field can break neither a line of the log nor an insert, and at most {@value #MAX}
 * characters, so that it cannot flood a table.
 */
public final class RequesterText {

	/** The most characters kept; the rest is counted. */
	public static final int MAX = 1000;

	private RequesterText() {
	}

	/** The text as it can be stored and logged; null for null. */
	public static @Nullable String clean(@Nullable String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length() && out.length() < MAX; i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : c);
		}
		if (out.length() >= MAX) {
			out.setLength(MAX);
			out.append("... (").append(text.length()).append(" characters)");
		}
		return out.toString();
	}

}
