package org.safetystats.report;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The words and number format of the report in Vietnamese (80,4%) or English (80.4%). */
final class ReportText {

	private static final Map<String, String[]> WORDS = Map.ofEntries(
			Map.entry("title",
					new String[] { "Báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm %d",
							"Whole people protect national security: results for %d" }),
			Map.entry("headline", new String[] { "Các chỉ tiêu chính", "Headline figures" }),
			Map.entry("indicator", new String[] { "Chỉ tiêu", "Indicator" }),
			Map.entry("change", new String[] { "Thay đổi", "Change" }),
			Map.entry("crime_free",
					new String[] { "Tổ dân phố, thôn không có tội phạm", "Streets and villages with no crime" }),
			Map.entry("drug_free",
					new String[] { "Tổ dân phố, thôn không phát sinh người nghiện mới",
							"Streets and villages with no new drug addict" }),
			Map.entry("cameras",
					new String[] { "Tổ dân phố có mô hình \u201cCamera an ninh\u201d (cuối năm)",
							"Residential groups running the security camera model (year end)" }),
			Map.entry("models",
					new String[] { "Mô hình phong trào toàn dân bảo vệ ANTQ đang hoạt động (cuối năm)",
							"Movement models in operation (year end)" }),
			Map.entry("black_spots",
					new String[] { "Điểm đen tai nạn giao thông (cuối năm)", "Traffic black spots (year end)" }),
			Map.entry("accidents", new String[] { "Số vụ tai nạn giao thông", "Traffic accidents" }),
			Map.entry("deaths", new String[] { "Số người chết", "Deaths" }),
			Map.entry("injuries", new String[] { "Số người bị thương", "Injuries" }),
			Map.entry("all_three_fell",
					new String[] { "Tai nạn giao thông giảm cả 3 tiêu chí: số vụ, số người chết, số người bị thương.",
							"Traffic accidents fell on all three criteria: cases, deaths and injuries." }),
			Map.entry("not_all_fell",
					new String[] { "Tai nạn giao thông không giảm trên cả 3 tiêu chí.",
							"Traffic accidents did not fall on all three criteria." }),
			Map.entry("by_ward", new String[] { "Theo phường, xã", "By ward and commune" }),
			Map.entry("by_village", new String[] { "Theo tổ dân phố, thôn", "By street and village" }),
			Map.entry("ward", new String[] { "Phường, xã", "Ward or commune" }),
			Map.entry("village", new String[] { "Tổ dân phố, thôn", "Street or village" }),
			Map.entry("crime_cases", new String[] { "Số vụ phạm tội", "Crime cases" }),
			Map.entry("new_addicts", new String[] { "Người nghiện mới", "New addicts" }),
			Map.entry("camera", new String[] { "Camera an ninh", "Security cameras" }),
			Map.entry("short_accidents", new String[] { "Số vụ TNGT", "Accidents" }),
			Map.entry("short_deaths", new String[] { "Số người chết", "Deaths" }),
			Map.entry("short_injuries", new String[] { "Số người bị thương", "Injuries" }),
			Map.entry("short_crime_free", new String[] { "Không có tội phạm", "Crime-free" }),
			Map.entry("short_drug_free", new String[] { "Không có người nghiện mới", "No new addict" }),
			Map.entry("charts", new String[] { "Biểu đồ", "Charts" }),
			Map.entry("chart_traffic", new String[] { "Tai nạn giao thông theo năm", "Traffic accidents by year" }),
			Map.entry("chart_shares",
					new String[] { "Tỷ lệ tổ dân phố, thôn không có tội phạm và không có người nghiện mới, %d",
							"Share of streets and villages with no crime and no new addict, %d" }),
			Map.entry("chart_shares_lowest", new String[] {
					"Tỷ lệ tổ dân phố, thôn không có tội phạm và không có người nghiện mới, %1$d: %2$d phường, xã có "
							+ "tỷ lệ không có tội phạm thấp nhất (trong %3$d)",
					"Share of streets and villages with no crime and no new addict, %1$d: the %2$d wards and communes "
							+ "with the lowest crime-free share (of %3$d)" }),
			Map.entry("chart_months",
					new String[] { "Số vụ tai nạn giao thông theo tháng, năm %d so với cùng kỳ năm %d",
							"Traffic accidents by month, %d against the same months of %d" }),
			Map.entry("month", new String[] { "T%d", "M%d" }),
			Map.entry("in_brackets",
					new String[] { "Số trong ngoặc: cùng kỳ năm %d.", "In brackets: the same figure for %d." }),
			Map.entry("chart_cameras",
					new String[] { "Tổ dân phố có mô hình \u201cCamera an ninh\u201d, cuối năm",
							"Residential groups with security cameras, year end" }),
			Map.entry("completeness", new String[] { "Mức độ đầy đủ của số liệu", "Completeness of the data" }),
			Map.entry("completeness_text", new String[] {
					"Số liệu dựa trên %s/%s báo cáo tháng của các phường, xã (%s tháng có đủ báo cáo của tất cả các đơn vị). "
							+ "Đúng hạn: %s, muộn: %s, thiếu: %s, bị trả lại chưa gửi lại: %s.",
					"The figures rest on %s of %s monthly reports of the wards and communes (%s months with every "
							+ "report in). On time: %s, late: %s, missing: %s, rejected and not yet corrected: %s." }),
			Map.entry("villages_note",
					new String[] { "Tỷ lệ tính trên %s/%s tổ dân phố, thôn báo cáo đủ 12 tháng.",
							"Shares are of the %s of %s streets and villages that reported all twelve months." }),
			Map.entry("as_now", new String[] {
					"Theo đơn vị hành chính hiện nay: số liệu các tháng trước khi sắp xếp được cộng từ các đơn vị tiền thân.",
					"As now: the unit as it is today; months before the reorganisation are summed over its predecessors." }),
			Map.entry("as_then",
					new String[] { "Theo đơn vị hành chính tại thời điểm báo cáo.",
							"As then: the units as they reported." }),
			Map.entry("predecessors", new String[] { "Đơn vị tiền thân", "Predecessors" }),
			Map.entry("until", new String[] { "đến %s", "until %s" }),
			Map.entry("part", new String[] { "một phần", "in part" }),
			Map.entry("estimated_note",
					new String[] { "* Ước tính: phân bổ từ đơn vị bị chia tách theo trọng số.",
							"* Estimated: apportioned from a split unit by weight." }),
			Map.entry("published",
					new String[] { "Số liệu theo đợt công bố số %s ngày %s (người công bố: %s; %s).",
							"Figures as published in publication %s of %s (by %s; %s)." }),
			Map.entry("not_published",
					new String[] { "Chưa công bố: số liệu hiện tại của kho dữ liệu.",
							"Not yet published: the warehouse's current figures." }),
			Map.entry("no_corrections",
					new String[] { "Không có sửa đổi nào sau khi công bố.", "No correction since." }),
			Map.entry("corrections",
					new String[] { "Sửa đổi sau khi công bố (đã công bố → hiện tại):",
							"Corrections since (as published → now):" }),
			Map.entry("source", new String[] { "Nguồn: kho dữ liệu safetystats, lập ngày %s.",
					"Source: the safetystats warehouse, as of %s." }));

