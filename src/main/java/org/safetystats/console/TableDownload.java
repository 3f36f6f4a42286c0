package org.safetystats.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;

import org.safetystats.system.ReportingTime;
import org.safetystats.system.SpreadsheetText;
import org.safetystats.system.UsageException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A table page of the console as a file (issue 29, {@code &format=xlsx} or
 * {@code &format=csv}): the page's own rows under the page's headings, in the page's
 * language. XLSX holds the title and the filters above the table, numbers as numbers,
 * yes/no as booleans, times as text in the reporting time zone with its offset, and is
 * written row by row through POI's streaming workbook (a window of rows in memory, the
 * rest on disk until it is sent); CSV holds the headings and the rows only, UTF-8 with a
 * byte order mark (so that Excel reads the Vietnamese right), every text a spreadsheet
 * could take for a formula kept as text ({@link SpreadsheetText}). Both are written
 * straight into the response.
 *
 * @param name the file's name without its extension
 * @param title the sheet's title (the page's heading)
 * @param filters each filter of the page with its value, written above the table
 * @param headings the table's headings
 * @param rows the table's cells, row by row: text, numbers, booleans, times or null
 */
record TableDownload(String name, String title, Map<String, String> filters, List<String> headings,
		List<List<@Nullable Object>> rows) {

	/** The two kinds of file a table page answers. */
	enum Format {

		XLSX, CSV;

		/**
		 * The format a page's {@code format} parameter asks for; a usage error for any
		 * other.
		 */
		static Format of(String text) {
			return switch (text.trim().toLowerCase(Locale.ROOT)) {
				case "xlsx" -> XLSX;
				case "csv" -> CSV;
				default -> throw new UsageException("format is xlsx or csv, not \"" + text.trim() + "\"");
			};
		}

	}

	/** Rows the streaming workbook keeps in memory before it writes them to disk. */
	private static final int ROWS_IN_MEMORY = 200;

	/** The widest column, in characters. */
	private static final int WIDEST = 60;

	/** The file as an HTTP answer, written as it is sent. */
	ResponseEntity<StreamingResponseBody> response(Format format, ReportingTime times) {
		boolean xlsx = format == Format.XLSX;
		MediaType type = xlsx
				? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
				: new MediaType("text", "csv", StandardCharsets.UTF_8);
		String file = this.name + (xlsx ? ".xlsx" : ".csv");
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString())
			.body((out) -> {
				if (xlsx) {
					writeXlsx(out, times);
				}
				else {
					writeCsv(out, times);
				}
			});
	}

	void writeCsv(OutputStream out, ReportingTime times) throws IOException {
		BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		writer.write('\uFEFF');
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
		csv.printRecord(this.headings.stream().map(SpreadsheetText::neutralised).toList());
		for (List<@Nullable Object> row : this.rows) {
			List<String> cells = new ArrayList<>(row.size());
			for (@Nullable
			Object cell : row) {
				cells.add(csvCell(cell, times));
			}
			csv.printRecord(cells);
		}
		csv.flush();
	}

	private static String csvCell(@Nullable Object cell, ReportingTime times) {
		if (cell == null) {
			return "";
		}
		if (cell instanceof BigDecimal number) {
			return number.toPlainString();
		}
		if (cell instanceof Number || cell instanceof Boolean) {
			return cell.toString();
		}
		if (cell instanceof OffsetDateTime time) {
			return times.seconds(time);
		}
		return SpreadsheetText.neutralised(cell.toString());
	}

	void writeXlsx(OutputStream out, ReportingTime times) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
			SXSSFSheet sheet = workbook.createSheet(sheetName(this.title));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			int at = 0;
			Row titleRow = sheet.createRow(at++);
			text(titleRow, 0, this.title).setCellStyle(bold);
			for (Map.Entry<String, String> filter : this.filters.entrySet()) {
				Row filterRow = sheet.createRow(at++);
				text(filterRow, 0, filter.getKey());
				text(filterRow, 1, filter.getValue());
			}
			at++;
			int headingRow = at;
			Row head = sheet.createRow(at++);
			int[] widths = new int[this.headings.size()];
			for (int i = 0; i < this.headings.size(); i++) {
				text(head, i, this.headings.get(i)).setCellStyle(bold);
				widths[i] = this.headings.get(i).length();
			}
			for (List<@Nullable Object> cells : this.rows) {
				Row row = sheet.createRow(at++);
				for (int i = 0; i < cells.size(); i++) {
					@Nullable Object cell = cells.get(i);
					if (cell instanceof Number number) {
						row.createCell(i).setCellValue(number.doubleValue());
					}
					else if (cell instanceof Boolean yes) {
						row.createCell(i).setCellValue(yes);
					}
					else if (cell instanceof OffsetDateTime time) {
						text(row, i, times.seconds(time));
					}
					else if (cell != null) {
						// a string cell: never a formula, whatever it starts with
						text(row, i, cell.toString());
					}
					if (cell != null && i < widths.length) {
						widths[i] = Math.max(widths[i], cell.toString().length());
					}
				}
			}
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, 256 * (Math.min(widths[i], WIDEST) + 2));
			}
			sheet.createFreezePane(0, headingRow + 1);
			if (!this.headings.isEmpty()) {
				sheet.setAutoFilter(
						new CellRangeAddress(headingRow, Math.max(headingRow, at - 1), 0, this.headings.size() - 1));
			}
			workbook.write(out);
		}
	}

	private static Cell text(Row row, int column, String value) {
		Cell cell = row.createCell(column);
		cell.setCellValue(value);
		return cell;
	}

	/** A sheet's name: at most 31 characters, none of {@code []:*?/\}. */
	private static String sheetName(String title) {
		String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ").trim();
		return name.isEmpty() ? "Sheet1" : name.substring(0, Math.min(31, name.length()));
	}

}
