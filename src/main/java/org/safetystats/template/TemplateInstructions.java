package org.safetystats.template;

import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The instructions sheet of a workbook template, in Vietnamese: how to fill the first
 * sheet and send it, then the indicators with their level, kind and largest value.
 */
final class TemplateInstructions {

	private TemplateInstructions() {
	}

	static void write(Sheet sheet, MonthTemplate template, CellStyle bold) {
		String name = template.fileName(TemplateFormat.XLSX);
		List<String> steps = List.of(
				"Mẫu báo cáo tháng "
						+ monthVi(template) + " của " + template.unit().name() + " (mã " + template.unit().code() + ")",
				"",
				"1. Điền số liệu vào cột \"value\" (cột G) của trang \"" + WorkbookTemplate.DATA_SHEET
						+ "\", mỗi dòng một giá trị: số nguyên không âm; chỉ tiêu dạng cờ ghi 1 (có) hoặc 0 (không).",
				"2. Điền đủ mọi dòng: không có vụ việc thì ghi 0. Ô để trống là thiếu số liệu và tệp bị từ chối.",
				"3. Không sửa các cột unit_code, period, village_code, indicator; không xóa, không thêm dòng hay cột. "
						+ "Cột village_name và indicator_name chỉ để đọc.",
				"4. Cột \"note\" (cột H) để ghi chú nếu cần (không bắt buộc, tối đa 2.000 ký tự).",
				"5. Nên gõ số trực tiếp, không dùng công thức: nếu có công thức, giá trị Excel đã tính được dùng "
						+ "và tệp nhận cảnh báo.",
				"6. Lưu dạng \"Excel Workbook (.xlsx)\" (không phải .xls hay .xlsm có macro), giữ nguyên tên tệp "
						+ name
						+ ", rồi gửi. Tệp có bất kỳ lỗi nào thì không nạp dòng nào; danh sách lỗi ghi rõ trang, ô và cột.",
				"7. Gửi lại tệp cùng tên sau khi sửa: bản mới thay thế bản cũ.", "", "Các chỉ tiêu:");
		int r = 0;
		for (String step : steps) {
			sheet.createRow(r++).createCell(0).setCellValue(step);
		}
		sheet.getRow(0).getCell(0).setCellStyle(bold);
		Row header = sheet.createRow(r++);
		String[] columns = { "indicator", "Tên chỉ tiêu", "Ghi theo", "Loại", "Tối đa một tháng" };
		for (int c = 0; c < columns.length; c++) {
			header.createCell(c).setCellValue(columns[c]);
			header.getCell(c).setCellStyle(bold);
		}
		for (MonthTemplate.TemplateIndicator indicator : template.indicators()) {
			Row row = sheet.createRow(r++);
			row.createCell(0).setCellValue(indicator.code());
			row.createCell(1).setCellValue(indicator.nameVi());
			row.createCell(2).setCellValue(indicator.villageLevel() ? "từng thôn, tổ dân phố" : "cả đơn vị");
			row.createCell(3).setCellValue(indicator.flag() ? "cờ: 0 hoặc 1" : "số đếm");
			if (indicator.maxValue() != Long.MAX_VALUE) {
				row.createCell(4).setCellValue(indicator.maxValue());
			}
		}
		sheet.setColumnWidth(0, 24 * 256);
		sheet.setColumnWidth(1, 70 * 256);
		sheet.setColumnWidth(2, 22 * 256);
		sheet.setColumnWidth(3, 14 * 256);
	}

	private static String monthVi(MonthTemplate template) {
		return template.period().getMonthValue() + "/" + template.period().getYear();
	}

}