	private final int index;

	private final Locale locale;

	ReportText(String lang) {
		this.index = "en".equals(lang) ? 1 : 0;
		this.locale = "en".equals(lang) ? Locale.UK : Locale.forLanguageTag("vi-VN");
	}

	String get(String key, Object... args) {
		String[] words = WORDS.get(key);
		if (words == null) {
			throw new IllegalArgumentException("No report text " + key);
		}
		return String.format(words[this.index], args);
	}

	/** Every text without a placeholder, by key, as the report's template reads them. */
	Map<String, String> words() {
		Map<String, String> words = new HashMap<>();
		WORDS.forEach((key, texts) -> {
			if (!texts[this.index].contains("%")) {
				words.put(key, texts[this.index]);
			}
		});
		return words;
	}

	Locale locale() {
		return this.locale;
	}

	String lang() {
		return (this.index == 1) ? "en" : "vi";
	}

	/** A whole number, or "–" when unknown. */
	String count(@Nullable Object value) {
		if (value == null) {
			return "–";
		}
		return NumberFormat.getIntegerInstance(this.locale).format(new BigDecimal(value.toString()));
	}

	/** A percentage with one decimal, as published: 80,4% (vi), 80.4% (en). */
	String percent(@Nullable Object value) {
		if (value == null) {
			return "–";
		}
		NumberFormat format = NumberFormat.getNumberInstance(this.locale);
		format.setMinimumFractionDigits(1);
		format.setMaximumFractionDigits(1);
		return format.format(new BigDecimal(value.toString())) + "%";
	}

	/** A number as written in the report (one decimal at most), or "–" when unknown. */
	String number(@Nullable Object value) {
		if (value == null) {
			return "–";
		}
		NumberFormat format = NumberFormat.getNumberInstance(this.locale);
		format.setMaximumFractionDigits(1);
		return format.format(new BigDecimal(value.toString()));
	}

	/** A signed change: +3, −7, +2,1 điểm. */
	String change(@Nullable Object current, @Nullable Object previous, boolean points) {
		if (current == null || previous == null) {
			return "–";
		}
		BigDecimal delta = new BigDecimal(current.toString()).subtract(new BigDecimal(previous.toString()));
		NumberFormat format = NumberFormat.getNumberInstance(this.locale);
		format.setMinimumFractionDigits(points ? 1 : 0);
		format.setMaximumFractionDigits(points ? 1 : 0);
		String sign = (delta.signum() > 0) ? "+" : (delta.signum() < 0) ? "−" : "±";
		return sign + format.format(delta.abs()) + (points ? ((this.index == 0) ? " điểm" : " pts") : "");
	}

}
