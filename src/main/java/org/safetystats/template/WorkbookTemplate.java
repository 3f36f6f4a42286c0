package org.safetystats.template;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The template as a workbook: the first sheet holds the lines to fill (codes as text, so
 * that Excel keeps them as written; the value column checked by Excel against the
 * indicator's range as the clerk types), the second the instructions in Vietnamese
 * ({@link TemplateInstructions}). Only the first sheet is read when the file comes back.
 */
final class WorkbookTemplate {

	/** The data sheet's name, which findings on the returned file name. */
	static final String DATA_SHEET = "Sheet1";

	static final String INSTRUCTIONS_SHEET = "Hướng dẫn";

	// Excel's whole-number validation takes a 32-bit bound
	private static final long LARGEST_BOUND = Integer.MAX_VALUE;

	private WorkbookTemplate() {
	}

	static void write(MonthTemplate template, OutputStream out) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet(DATA_SHEET);
			CellStyle text = workbook.createCellStyle();
			text.setDataFormat(workbook.createDataFormat().getFormat("@"));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int i = 0; i < TemplateColumns.HEADER.size(); i++) {
				header.createCell(i).setCellValue(TemplateColumns.HEADER.get(i));
				header.getCell(i).setCellStyle(bold);
				sheet.setDefaultColumnStyle(i, (i == TemplateColumns.VALUE) ? workbook.createCellStyle() : text);
			}
			List<MonthTemplate.Line> lines = template.lines();
			for (int r = 0; r < lines.size(); r++) {
				MonthTemplate.Line line = lines.get(r);
				Row row = sheet.createRow(r + 1);
				String[] cells = { template.unit().code(), template.period().toString(), line.villageCode(),
						line.villageName(), line.indicator().code(), line.indicator().nameVi() };
				for (int c = 0; c < cells.length; c++) {
					row.createCell(c).setCellValue(cells[c]);
					row.getCell(c).setCellStyle(text);
				}
			}
			checkValues(sheet, template);
			sheet.createFreezePane(0, 1);
			int[] widths = { 10, 9, 12, 28, 24, 60, 8, 40 };
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, widths[i] * 256);
			}
			TemplateInstructions.write(workbook.createSheet(INSTRUCTIONS_SHEET), template, bold);
			workbook.write(out);
		}
	}

	/** One check per indicator on its value cells: a whole number from 0 to its bound. */
	private static void checkValues(Sheet sheet, MonthTemplate template) {
		DataValidationHelper helper = sheet.getDataValidationHelper();
		List<MonthTemplate.Line> lines = template.lines();
		for (MonthTemplate.TemplateIndicator indicator : template.indicators()) {
			CellRangeAddressList cells = new CellRangeAddressList();
			for (int r = 0; r < lines.size(); r++) {
				if (lines.get(r).indicator().equals(indicator)) {
					cells.addCellRangeAddress(r + 1, TemplateColumns.VALUE, r + 1, TemplateColumns.VALUE);
				}
			}
			if (cells.countRanges() == 0) {
				continue;
			}
			long bound = Math.min(indicator.flag() ? 1 : indicator.maxValue(), LARGEST_BOUND);
			DataValidationConstraint range = helper
				.createIntegerConstraint(DataValidationConstraint.OperatorType.BETWEEN, "0", Long.toString(bound));
			DataValidation validation = helper.createValidation(range, cells);
			validation.setShowErrorBox(true);
			validation.createErrorBox("Giá trị không hợp lệ",
					indicator.code() + ": nhập số nguyên từ 0 đến " + bound + (indicator.flag() ? " (1 = có)" : ""));
			sheet.addValidationData(validation);
		}
	}

}
