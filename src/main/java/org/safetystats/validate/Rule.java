package org.safetystats.validate;

/**
 * Every rule a submission is checked against, with its severity and its message in
 * Vietnamese and English. The messages are {@link String#format} templates; their
 * arguments are given where the finding is made.
 */
public enum Rule {

	FILE_NAME(Severity.ERROR,
			"Tên tệp phải có dạng <mã đơn vị>_<YYYY-MM>.csv hoặc .xlsx, ví dụ 14320_2019-03.csv hoặc 14320_2019-03.xlsx",
			"File name must be <unit_code>_<YYYY-MM>.csv or .xlsx, for example 14320_2019-03.csv or 14320_2019-03.xlsx"),
	FILE_NAME_TOO_LONG(Severity.ERROR, "Tên tệp dài %s byte, quá %s byte: tệp được lưu với tên rút gọn %s",
			"The file name is %s bytes long, over %s bytes: the file is kept under the shortened name %s"),
	FILE_EMPTY(Severity.ERROR, "Tệp rỗng", "The file is empty"),
	ENCODING(Severity.ERROR,
			"Tệp không phải UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI). Mở bằng Excel, chọn Lưu thành \"CSV UTF-8 (Comma delimited)\" rồi gửi lại",
			"The file is not UTF-8 (probably Windows-1258, TCVN3 or VNI). Open it in Excel, Save As \"CSV UTF-8 (Comma delimited)\" and send it again"),
	RECORD_TOO_LONG(Severity.ERROR,
			"Một dòng dài quá %s ký tự (có thể do dấu ngoặc kép không đóng hoặc ô quá lớn); không đọc tiếp được",
			"A record is longer than %s characters (an unclosed quote, or a huge field); reading stops there"),
	NOT_A_FILE(Severity.ERROR,
			"Không nhận liên kết (symbolic link) hay tệp đặc biệt: hãy đặt chính tệp CSV hoặc .xlsx vào thư mục",
			"Symbolic links and special files are not accepted: put the CSV or .xlsx file itself in the inbox"),
	CSV_MALFORMED(Severity.ERROR, "Tệp CSV bị lỗi cấu trúc: %s", "Malformed CSV: %s"),
	XLS_LEGACY(Severity.ERROR,
			"Tệp Excel 97-2003 (.xls) hoặc tệp Excel có đặt mật khẩu không được nhận: mở bằng Excel, bỏ mật khẩu nếu có, chọn Lưu thành \"Excel Workbook (.xlsx)\" rồi gửi lại",
			"Excel 97-2003 workbooks (.xls) and password-protected workbooks are not accepted: open it in Excel, remove any password, Save As \"Excel Workbook (.xlsx)\" and send it again"),
	XLSX_MACROS(Severity.ERROR,
			"Tệp Excel có macro (.xlsm, %s) không được nhận: chọn Lưu thành \"Excel Workbook (.xlsx)\" (không có macro) rồi gửi lại",
			"Macro-enabled workbooks (.xlsm, %s) are not accepted: Save As \"Excel Workbook (.xlsx)\" (without macros) and send it again"),
	XLSX_ZIP_BOMB(Severity.ERROR,
			"Tệp .xlsx bị từ chối: phần %s khi giải nén vượt giới hạn an toàn (nén hơn %s lần hoặc lớn hơn %s MB), có thể là tệp nén độc hại (zip bomb)",
			"The workbook is refused: its part %s expands beyond the safe limits (compressed over %s times, or over %s MB), the mark of a zip bomb"),
	XLSX_TOO_LARGE(Severity.ERROR, "Tệp .xlsx lớn hơn %s MB: một báo cáo tháng chỉ vài chục KB",
			"The workbook is larger than %s MB: a month's report is a few dozen KB"),
	XLSX_TEXT_TOO_LARGE(Severity.ERROR,
			"Phần chữ của tệp .xlsx (%s) lớn hơn %s MB khi giải nén: một báo cáo tháng chỉ vài trăm KB",
			"The workbook's text (%s) is over %s MB unpacked: a month's report holds a few hundred KB"),
	XLSX_MALFORMED(Severity.ERROR, "Không đọc được tệp .xlsx (%s): lưu lại bằng Excel dạng \"Excel Workbook (.xlsx)\"",
			"The workbook cannot be read (%s): save it again in Excel as \"Excel Workbook (.xlsx)\""),
	XLSX_FORMULA(Severity.WARNING, "Ô %s chứa công thức: đã dùng giá trị Excel tính sẵn \"%s\"; hãy kiểm tra lại",
			"Cell %s holds a formula: the value Excel computed, \"%s\", is used; check it"),
	FIELD_COUNT(Severity.ERROR, "Dòng có %s cột, tiêu đề có %s cột", "The record has %s fields, the header has %s"),
	HEADER_MISSING_COLUMN(Severity.ERROR, "Thiếu cột bắt buộc \"%s\" trong dòng tiêu đề",
			"Required column \"%s\" is missing from the header"),
	HEADER_DUPLICATE_COLUMN(Severity.ERROR, "Cột \"%s\" xuất hiện hai lần trong dòng tiêu đề",
			"Column \"%s\" appears twice in the header"),
	HEADER_UNKNOWN_COLUMN(Severity.WARNING, "Cột \"%s\" không thuộc mẫu báo cáo và bị bỏ qua",
			"Column \"%s\" is not part of the format and is ignored"),
	NO_DATA(Severity.ERROR, "Tệp chỉ có dòng tiêu đề, không có số liệu", "The file has a header but no data rows"),
	UNIT_UNKNOWN(Severity.ERROR, "Mã đơn vị %s không có trong danh mục", "Unit code %s is not in the catalogue"),
	UNIT_NOT_VALID(Severity.ERROR, "Đơn vị %s không tồn tại trong tháng %s", "Unit %s did not exist in %s"),
	UNIT_ENDED(Severity.ERROR, "Đơn vị %s không còn tồn tại trong tháng %s: đơn vị có hiệu lực khi đó là %s",
			"Unit %s no longer existed in %s: the unit valid then is %s"),
	UNIT_NOT_YET(Severity.ERROR, "Đơn vị %s chưa tồn tại trong tháng %s: đơn vị có hiệu lực khi đó là %s",
			"Unit %s did not exist yet in %s: the unit valid then is %s"),
	UNIT_MISMATCH(Severity.ERROR, "Mã đơn vị %s khác với mã trong tên tệp (%s)",
			"Unit code %s differs from the one in the file name (%s)"),
	PERIOD_FORMAT(Severity.ERROR, "Kỳ báo cáo \"%s\" phải có dạng YYYY-MM", "Period \"%s\" must be written YYYY-MM"),
	PERIOD_FUTURE(Severity.ERROR, "Kỳ báo cáo %s nằm trong tương lai", "Period %s is in the future"),
	PERIOD_OUT_OF_RANGE(Severity.ERROR, "Kỳ báo cáo %s nằm ngoài các tháng hệ thống lưu trữ (%s đến %s)",
			"Period %s is outside the months the warehouse covers (%s to %s)"),
	PERIOD_NOT_OVER(Severity.WARNING, "Tháng %s chưa kết thúc: số liệu có thể chưa đủ",
			"Month %s is not over yet: the figures may be incomplete"),
	PERIOD_MISMATCH(Severity.ERROR, "Kỳ báo cáo %s khác với kỳ trong tên tệp (%s)",
			"Period %s differs from the one in the file name (%s)"),
	INDICATOR_UNKNOWN(Severity.ERROR, "Chỉ tiêu \"%s\" không có trong danh mục",
			"Indicator \"%s\" is not in the catalogue"),
	INDICATOR_NEEDS_VILLAGE(Severity.ERROR, "Chỉ tiêu %s phải ghi theo từng thôn, tổ dân phố: thiếu village_code",
			"Indicator %s is reported per village: village_code is missing"),
	INDICATOR_NO_VILLAGE(Severity.ERROR, "Chỉ tiêu %s ghi cho cả đơn vị: village_code phải để trống",
			"Indicator %s is reported for the whole unit: village_code must be empty"),
	VILLAGE_UNKNOWN(Severity.ERROR, "Thôn, tổ dân phố %s không thuộc đơn vị %s trong tháng %s",
			"Village %s does not belong to unit %s in %s"),
	VALUE_MISSING(Severity.ERROR, "Thiếu giá trị", "The value is missing"),
	VALUE_NOT_INTEGER(Severity.ERROR, "Giá trị \"%s\" không phải số nguyên", "Value \"%s\" is not a whole number"),
	VALUE_NEGATIVE(Severity.ERROR, "Giá trị %s âm: số đếm không được âm",
			"Value %s is negative: counts cannot be negative"),
	VALUE_TOO_LARGE(Severity.ERROR, "Giá trị %s quá lớn", "Value %s is too large"),
	VALUE_ABOVE_BOUND(Severity.ERROR,
			"Giá trị %s vượt quá %s, mức tối đa có thể có trong một tháng của chỉ tiêu %s: hãy kiểm tra lại",
			"Value %s is above %s, the most one month can plausibly hold for %s: check it"),
	VALUE_NOT_FLAG(Severity.ERROR, "Chỉ tiêu %s chỉ nhận 0 hoặc 1, không nhận %s", "Indicator %s takes 0 or 1, not %s"),
	VALUE_DECIMAL_NOTATION(Severity.WARNING, "Giá trị \"%s\" được ghi dạng số thập phân; đã hiểu là %s",
			"Value \"%s\" is written as a decimal; read as %s"),
	CONTROL_CHARACTER(Severity.ERROR, "Ô chứa ký tự điều khiển không hợp lệ (NUL)",
			"The cell holds an invalid control character (NUL)"),
	FIELD_TOO_LONG(Severity.ERROR, "Ô dài %s ký tự, tối đa %s",
			"The cell is %s characters long, at most %s are allowed"),
	DUPLICATE_ROW(Severity.ERROR, "Trùng với dòng %s (cùng thôn, tổ dân phố và chỉ tiêu)",
			"Duplicates line %s (same village and indicator)"),
	INCOMPLETE(Severity.ERROR, "Thiếu số liệu: chỉ tiêu %s%s", "Missing data: indicator %s%s"),
	CASUALTIES_WITHOUT_ACCIDENT(Severity.ERROR, "Có %s = %s nhưng số vụ tai nạn giao thông bằng 0",
			"%s is %s while traffic_accidents is 0"),
	DUPLICATE_OF_SUPERSEDED(Severity.WARNING,
			"Trùng với phiên bản %s (lần gửi %s) đã được thay bằng phiên bản hiện hành %s (lần gửi %s), nên không nạp lại; muốn khôi phục phiên bản cũ, quản trị viên dùng lệnh restore --submission %s",
			"The same bytes as version %s (submission %s), superseded by the current version %s (submission %s), so not loaded again; to restore the earlier version an admin runs restore --submission %s"),
	PUBLISHED_PERIOD(Severity.WARNING,
			"Kỳ %s thuộc số liệu đã công bố (đợt công bố số %s: đơn vị %s, năm %s, ngày %s, người công bố %s): bản này làm thay đổi số liệu đã công bố",
			"Period %s is part of published figures (publication %s: unit %s, year %s, published %s by %s): this file changes them"),
	PUBLISHED_PERIOD_HELD(Severity.WARNING,
			"Kỳ %s thuộc số liệu đã công bố (đợt công bố số %s: đơn vị %s, năm %s, ngày %s, người công bố %s): bản này chờ quản trị viên phê duyệt",
			"Period %s is part of published figures (publication %s: unit %s, year %s, published %s by %s): this file waits for an admin's approval"),
	OUTLIER_COUNT(Severity.WARNING,
			"Giá trị %s bất thường so với lịch sử của đơn vị: dự kiến từ %s đến %s (trung bình %s, %s; %s tháng: %s); xác suất đuôi %s",
			"Value %s is unusual for this unit: expected %s to %s (mean %s, %s; %s months: %s); tail probability %s"),
	OUTLIER_COPIED_FILE(Severity.WARNING,
			"Mọi giá trị (%s dòng) giống hệt báo cáo tháng %s: có thể gửi nhầm tệp tháng trước; xác suất lặp lại ngẫu nhiên %s theo lịch sử %s tháng",
			"Every value (%s rows) is exactly the same as in the report for %s: possibly last month's file sent again; chance of such a repeat %s on %s months of history"),
	OUTLIER_FLIP_FLOP(Severity.WARNING,
			"%s của %s đổi qua lại từng tháng: %s (các tháng %s); dự kiến ổn định trong %s tháng",
			"%s of %s switches back and forth month to month: %s (months %s); expected to be steady over %s months"),
	OUTLIER_CROSS_LEVEL(Severity.WARNING,
			"Tổng %s của đơn vị tăng lên %s trong khi tháng %s mọi thôn, tổ dân phố đều báo 0; dự kiến từ %s đến %s (trung bình %s, %s; %s tháng: %s); xác suất đuôi %s",
			"The unit's total %s jumps to %s while every village reported 0 in %s; expected %s to %s (mean %s, %s; %s months: %s); tail probability %s"),
	// a note closing a list cut short, not a finding of its own: its severity counts
	// nowhere
	TOO_MANY_FINDINGS(Severity.WARNING,
			"... và %s phát hiện khác cùng loại (%s): chỉ lưu và hiển thị %s phát hiện đầu tiên",
			"... and %s more findings of the same kinds (%s): only the first %s are kept and shown");

	private final Severity severity;

	private final String vi;

	private final String en;

	Rule(Severity severity, String vi, String en) {
		this.severity = severity;
		this.vi = vi;
		this.en = en;
	}

	public Severity severity() {
		return this.severity;
	}

	String messageVi(Object... args) {
		return String.format(this.vi, args);
	}

	String messageEn(Object... args) {
		return String.format(this.en, args);
	}

}
