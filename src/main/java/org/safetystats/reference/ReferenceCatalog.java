package org.safetystats.reference;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An in-memory snapshot of the reference catalogues, read only again when another
 * catalogue is loaded ({@link ReferenceCatalogLoader#snapshot()}), so that validating ten
 * thousand files costs no reference queries; read-only, shared between threads and runs.
 * A unit is valid in a month when a version of it is valid on the first day of that
 * month.
 */
public final class ReferenceCatalog {

	private final Map<String, Indicator> indicators;

	private final Map<String, List<UnitVersion>> unitsByCode = new HashMap<>();

	private final Map<String, List<UnitVersion>> villagesByParent = new HashMap<>();

	private final List<Succession> lineage;

	/**
	 * A boundary change of a ward or commune, as far as finding the unit valid in a month
	 * needs it.
	 *
	 * @param fromCode code of the unit that ended
	 * @param toCode code of a successor
	 * @param changedOn day of the change
	 */
	public record Succession(String fromCode, String toCode, LocalDate changedOn) {
	}

	public ReferenceCatalog(Collection<Indicator> indicators, Collection<UnitVersion> units,
			Collection<Succession> lineage) {
		this.lineage = List.copyOf(lineage);
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
		return Collections.unmodifiableCollection(this.indicators.values());
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

	/**
	 * For a code with no version valid in the month: the wards and communes valid then
	 * that it became (month after it ended) or that it came from (month before it began),
	 * following the lineage through every change in between; empty when none is known.
	 */
	public List<UnitVersion> validInstead(String code, YearMonth month) {
		List<UnitVersion> versions = this.unitsByCode.getOrDefault(code, List.of())
			.stream()
			.filter((unit) -> "commune".equals(unit.level()))
			.toList();
		if (versions.isEmpty() || commune(code, month) != null) {
			return List.of();
		}
		LocalDate day = month.atDay(1);
		boolean later = endedBefore(code, month);
		List<UnitVersion> found = new ArrayList<>();
		follow(code, day, later, found, 0);
		return found.stream().distinct().sorted((a, b) -> a.code().compareTo(b.code())).toList();
	}

	/** Whether every ward or commune version with this code ended before the month. */
	public boolean endedBefore(String code, YearMonth month) {
		LocalDate day = month.atDay(1);
		return this.unitsByCode.getOrDefault(code, List.of())
			.stream()
			.filter((unit) -> "commune".equals(unit.level()))
			.allMatch((unit) -> !unit.validTo().isAfter(day));
	}

	private void follow(String code, LocalDate day, boolean later, List<UnitVersion> found, int depth) {
		if (depth > 10) {
			return;
		}
		for (Succession edge : this.lineage) {
			boolean step = later ? edge.fromCode().equals(code) && !edge.changedOn().isAfter(day)
					: edge.toCode().equals(code) && edge.changedOn().isAfter(day);
			String next = later ? edge.toCode() : edge.fromCode();
			if (!step || next.equals(code)) {
				continue;
			}
			UnitVersion valid = commune(next, YearMonth.from(day));
			if (valid != null) {
				found.add(valid);
			}
			else {
				follow(next, day, later, found, depth + 1);
			}
		}
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
