package org.safetystats.report;

import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The line under the report's title saying whose figures these are: as now, the unit
 * valid today with the predecessors its history is summed over (and a mark for figures
 * apportioned from a split unit); as then, the units as they reported.
 */
final class ReformNote {

	static final String ESTIMATED_MARK = " *";

	private ReformNote() {
	}

	static void append(StringBuilder h, ReportData data, ReportText t) {
		h.append("<p class=\"note\">").append(e(t.get(data.asNow() ? "as_now" : "as_then"))).append("</p>\n");
		if (!data.asNow() || data.predecessors().isEmpty()) {
			return;
		}
		h.append("<p class=\"note\">").append(e(t.get("predecessors"))).append(": ");
		List<Map<String, Object>> predecessors = data.predecessors();
		for (int i = 0; i < predecessors.size(); i++) {
			Map<String, Object> unit = predecessors.get(i);
			h.append((i > 0) ? "; " : "")
				.append(e(unit.get("code") + " " + unit.get("name") + " (" + t.get("until", unit.get("valid_to"))
						+ (Boolean.TRUE.equals(unit.get("estimated")) ? ", " + t.get("part") : "") + ")"));
		}
		h.append("</p>\n");
	}

	/** The label of a figure, marked when it was apportioned from a split unit. */
	static String label(String label, Map<String, Object> row) {
		return Boolean.TRUE.equals(row.get("estimated")) ? label + ESTIMATED_MARK : label;
	}

	/** The footnote explaining the mark, when a figure carries it. */
	static void footnote(StringBuilder h, ReportData data, ReportText t) {
		boolean any = Boolean.TRUE.equals(data.unit().get("estimated"))
				|| Boolean.TRUE.equals(data.villages().get("estimated"))
				|| data.indicators().values().stream().anyMatch((row) -> Boolean.TRUE.equals(row.get("estimated")));
		if (any) {
			h.append("<p class=\"note\">").append(e(t.get("estimated_note"))).append("</p>\n");
		}
	}

	private static String e(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
