package org.safetystats.system;

import org.jspecify.annotations.Nullable;

/**
 * Text for a cell of a CSV file that people open in a spreadsheet (an error report, a
 * template): a cell that a spreadsheet could take for a formula is prefixed with an
 * apostrophe so that it stays text. That is a cell starting with {@code = + - @}, their
 * fullwidth forms ({@code ＝ ＋ － ＠}, which some spreadsheets read as the ASCII ones), a
 * tab, a line feed, a carriage return or a space (spreadsheets skip leading blanks before
 * a formula).
 */
public final class SpreadsheetText {

	private static final String FORMULA_STARTS = "=+-@\t\n\r \uFF1D\uFF0B\uFF0D\uFF20";

	private SpreadsheetText() {
	}

	/** The cell as no spreadsheet evaluates it; empty for null. */
	public static String neutralised(@Nullable String cell) {
		if (cell == null || cell.isEmpty()) {
			return "";
		}
		return (FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0) ? "'" + cell : cell;
	}

}
