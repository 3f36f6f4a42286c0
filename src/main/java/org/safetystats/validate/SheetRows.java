package org.safetystats.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.util.CellReference;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a worksheet's XML as it streams by (SAX), one row at a time, and hands each row
 * to the {@link RowFeed} as the cells a CSV line would give: the first row with content
 * is the header, rows with nothing in them are skipped, a row's missing cells are empty.
 * Once the header is known, every finding on a row is placed at its cell
 * ({@code Sheet1!C7}). A formula's value is the one Excel computed and stored with it,
 * flagged with a warning naming the cell. Memory holds one row, never the sheet.
 */
final class SheetRows extends DefaultHandler {

	/** Thrown to stop reading when the header shows rows cannot be read. */
	static final class HeaderUnusable extends SAXException {

		HeaderUnusable() {
			super("the header cannot be used");
		}

	}

	/**
	 * Thrown to stop reading at a row longer than a CSV record may be (its finding is
	 * added).
	 */
	static final class RowTooLong extends SAXException {

		RowTooLong() {
			super("a row is too long");
		}

	}

	// Excel's last column, XFD
	private static final int MAX_COLUMNS = 16_384;

	// the text of a row, as for a CSV record: a cell of a million characters, repeated on
	// thousands of rows, is refused at the first
	private static final long MAX_ROW_LENGTH = SubmissionCsv.MAX_RECORD_LENGTH;

	private final String sheet;

	private final CellText text;

	private final RowFeed feed;

	private final Findings findings;

	private final List<String> cells = new ArrayList<>();

	private final List<Integer> formulas = new ArrayList<>();

	private final StringBuilder value = new StringBuilder();

	private @Nullable List<String> header;

	private long row;

	private long rowLength;

	private int column;

	private @Nullable String type;

	private int style;

	private boolean formula;

	private boolean inlineString;

	private boolean capturing;

	SheetRows(String sheetName, CellText text, RowFeed feed, Findings findings) {
		this.sheet = sheetPrefix(sheetName);
		this.text = text;
		this.feed = feed;
		this.findings = findings;
	}

	/** {@code Sheet1!}, or {@code 'Báo cáo tháng'!} when the name needs quotes. */
	static String sheetPrefix(String name) {
		boolean plain = name.matches("[\\p{L}_][\\p{L}\\p{N}_.]*");
		return (plain ? name : "'" + name.replace("'", "''") + "'") + "!";
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
		switch (localName) {
			case "row" -> {
				String r = attributes.getValue("r");
				this.row = (r != null) ? Long.parseLong(r) : this.row + 1;
				this.cells.clear();
				this.formulas.clear();
				this.column = -1;
				this.rowLength = 0;
			}
			case "c" -> {
				String r = attributes.getValue("r");
				this.column = (r != null) ? new CellReference(r).getCol() : this.column + 1;
				if (this.column < 0 || this.column >= MAX_COLUMNS) {
					throw new SAXException("cell " + r + " is beyond the last column XFD");
				}
				this.type = attributes.getValue("t");
				String s = attributes.getValue("s");
				this.style = (s != null) ? Integer.parseInt(s) : 0;
				this.formula = false;
				this.value.setLength(0);
			}
			case "f" -> this.formula = true;
			case "v" -> this.capturing = true;
			case "is" -> this.inlineString = true;
			case "t" -> this.capturing = this.inlineString;
			case "rPh" -> this.inlineString = false; // phonetic runs are not the text
			default -> {
			}
		}
	}

	@Override
	public void characters(char[] ch, int start, int length) throws SAXException {
		if (this.capturing) {
			if (this.rowLength + this.value.length() + length > MAX_ROW_LENGTH) {
				throw rowTooLong();
			}
			this.value.append(ch, start, length);
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) throws SAXException {
		switch (localName) {
			case "v", "t" -> this.capturing = false;
			case "is" -> this.inlineString = false;
			case "rPh" -> this.inlineString = true;
			case "c" -> endCell();
			case "row" -> endRow();
			default -> {
			}
		}
	}

	private void endCell() throws SAXException {
		while (this.cells.size() <= this.column) {
			this.cells.add("");
		}
		String cellText = this.text.of(this.type, this.value.toString(), this.style);
		this.rowLength += cellText.length();
		if (this.rowLength > MAX_ROW_LENGTH) {
			throw rowTooLong();
		}
		this.cells.set(this.column, cellText);
		if (this.formula) {
			this.formulas.add(this.column);
		}
	}

	private void endRow() throws SAXException {
		while (!this.cells.isEmpty() && this.cells.get(this.cells.size() - 1).isBlank()) {
			this.cells.remove(this.cells.size() - 1);
		}
		if (this.cells.isEmpty()) {
			return;
		}
		for (int formulaColumn : this.formulas) {
			if (formulaColumn < this.cells.size()) {
				String cell = cell(formulaColumn, this.row);
				String cached = this.cells.get(formulaColumn);
				this.findings
					.add(Finding.of(Rule.XLSX_FORMULA, this.row, field(formulaColumn), cached, cell, cached).at(cell));
			}
		}
		if (this.header == null) {
			this.header = this.cells.stream().map((name) -> name.strip().toLowerCase(Locale.ROOT)).toList();
			this.findings.locateCellsWith(this::locate);
			if (!this.feed.header(List.copyOf(this.cells), this.row)) {
				throw new HeaderUnusable();
			}
			return;
		}
		List<String> record = new ArrayList<>(this.cells);
		while (record.size() < this.header.size()) {
			record.add("");
		}
		this.feed.row(record, this.row);
	}

	private RowTooLong rowTooLong() {
		this.findings.add(Finding.of(Rule.RECORD_TOO_LONG, this.row, null, null,
				String.format(Locale.ROOT, "%,d", MAX_ROW_LENGTH)));
		return new RowTooLong();
	}

	private @Nullable String field(int column) {
		return (this.header != null && column < this.header.size()) ? this.header.get(column) : null;
	}

	/** The cell of a field on a row; the whole row when the field has no column. */
	private String locate(long line, @Nullable String field) {
		int index = (this.header != null && field != null) ? this.header.indexOf(field) : -1;
		return (index >= 0) ? cell(index, line) : this.sheet + line + ":" + line;
	}

	private String cell(int column, long line) {
		return this.sheet + CellReference.convertNumToColString(column) + line;
	}

}
