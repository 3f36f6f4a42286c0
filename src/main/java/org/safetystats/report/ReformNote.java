package org.safetystats.report;

/**
 * The mark on figures apportioned from a split unit (as now), and whether the report
 * needs the footnote explaining it; the template says as now or as then.
 */
final class ReformNote {

	static final String ESTIMATED_MARK = " *";

	private ReformNote() {
	}

	/** The label of a figure, marked when it was apportioned from a split unit. */
	static String label(String label, boolean estimated) {
		return estimated ? label + ESTIMATED_MARK : label;
	}

	/** Whether a figure carries the mark (and the report the footnote explaining it). */
	static boolean anyEstimated(ReportData data) {
		return data.unit().estimated() || data.villages().estimated()
				|| data.indicators().values().stream().anyMatch(ReportData.Indicator::estimated);
	}

}
