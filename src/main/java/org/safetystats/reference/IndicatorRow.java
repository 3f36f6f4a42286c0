package org.safetystats.reference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code config/indicators.csv}, read and checked.
 *
 * @param code code written in the indicator column of a submission
 * @param nameVi Vietnamese name
 * @param nameEn English name
 * @param domain traffic, crime, drugs or community
 * @param level unit or village
 * @param valueType count or flag
 * @param aggregation sum or end_of_period
 * @param sortOrder order in reports
 * @param maxValue bound of one month's value ({@link Indicator#DEFAULT_MAX_VALUE} when
 * the row names none)
 * @param feeds the warehouse measure it feeds ({@code ref.measure}), or none
 */
record IndicatorRow(String code, String nameVi, String nameEn, String domain, String level, String valueType,
		String aggregation, int sortOrder, long maxValue, @Nullable String feeds) {

	static final String FILE = "indicators.csv";

	/**
	 * Reads the indicators, each {@code feeds} one of the measures (code to the level of
	 * indicator that can feed it), at most one indicator per measure.
	 */
	static List<IndicatorRow> read(CatalogueFiles files, Map<String, String> measures) {
		List<IndicatorRow> rows = new ArrayList<>();
		Set<String> fed = new HashSet<>();
		for (CSVRecord row : files.records(FILE)) {
			String level = files.required(FILE, row, "level");
			String feeds = row.isMapped("feeds") ? row.get("feeds").strip() : "";
			if (!feeds.isEmpty()) {
				if (!measures.containsKey(feeds)) {
					throw files.error(FILE, row, "feeds", "\"" + feeds + "\" is not a warehouse measure; measures: "
							+ String.join(", ", new TreeSet<>(measures.keySet())));
				}
				if (!measures.get(feeds).equals(level)) {
					throw files.error(FILE, row, "feeds", "measure " + feeds + " takes a " + measures.get(feeds)
							+ "-level indicator, not a " + level + "-level one");
				}
				if (!fed.add(feeds)) {
					throw files.error(FILE, row, "feeds", "another indicator already feeds " + feeds);
				}
			}
			rows.add(new IndicatorRow(files.required(FILE, row, "code"), files.required(FILE, row, "name_vi"),
					files.required(FILE, row, "name_en"), files.required(FILE, row, "domain"), level,
					files.required(FILE, row, "value_type"), files.required(FILE, row, "aggregation"),
					sortOrder(files, row), files.maxValue(FILE, row), feeds.isEmpty() ? null : feeds));
		}
		return rows;
	}

	private static int sortOrder(CatalogueFiles files, CSVRecord row) {
		String text = files.required(FILE, row, "sort_order");
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw files.error(FILE, row, "sort_order", "must be a whole number, not \"" + text + "\"");
		}
	}

}
