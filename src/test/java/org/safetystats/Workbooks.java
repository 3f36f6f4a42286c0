package org.safetystats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;

/**
 * Writes workbooks for tests with POI's user model: the rows of a CSV file as cells (a
 * text cell for a {@link String}, a numeric cell for a {@link Number}, a formula for a
 * {@link Formula}), and the hostile kinds a clerk or an attacker could send (legacy
 * {@code .xls}, macro-enabled, zip bomb). {@link #main} writes the committed fixtures of
 * {@code src/test/resources/ingest/} from {@code good.csv}.
 */
public final class Workbooks {

	/** A formula cell; the workbook stores its computed value as Excel does. */
	public record Formula(String formula) {
	}

	private Workbooks() {
	}

	/** The records of a CSV file, every field a string. */
	public static List<List<Object>> rows(Path csv) throws IOException {
		try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			List<List<Object>> rows = new ArrayList<>();
			for (CSVRecord record : CSVFormat.RFC4180.parse(in)) {
				rows.add(new ArrayList<>(record.toList()));
			}
			return rows;
		}
	}

	/**
	 * Whole numbers and codes made of digits only become numeric cells, as Excel types
	 * them.
	 */
	public static List<List<Object>> typed(List<List<Object>> rows) {
		List<List<Object>> typed = new ArrayList<>();
		for (List<Object> row : rows) {
			typed.add(new ArrayList<>(row.stream()
				.map((cell) -> (cell instanceof String text && text.matches("\\d{1,15}")) ? (Object) Long.valueOf(text)
						: cell)
				.toList()));
		}
		return typed;
	}

	/**
	 * Writes an {@code .xlsx} (or with {@code legacy}, an Excel 97-2003 {@code .xls}).
	 */
	public static Path write(Path target, List<List<Object>> rows, boolean legacy) throws IOException {
		try (Workbook workbook = legacy ? new HSSFWorkbook() : new XSSFWorkbook()) {
			fill(workbook, rows);
			return save(workbook, target);
		}
	}

	/** Writes a macro-enabled workbook ({@code .xlsm} content type). */
	public static Path writeMacroEnabled(Path target, List<List<Object>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(XSSFWorkbookType.XLSM)) {
			fill(workbook, rows);
			return save(workbook, target);
		}
	}

	/**
	 * Writes a copy of a workbook whose first sheet is replaced: a zip bomb when the
	 * replacement is megabytes of white space.
	 */
	public static Path replaceSheet(Path source, Path target, String head, byte[] filler, int repeat)
			throws IOException {
		try (ZipFile zip = new ZipFile(source.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
					out.write(head.getBytes(StandardCharsets.UTF_8));
					for (int i = 0; i < repeat; i++) {
						out.write(filler);
					}
				}
				else {
					zip.getInputStream(entry).transferTo(out);
				}
				out.closeEntry();
			}
		}
		return target;
	}

	/**
	 * Writes the workbook of an outside probe: {@code rows} rows of a unit and month,
	 * each of a village the unit does not have ({@code 99999-<row>}) and all with the
	 * same shared string as value, one of any length (POI refuses a cell over 32,767
	 * characters, and takes minutes to write thousands of text cells, so the sheet and
	 * the string are written by hand).
	 */
	public static Path oneSharedValue(Path target, String unit, String period, String value, int rows)
			throws IOException {
		Path base = target.resolveSibling(target.getFileName() + ".base.xlsx");
		write(base, List.of(List.of("LONG")), false);
		StringBuilder sheet = new StringBuilder(
				"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
		sheet.append(inlineRow(1, "unit_code", "period", "village_code", "indicator", "value")).append("</row>");
		for (int r = 2; r <= rows + 1; r++) {
			sheet.append(inlineRow(r, unit, period, "99999-" + r, "crime_cases"))
				.append("<c r=\"E")
				.append(r)
				.append("\" t=\"s\"><v>0</v></c></row>");
		}
		sheet.append("</sheetData></worksheet>");
		Path withSheet = target.resolveSibling(target.getFileName() + ".sheet.xlsx");
		replaceSheet(base, withSheet, sheet.toString(), new byte[0], 0);
		replaceInPart(withSheet, target, "xl/sharedStrings.xml", ">LONG<", ">" + value + "<");
		Files.delete(base);
		Files.delete(withSheet);
		return target;
	}

	/** A row's start and its cells as inline strings, the row left open. */
	private static String inlineRow(int row, String... cells) {
		StringBuilder xml = new StringBuilder("<row r=\"" + row + "\">");
		for (int c = 0; c < cells.length; c++) {
			xml.append("<c r=\"")
				.append((char) ('A' + c))
				.append(row)
				.append("\" t=\"inlineStr\"><is><t>")
				.append(cells[c])
				.append("</t></is></c>");
		}
		return xml.toString();
	}

	/**
	 * Writes a copy of a workbook with a text replaced in one part: a cell longer than
	 * Excel (and POI) let anyone type, as an attacker writes it by hand.
	 */
	public static Path replaceInPart(Path source, Path target, String part, String text, String replacement)
			throws IOException {
		try (ZipFile zip = new ZipFile(source.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				byte[] content = zip.getInputStream(entry).readAllBytes();
				if (entry.getName().equals(part)) {
					content = new String(content, StandardCharsets.UTF_8).replace(text, replacement)
						.getBytes(StandardCharsets.UTF_8);
				}
				out.write(content);
				out.closeEntry();
			}
		}
		return target;
	}

	private static void fill(Workbook workbook, List<List<Object>> rows) {
		Sheet sheet = workbook.createSheet("Sheet1");
		for (int r = 0; r < rows.size(); r++) {
			Row row = sheet.createRow(r);
			List<Object> cells = rows.get(r);
			for (int c = 0; c < cells.size(); c++) {
				Object value = cells.get(c);
				if (value instanceof String text && text.isEmpty()) {
					continue;
				}
				Cell cell = row.createCell(c);
				if (value instanceof Number number) {
					cell.setCellValue(number.doubleValue());
				}
				else if (value instanceof Formula formula) {
					cell.setCellFormula(formula.formula());
				}
				else {
					cell.setCellValue((String) value);
				}
			}
		}
		workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
	}

	private static Path save(Workbook workbook, Path target) throws IOException {
		Files.createDirectories(target.toAbsolutePath().getParent());
		try (OutputStream out = Files.newOutputStream(target)) {
			workbook.write(out);
		}
		return target;
	}

	/** Writes the committed workbook fixtures; run once from the project folder. */
	public static void main(String[] args) throws IOException {
		Path folder = Path.of("src/test/resources/ingest");
		List<List<Object>> good = typed(rows(folder.resolve("good.csv")));
		write(folder.resolve("good.xlsx"), good, false);
		List<List<Object>> bad = typed(rows(folder.resolve("good.csv")));
		bad.get(6).set(4, "x");
		bad.get(8).set(4, -1L);
		write(folder.resolve("bad-value-cell.xlsx"), bad, false);
		List<List<Object>> formula = typed(rows(folder.resolve("good.csv")));
		formula.get(3).set(4, new Formula("1+2"));
		write(folder.resolve("good-formula.xlsx"), formula, false);
		write(folder.resolve("bad-legacy.xls"), good, true);
		writeMacroEnabled(folder.resolve("bad-macros.xlsm"), good);
		// 50 MB of white space in the sheet, compressed about a thousand times
		String head = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
		byte[] spaces = " ".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
		replaceSheet(folder.resolve("good.xlsx"), folder.resolve("bad-zip-bomb.xlsx"), head, spaces, 50);
	}

}
