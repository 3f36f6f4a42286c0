package org.safetystats.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * Puts the catalogue together: the bundled national rows, less those that a row of the
 * same code and level in config/units.csv overlaps (config wins there), the config rows
 * and villages, the lineage edges (bundled crosswalk, replaced per unit version by
 * config/lineage.csv) and populations. Every ward, commune and district lies, on every
 * day it is valid, in a unit of its parent's code a level above it (a district or
 * province; a province): the warehouse counts a month under the parent valid in it, so a
 * month without one would count nowhere. (A village is checked by the submissions that
 * name it: villages.csv may list villages of communes outside the provinces loaded.)
 */
final class CatalogueAssembly {

	private static final LocalDate CENSUS_DAY = LocalDate.of(2019, 4, 1);

	/** The levels a unit's parent may have. */
	private static final Map<String, Set<String>> PARENT_LEVELS = Map.of("commune", Set.of("district", "province"),
			"district", Set.of("province"));

	final List<UnitRow> units = new ArrayList<>();

	final List<LineageEdge> lineage = new ArrayList<>();

	final List<String[]> population = new ArrayList<>();

	private final Map<String, List<UnitRow>> communes = new HashMap<>();

	/**
	 * A lineage row of config/lineage.csv, already read.
	 *
	 * @param record its record number (for messages)
	 */
	record ConfigEdge(long record, String fromCode, String toCode, LocalDate changedOn, boolean partial,
			@Nullable BigDecimal weight, @Nullable String source) {
	}

	CatalogueAssembly(NationalReference bundle, List<UnitRow> configUnits, List<UnitRow> villages,
			List<ConfigEdge> configEdges, BiFunction<Long, String, RuntimeException> lineageError,
			BiFunction<UnitRow, String, RuntimeException> parentError) {
		Map<String, List<UnitRow>> overridden = new HashMap<>();
		configUnits
			.forEach((u) -> overridden.computeIfAbsent(u.code() + "/" + u.level(), (k) -> new ArrayList<>()).add(u));
		for (UnitRow row : bundle.units) {
			this.units.addAll(clip(row, overridden.getOrDefault(row.code() + "/" + row.level(), List.of())));
		}
		this.units.addAll(configUnits);
		this.units.addAll(villages);
		this.units.stream()
			.filter((u) -> "commune".equals(u.level()))
			.forEach((u) -> this.communes.computeIfAbsent(u.code(), (k) -> new ArrayList<>()).add(u));
		checkParents(parentError);
		addLineage(bundle, configEdges, lineageError);
		addPopulation(bundle);
	}

	/**
	 * Refuses a ward, commune or district on a day of which no unit of its parent's code
	 * and a level above it is valid.
	 */
	private void checkParents(BiFunction<UnitRow, String, RuntimeException> parentError) {
		Map<String, List<UnitRow>> byCode = new HashMap<>();
		this.units.forEach((u) -> byCode.computeIfAbsent(u.code(), (k) -> new ArrayList<>()).add(u));
		for (UnitRow unit : this.units) {
			Set<String> levels = PARENT_LEVELS.get(unit.level());
			if (levels == null || unit.parentCode() == null) {
				continue;
			}
			LocalDate day = unit.validFrom();
			List<UnitRow> parents = byCode.getOrDefault(unit.parentCode(), List.of())
				.stream()
				.filter((p) -> levels.contains(p.level()))
				.sorted(Comparator.comparing(UnitRow::validFrom))
				.toList();
			for (UnitRow parent : parents) {
				if (!parent.validFrom().isAfter(day) && parent.validTo().isAfter(day)) {
					day = parent.validTo();
				}
			}
			if (day.isBefore(unit.validTo())) {
				String when = day.equals(LocalDate.MIN) ? "when " + unit.code() + " begins" : "on " + day;
				throw parentError.apply(unit,
						"no " + String.join(" or ", new TreeSet<>(levels)) + " " + unit.parentCode() + " is valid "
								+ when + ", so " + unit.level() + " " + unit.code() + "'s months would count under no "
								+ String.join(" or ", new TreeSet<>(levels)));
			}
		}
	}

	/**
	 * The bundled row, unless a config row of its code and level overlaps it: config rows
	 * are then the unit's history for those days (an admin who overrides a unit writes
	 * each version it had, as config/units.csv does for district 374).
	 */
	private static List<UnitRow> clip(UnitRow row, List<UnitRow> config) {
		for (UnitRow over : config) {
			if (over.validFrom().isBefore(row.validTo()) && row.validFrom().isBefore(over.validTo())) {
				return List.of();
			}
		}
		return List.of(row);
	}

	private void addLineage(NationalReference bundle, List<ConfigEdge> configEdges,
			BiFunction<Long, String, RuntimeException> lineageError) {
		Map<String, LineageEdge> edges = new LinkedHashMap<>();
		for (NationalReference.CrosswalkEdge edge : bundle.crosswalk) {
			UnitRow from = version(edge.oldCode(), NationalReference.REFORM.minusDays(1));
			UnitRow to = version(edge.newCode(), NationalReference.REFORM);
			if (from != null && to != null && from != to) {
				edges.put(key(from, to), new LineageEdge(from, to, NationalReference.REFORM, edge.partial(), null,
						"crosswalk of 2025-07-01, dvhcvn/20250701 (MIT)"));
			}
		}
		Set<String> replacedFrom = new HashSet<>();
		for (ConfigEdge edge : configEdges) {
			UnitRow from = version(edge.fromCode(), edge.changedOn().minusDays(1));
			UnitRow to = version(edge.toCode(), edge.changedOn());
			if (from == null || to == null) {
				throw lineageError.apply(edge.record(),
						"no ward or commune "
								+ ((from == null) ? edge.fromCode() + " valid on " + edge.changedOn().minusDays(1)
										: edge.toCode() + " valid on " + edge.changedOn()));
			}
			if (replacedFrom.add(from.code() + "/" + from.validFrom())) {
				edges.values().removeIf((e) -> e.from() == from);
			}
			edges.put(key(from, to),
					new LineageEdge(from, to, edge.changedOn(), edge.partial(), edge.weight(), edge.source()));
		}
		this.lineage.addAll(edges.values());
	}

	private void addPopulation(NationalReference bundle) {
		for (List<UnitRow> versions : this.communes.values()) {
			for (UnitRow unit : versions) {
				Long now = unit.validOn(NationalReference.REFORM) && unit.validTo().equals(LocalDate.MAX)
						? bundle.population2025.get(unit.code()) : null;
				Long census = unit.validOn(CENSUS_DAY) ? bundle.population2019.get(unit.code()) : null;
				if (now != null) {
					this.population.add(populationRow(unit, now,
							"2024 administrative figures, " + "tranngocminhhieu/vietnamadminunits (MIT)"));
				}
				else if (census != null) {
					this.population.add(populationRow(unit, census, "2019 census (GSO), hgscarlette/vn-demographic"));
				}
			}
		}
	}

	private static String[] populationRow(UnitRow unit, long people, String source) {
		return new String[] { unit.code(), UnitRow.day(unit.validFrom()), Long.toString(people), source };
	}

	private @Nullable UnitRow version(String code, LocalDate day) {
		for (UnitRow unit : this.communes.getOrDefault(code, List.of())) {
			if (unit.validOn(day)) {
				return unit;
			}
		}
		return null;
	}

	private static String key(UnitRow from, UnitRow to) {
		return from.code() + "/" + from.validFrom() + ">" + to.code() + "/" + to.validFrom();
	}

}
