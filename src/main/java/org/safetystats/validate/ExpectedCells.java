package org.safetystats.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.reference.Indicator;

/**
 * The cells a complete report of one unit and month must hold: each unit-level indicator
 * once, and each village-level indicator once for every village. Memory follows the size
 * of the unit, never the size of the file, which is what keeps duplicate and completeness
 * checks bounded for any input.
 */
final class ExpectedCells {

	private final List<Indicator> unitIndicators = new ArrayList<>();

	private final List<Indicator> villageIndicators = new ArrayList<>();

	private final Map<String, Integer> indicatorSlot = new HashMap<>();

	private final Map<String, Integer> villageSlot = new HashMap<>();

	private final List<String> villages;

	private final long[] firstLine;

	ExpectedCells(Iterable<Indicator> indicators, List<String> villages) {
		for (Indicator indicator : indicators) {
			List<Indicator> list = indicator.villageLevel() ? this.villageIndicators : this.unitIndicators;
			this.indicatorSlot.put(indicator.code(), list.size());
			list.add(indicator);
		}
		this.villages = villages;
		for (int i = 0; i < villages.size(); i++) {
			this.villageSlot.put(villages.get(i), i);
		}
		this.firstLine = new long[this.unitIndicators.size() + villages.size() * this.villageIndicators.size()];
	}

	boolean hasVillage(String villageCode) {
		return this.villageSlot.containsKey(villageCode);
	}

	/**
	 * Records a cell as seen on a line; returns the line where it was first seen, or 0
	 * when this is the first time.
	 */
	long record(@Nullable String villageCode, String indicator, long line) {
		int slot = slot(villageCode, indicator);
		long first = this.firstLine[slot];
		if (first == 0) {
			this.firstLine[slot] = line;
		}
		return first;
	}

	/** One finding per cell never seen. */
	List<Finding> missing() {
		List<Finding> findings = new ArrayList<>();
		for (Indicator indicator : this.unitIndicators) {
			if (this.firstLine[slot(null, indicator.code())] == 0) {
				findings.add(Finding.of(Rule.INCOMPLETE, null, "indicator", indicator.code(), indicator.code(), ""));
			}
		}
		for (String village : this.villages) {
			for (Indicator indicator : this.villageIndicators) {
				if (this.firstLine[slot(village, indicator.code())] == 0) {
					findings.add(Finding.of(Rule.INCOMPLETE, null, "village_code", village, indicator.code(),
							" (" + village + ")"));
				}
			}
		}
		return findings;
	}

	private int slot(@Nullable String villageCode, String indicator) {
		int indicatorIndex = this.indicatorSlot.get(indicator);
		if (villageCode == null) {
			return indicatorIndex;
		}
		return this.unitIndicators.size() + this.villageSlot.get(villageCode) * this.villageIndicators.size()
				+ indicatorIndex;
	}

}
