package org.safetystats.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.jspecify.annotations.Nullable;

/**
 * A workbook cell as the text a CSV file would hold, so that every rule reads both alike.
 * A number is written plainly from the digits stored in the file (to Excel's 15
 * significant digits), never through a {@code double} nor the cell's display format:
 * 14320 stays {@code 14320}, 3.0 and 2.9999999999999996 become {@code 3}, 1,000 shown
 * with a thousands separator is {@code 1000}, and 3.5 stays {@code 3.5} (then refused as
 * not whole). A code typed as text keeps its leading zeros; a number formatted
 * {@code 00000} is zero-padded as shown. A date cell becomes ISO text: {@code 2019-03}
 * when its format shows no day (Excel turns a typed {@code 2019-03} into such a date),
 * {@code 2019-03-01} otherwise.
 */
final class CellText {

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	// digits before or after the point of a number written out; beyond that it is left
	// as written (and refused as a value)
	private static final int MAX_DIGITS = 40;

	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private final SharedStrings strings;

	// POI makes a rich text object of a shared string at each use, in time that grows
	// with
	// its length: one long string used on every row cost seconds. Each string is made
	// once;
	// the strings are POI's own, held already.
	private final Map<Integer, String> sharedTexts = new HashMap<>();

	private final @Nullable StylesTable styles;

	CellText(SharedStrings strings, @Nullable StylesTable styles) {
		this.strings = strings;
		this.styles = styles;
	}

	/**
	 * The text of a cell.
	 * @param type the cell's {@code t} attribute ({@code null}: a number)
	 * @param raw the cell's stored value ({@code <v>}, or the inline string)
	 * @param style the cell's {@code s} attribute, 0 when absent
	 */
	String of(@Nullable String type, String raw, int style) {
		if (type == null || type.equals("n")) {
			return number(raw.strip(), style);
		}
		return switch (type) {
			case "s" -> shared(raw.strip());
			case "b" -> "1".equals(raw.strip()) ? "TRUE" : "FALSE";
			default -> raw; // inlineStr, str (a formula's text), e (#DIV/0!), d (ISO
							// date)
		};
	}

	private String shared(String index) {
		try {
			return this.sharedTexts.computeIfAbsent(Integer.parseInt(index),
					(i) -> this.strings.getItemAt(i).getString());
		}
		catch (NumberFormatException | IndexOutOfBoundsException ex) {
			throw new IllegalArgumentException("shared string " + index + " does not exist", ex);
		}
	}

	private String number(String raw, int style) {
		if (raw.isEmpty()) {
			return "";
		}
		BigDecimal number;
		try {
			number = new BigDecimal(raw);
		}
		catch (NumberFormatException ex) {
			return raw;
		}
		XSSFCellStyle cellStyle = (this.styles != null && style >= 0 && style < this.styles.getNumCellStyles())
				? this.styles.getStyleAt(style) : null;
		String format = (cellStyle != null) ? cellStyle.getDataFormatString() : null;
		if (format != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), format)
				&& DateUtil.isValidExcelDate(number.doubleValue())) {
			return date(DateUtil.getLocalDateTime(number.doubleValue()), format);
		}
		// Excel keeps 15 significant digits: what lies beyond is a double's noise
		// (2.9999999999999996 is the 3 the clerk sees)
		BigDecimal plain = number.round(EXCEL_PRECISION).stripTrailingZeros();
		if (Math.abs((long) plain.scale()) > MAX_DIGITS) {
			return raw; // 1E+400 or 1E-400: written out it would be huge
		}
		if (plain.scale() > 0) {
			return plain.toPlainString();
		}
		String digits = plain.toBigInteger().toString();
		if (format != null && format.matches("0+") && !digits.startsWith("-")) {
			return "0".repeat(Math.max(0, format.length() - digits.length())) + digits;
		}
		return digits;
	}

	private static String date(LocalDateTime date, String format) {
		// the format's own codes, without its [locale] and "literal" parts
		String codes = format.replaceAll("\\[[^\\]]*\\]|\"[^\"]*\"", "").toLowerCase(java.util.Locale.ROOT);
		if (!codes.contains("d") && !codes.contains("h") && !codes.contains("s")) {
			return date.format(MONTH);
		}
		return date.toLocalTime().toSecondOfDay() == 0 ? date.format(DAY) : date.format(DAY_TIME);
	}

}
