package org.safetystats.warehouse;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a build will rebuild: for each year, the communes to rebuild (an empty set means
 * every commune; the district and province rollups above them follow), the change-feed
 * watermark it takes in, the fingerprint of the reference catalogues it builds with, the
 * day it is built as of and the as-now maps made for that day.
 *
 * @param full whether every year and province is rebuilt
 * @param watermark highest submission change taken in
 * @param referenceHash fingerprint of ref.unit and ref.indicator
 * @param slices year to communes (empty: all)
 * @param asOf the warehouse's "today": months whose due day has passed by then are owed,
 * and the units valid then are the units "as now"
 * @param asNowMaps fingerprint of the as-now maps made for {@code asOf}, recorded with
 * each year built ({@code warehouse.as_now_built})
 */
record BuildPlan(boolean full, long watermark, String referenceHash, Map<Integer, Set<String>> slices, LocalDate asOf,
		String asNowMaps) {

	/**
	 * {@code 2018:*;2019:14320,14347}: years in order, {@code *} for every commune; what
	 * {@code warehouse.build.slices} and the log show (never read back).
	 */
	public String slicesText() {
		return this.slices.entrySet()
			.stream()
			.map((e) -> e.getKey() + ":" + (e.getValue().isEmpty() ? "*" : String.join(",", e.getValue())))
			.collect(Collectors.joining(";"));
	}

}
