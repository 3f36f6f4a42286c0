package org.safetystats.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where each column of the format sits in a file's header. Column names are matched
 * case-insensitively and in any order; {@code note} is optional; {@code village_name} and
 * {@code indicator_name}, which the month's template fills in for people, are ignored;
 * other columns are ignored with a warning.
 */
final class HeaderLayout {

	static final List<String> REQUIRED = List.of("unit_code", "period", "village_code", "indicator", "value");

	static final String NOTE = "note";

	/** Columns for people, written by the month's template and never read. */
	static final List<String> INFORMATIONAL = List.of("village_name", "indicator_name");

	private final Map<String, Integer> index = new HashMap<>();

	private final int width;

	private HeaderLayout(int width) {
		this.width = width;
	}

	/**
	 * Reads the header record, adding findings; returns {@code null} when rows cannot be
	 * read with it.
	 * @param header the header's cells
	 * @param line its line (a workbook's header row may not be the first)
	 * @param findings where findings go
	 */
	static @Nullable HeaderLayout read(List<String> header, long line, Findings findings) {
		HeaderLayout layout = new HeaderLayout(header.size());
		boolean usable = true;
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
			if (layout.index.containsKey(name)) {
				findings.add(Finding.of(Rule.HEADER_DUPLICATE_COLUMN, line, name, header.get(i), name));
				usable = false;
			}
			else if (REQUIRED.contains(name) || NOTE.equals(name) || INFORMATIONAL.contains(name)) {
				layout.index.put(name, i);
			}
			else {
				findings.add(Finding.of(Rule.HEADER_UNKNOWN_COLUMN, line, name, header.get(i), header.get(i)));
				layout.index.put(name, i);
			}
		}
		for (String required : REQUIRED) {
			if (!layout.index.containsKey(required)) {
				findings.add(Finding.of(Rule.HEADER_MISSING_COLUMN, line, required, null, required));
				usable = false;
			}
		}
		return usable ? layout : null;
	}

	int width() {
		return this.width;
	}

	String get(List<String> record, String column) {
		Integer i = this.index.get(column);
		return (i == null) ? "" : record.get(i);
	}

}
