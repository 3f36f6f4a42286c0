package org.safetystats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A part of a document written from the code or the database, between two marker lines:
 * checked to be what it would be written as, or written anew when the system property
 * named is true (after a change that moves it).
 */
public final class GeneratedSection {

	private GeneratedSection() {
	}

	/**
	 * Checks that {@code document} holds {@code content} between {@code start} and
	 * {@code end}; writes it there first when {@code -D<writeProperty>=true}.
	 */
	public static void check(Path document, String start, String end, String content, String writeProperty)
			throws IOException {
		String text = Files.readString(document, StandardCharsets.UTF_8);
		int from = text.indexOf(start);
		assertThat(from).as("%s's marker %s", document, start).isNotNegative();
		int to = text.indexOf(end, from);
		assertThat(to).as("%s's marker %s", document, end).isNotNegative();
		String section = start + "\n" + content + end;
		if (Boolean.getBoolean(writeProperty)) {
			text = text.substring(0, from) + section + text.substring(to + end.length());
			Files.writeString(document, text, StandardCharsets.UTF_8);
			to = text.indexOf(end, from);
		}
		assertThat(text.substring(from, to + end.length()))
			.as("%s between %s and %s; -D%s=true writes it", document, start, end, writeProperty)
			.isEqualTo(section);
	}

}
