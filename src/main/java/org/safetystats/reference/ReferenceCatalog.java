package org.safetystats.reference;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An in-memory snapshot of the reference catalogues, taken once per job run so that
 * validating ten thousand files costs no reference queries. A unit is valid in a month
 * when a version of it is valid on the first day of that month.
 */
public final class ReferenceCatalog {

	private final Map<String, Indicator> indicators;

	private final Map<String, List<UnitVersion>> unitsByCode = new HashMap<>();

	private final Map<String, List<UnitVersion>> villagesByParent = new HashMap<>();

	public ReferenceCatalog(Collection<Indicator> indicators, Collection<UnitVersion> units) {
		this.indicators = new LinkedHashMap<>();
		indicators.forEach((indicator) -> this.indicators.put(indicator.code(), indicator));
		for (UnitVersion unit : units) {
			if ("village".equals(unit.level())) {
				this.villagesByParent.computeIfAbsent(unit.parentCode(), (k) -> new ArrayList<>()).add(unit);
			}
			else {
				this.unitsByCode.computeIfAbsent(unit.code(), (k) -> new ArrayList<>()).add(unit);
			}
		}
	}

	public @Nullable Indicator indicator(String code) {
		return this.indicators.get(code);
	}

	public Collection<Indicator> indicators() {
		return this.indicators.values();
	}

	public boolean knowsUnit(String code) {
		return this.unitsByCode.containsKey(code);
	}

	/** The ward or commune with this code valid in the month, or {@code null}. */
	public @Nullable UnitVersion commune(String code, YearMonth month) {
		LocalDate day = month.atDay(1);
		for (UnitVersion unit : this.unitsByCode.getOrDefault(code, List.of())) {
			if ("commune".equals(unit.level()) && unit.validOn(day)) {
				return unit;
			}
		}
		return null;
	}

	/** Wards and communes under a district or province in the month, in code order. */
	public List<UnitVersion> communesOf(String parentCode, YearMonth month) {
		LocalDate day = month.atDay(1);
		return this.unitsByCode.values()
			.stream()
			.flatMap(List::stream)
			.filter((unit) -> "commune".equals(unit.level()) && parentCode.equals(unit.parentCode())
					&& unit.validOn(day))
			.sorted((a, b) -> a.code().compareTo(b.code()))
			.toList();
	}

	/** Villages of a ward or commune valid in the month, in code order. */
	public List<UnitVersion> villagesOf(String communeCode, YearMonth month) {
		LocalDate day = month.atDay(1);
		return this.villagesByParent.getOrDefault(communeCode, List.of())
			.stream()
			.filter((village) -> village.validOn(day))
			.sorted((a, b) -> a.code().compareTo(b.code()))
			.toList();
	}

}
