package org.safetystats.report;

import java.util.List;

import org.safetystats.report.ReportData.Predecessor;

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
		h.append("<p class=\"note\">").append(Html.escape(t.get(data.asNow() ? "as_now" : "as_then"))).append("</p>\n");
		if (!data.asNow() || data.predecessors().isEmpty()) {
			return;
		}
		h.append("<p class=\"note\">").append(Html.escape(t.get("predecessors"))).append(": ");
		List<Predecessor> predecessors = data.predecessors();
		for (int i = 0; i < predecessors.size(); i++) {
			Predecessor unit = predecessors.get(i);
			h.append((i > 0) ? "; " : "")
				.append(Html.escape(unit.code() + " " + unit.name() + " (" + t.get("until", unit.validTo())
						+ (unit.estimated() ? ", " + t.get("part") : "") + ")"));
		}
		h.append("</p>\n");
	}

	/** The label of a figure, marked when it was apportioned from a split unit. */
	static String label(String label, boolean estimated) {
		return estimated ? label + ESTIMATED_MARK : label;
	}

	/** The footnote explaining the mark, when a figure carries it. */
	static void footnote(StringBuilder h, ReportData data, ReportText t) {
		boolean any = data.unit().estimated() || data.villages().estimated()
				|| data.indicators().values().stream().anyMatch(ReportData.Indicator::estimated);
		if (any) {
			h.append("<p class=\"note\">").append(Html.escape(t.get("estimated_note"))).append("</p>\n");
		}
	}

}
