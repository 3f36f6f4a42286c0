package org.safetystats.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@code warehouse.as_now_year} and {@code indicator_yoy_as_now} should hold,
 * computed in plain Java from the files the test sent and the catalogue as loaded
 * ({@code ref.unit}, {@code ref.unit_lineage}, {@code ref.indicator}), following the
 * rules of docs/warehouse.md rather than the SQL: each commune version is carried to the
 * units valid on the as-of date along its lineage (a full edge whole, a partial edge by
 * the admin's weight, else by the share of the old unit's villages that went to the
 * successor, else equally); each village follows itself to the ward it belongs to on the
 * as-of date; sums add every month of the year, end-of-period indicators take, for each
 * version valid in the unit's last month owed or reported, the last month it reported;
 * {@code estimated} where a weight below 1 entered; bounds count a split version's share
 * as 0 (low) or whole (high) in a ward, exact in a province that holds all its
 * successors.
 */
final class AsNowModel {

	/** A version of a unit in the catalogue. */
	record Version(String code, String level, @Nullable String parent, LocalDate from, LocalDate to) {

		boolean validOn(LocalDate day) {
			return !day.isBefore(this.from) && day.isBefore(this.to);
		}

	}

	record Edge(Version from, Version to, LocalDate changedOn, boolean partial, @Nullable BigDecimal weight) {

	}

	/** The share of a version's unit-level counts that a unit valid today takes. */
	record Share(BigDecimal weight, boolean partial) {

	}

	/**
	 * One file's values: unit-level values, and per village code crime, addicts, camera.
	 */
	record Values(Map<String, Long> unit, Map<String, long[]> villages) {

	}

	record UnitMonth(String unit, YearMonth period) {

	}

	/** One row of as_now_year as the model sees it. */
	record Year(int year, String unit, String level, String indicator, @Nullable BigDecimal value, boolean complete,
			boolean estimated, long monthsComplete, @Nullable BigDecimal low, @Nullable BigDecimal high) {

		String row() {
			return String.join("|", Integer.toString(this.year), this.unit, this.level, this.indicator,
					text(this.value), Boolean.toString(this.complete), Boolean.toString(this.estimated),
					Long.toString(this.monthsComplete), text(this.low), text(this.high));
		}

	}

	static final List<String> VILLAGE_INDICATORS = List.of("crime_cases", "new_drug_addicts", "camera_model");

	private final Map<String, List<Version>> versions = new HashMap<>();

	private final List<Version> communes = new ArrayList<>();

	private final Map<String, List<Version>> villagesByParent = new HashMap<>();

	private final Map<Version, List<Edge>> edgesFrom = new HashMap<>();

	/** Indicator code to whether it is end of period, in the catalogue's order. */
	private final Map<String, Boolean> indicators = new LinkedHashMap<>();

	private final Map<String, Boolean> villageLevel = new HashMap<>();

	private final LocalDate asOf;

	private final int dueDay;

	private final Map<Version, Map<Version, Share>> shares = new HashMap<>();

	private final Map<String, Version> villagePlace = new HashMap<>();

	final Map<UnitMonth, Values> current = new TreeMap<>(
			Comparator.comparing(UnitMonth::unit).thenComparing(UnitMonth::period));

	private final Set<String> acceptedBytes = new HashSet<>();

	AsNowModel(JdbcClient jdbc, LocalDate asOf, int dueDay) {
		this.asOf = asOf;
		this.dueDay = dueDay;
		jdbc.sql("""
				SELECT code, level, parent_code, greatest(valid_from, DATE '1900-01-01') AS valid_from,
				       least(valid_to, DATE '9999-12-31') AS valid_to
				FROM ref.unit
				""")
			.query((rs, n) -> new Version(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
			.list()
			.forEach((v) -> {
				this.versions.computeIfAbsent(v.code(), (k) -> new ArrayList<>()).add(v);
				if (v.level().equals("commune")) {
					this.communes.add(v);
				}
				else if (v.level().equals("village")) {
					this.villagesByParent.computeIfAbsent(v.parent(), (k) -> new ArrayList<>()).add(v);
				}
			});
		jdbc.sql("""
				SELECT from_code, greatest(from_valid_from, DATE '1900-01-01'), to_code,
				       greatest(to_valid_from, DATE '1900-01-01'), changed_on, kind = 'partial', weight
				FROM ref.unit_lineage
				""")
			.query((rs, n) -> new Edge(version(rs.getString(1), rs.getObject(2, LocalDate.class)),
					version(rs.getString(3), rs.getObject(4, LocalDate.class)), rs.getObject(5, LocalDate.class),
					rs.getBoolean(6), rs.getBigDecimal(7)))
			.list()
			.forEach((e) -> this.edgesFrom.computeIfAbsent(e.from(), (k) -> new ArrayList<>()).add(e));
		jdbc.sql("SELECT code, aggregation = 'end_of_period', level = 'village' FROM ref.indicator ORDER BY sort_order")
			.query((rs, n) -> {
				this.indicators.put(rs.getString(1), rs.getBoolean(2));
				this.villageLevel.put(rs.getString(1), rs.getBoolean(3));
				return null;
			})
			.list();
	}

	private Version version(String code, LocalDate from) {
		return this.versions.get(code).stream().filter((v) -> v.from().equals(from)).findFirst().orElseThrow();
	}

	/** The commune version valid in a month, if any. */
	@Nullable Version commune(String code, YearMonth month) {
		return this.versions.getOrDefault(code, List.of())
			.stream()
			.filter((v) -> v.level().equals("commune") && v.validOn(month.atDay(1)))
			.findFirst()
			.orElse(null);
	}

	/** The villages of a commune in a month, for the files. */
	List<String> villagesOf(String code, YearMonth month) {
		return this.villagesByParent.getOrDefault(code, List.of())
			.stream()
			.filter((v) -> v.validOn(month.atDay(1)))
			.map(Version::code)
			.sorted()
			.toList();
	}

	/** One file taken by an ingest run: its outcome as the pipeline must decide it. */
	String ingest(UnitMonth month, String text, Values values, boolean valid) {
		if (!valid || commune(month.unit(), month.period()) == null) {
			return "REJECTED";
		}
		if (!this.acceptedBytes.add(text)) {
			return "DUPLICATE";
		}
		this.current.put(month, values);
		return "LOADED";
	}

	Set<Integer> years() {
		Set<Integer> years = new TreeSet<>();
		this.current.keySet().forEach((m) -> years.add(m.period().getYear()));
		return years;
	}

	// lineage

	/**
	 * The units valid on the as-of date a version went to, with the share of its
	 * unit-level counts (the product of the edge weights on each way, summed over ways).
	 */
	Map<Version, Share> shares(Version version) {
		Map<Version, Share> known = this.shares.get(version);
		if (known != null) {
			return known;
		}
		Map<Version, Share> result = new HashMap<>();
		if (version.validOn(this.asOf)) {
			result.put(version, new Share(BigDecimal.ONE, false));
		}
		else if (!version.to().isAfter(this.asOf)) {
			for (Edge edge : this.edgesFrom.getOrDefault(version, List.of())) {
				BigDecimal weight = weight(edge);
				shares(edge.to()).forEach((now, share) -> result.merge(now,
						new Share(share.weight().multiply(weight), share.partial() || edge.partial()),
						(a, b) -> new Share(a.weight().add(b.weight()), a.partial() || b.partial())));
			}
		}
		this.shares.put(version, result);
		return result;
	}

	private BigDecimal weight(Edge edge) {
		if (!edge.partial()) {
			return BigDecimal.ONE;
		}
		if (edge.weight() != null) {
			return edge.weight();
		}
		List<Edge> split = this.edgesFrom.get(edge.from()).stream().filter(Edge::partial).toList();
		long all = split.stream().mapToLong(this::villagesMoved).sum();
		if (all > 0) {
			return BigDecimal.valueOf(villagesMoved(edge)).divide(BigDecimal.valueOf(all), 6, RoundingMode.HALF_UP);
		}
		return BigDecimal.ONE.divide(BigDecimal.valueOf(split.size()), 6, RoundingMode.HALF_UP);
	}

	/**
	 * Villages of the old unit the day before the change that are the new unit's on the
	 * day.
	 */
	private long villagesMoved(Edge edge) {
		LocalDate before = edge.changedOn().minusDays(1);
		Set<String> after = new HashSet<>();
		this.villagesByParent.getOrDefault(edge.to().code(), List.of())
			.stream()
			.filter((v) -> v.validOn(edge.changedOn()))
			.forEach((v) -> after.add(v.code()));
		return this.villagesByParent.getOrDefault(edge.from().code(), List.of())
			.stream()
			.filter((v) -> v.validOn(before) && after.contains(v.code()))
			.map(Version::code)
			.distinct()
			.count();
	}

	/**
	 * The unit valid on the as-of date a village counts for: the parent of its version of
	 * that day, or for a village gone, where its last ward went (wholly: a guess among
	 * several is beyond this model).
	 */
	@Nullable Version placeOf(String village) {
		return this.villagePlace.computeIfAbsent(village, (code) -> {
			Version last = this.versions.get(code)
				.stream()
				.filter((v) -> v.level().equals("village") && !v.from().isAfter(this.asOf))
				.max(Comparator.comparing(Version::from))
				.orElse(null);
			if (last == null) {
				return null;
			}
			LocalDate day = (last.to().isAfter(this.asOf) ? this.asOf.plusDays(1) : last.to()).minusDays(1);
			Version ward = this.versions.get(last.parent())
				.stream()
				.filter((v) -> v.level().equals("commune") && v.validOn(day))
				.findFirst()
				.orElse(null);
			if (ward == null) {
				return null;
			}
			Map<Version, Share> went = shares(ward);
			if (!last.validOn(this.asOf) && went.values().stream().anyMatch(Share::partial)) {
				throw new IllegalStateException("the model places no village by a guess: " + code);
			}
			return went.entrySet()
				.stream()
				.max(Comparator.comparing((Map.Entry<Version, Share> e) -> e.getValue().weight())
					.thenComparing((e) -> e.getKey().code(), Comparator.reverseOrder()))
				.map(Map.Entry::getKey)
				.orElse(null);
		});
	}

	/** The province of a unit valid on the as-of date. */
	@Nullable String provinceOf(Version unit) {
		Version parent = valid(unit.parent());
		if (parent == null || parent.level().equals("province")) {
			return (parent != null) ? parent.code() : null;
		}
		Version grand = valid(parent.parent());
		return (grand != null) ? grand.code() : null;
	}

	private @Nullable Version valid(@Nullable String code) {
		return (code == null) ? null
				: this.versions.getOrDefault(code, List.of())
					.stream()
					.filter((v) -> v.validOn(this.asOf))
					.findFirst()
					.orElse(null);
	}

	boolean owed(YearMonth month) {
		return !month.plusMonths(1).atDay(1).plusDays(this.dueDay).isAfter(this.asOf);
	}

	// the yearly figures

	/** Every row of as_now_year for the years with data. */
	List<Year> asNowYears() {
		List<Year> rows = new ArrayList<>();
		for (int year : years()) {
			rows.addAll(asNowYear(year));
		}
		return rows;
	}

	private List<Year> asNowYear(int year) {
		// the commune versions of each month of the year, by the unit valid today they
		// went to
		Map<Version, Map<YearMonth, List<Version>>> months = new TreeMap<>(Comparator.comparing(Version::code));
		for (Version commune : this.communes) {
			for (int m = 1; m <= 12; m++) {
				YearMonth month = YearMonth.of(year, m);
				if (commune.validOn(month.atDay(1)) && parentValid(commune, month)) {
					for (Version now : shares(commune).keySet()) {
						months.computeIfAbsent(now, (k) -> new TreeMap<>())
							.computeIfAbsent(month, (k) -> new ArrayList<>())
							.add(commune);
					}
				}
			}
		}
		Map<String, Map<String, BigDecimal>> villageValues = villageValues(year);
		List<Year> rows = new ArrayList<>();
		Map<String, List<Year>> byProvince = new TreeMap<>();
		Map<String, Map<YearMonth, Boolean>> provinceMonths = new TreeMap<>();
		Map<Version, YearMonth> ends = new HashMap<>();
		for (Map.Entry<Version, Map<YearMonth, List<Version>>> unit : months.entrySet()) {
			Version now = unit.getKey();
			boolean complete = true;
			long monthsComplete = 0;
			YearMonth end = null;
			for (Map.Entry<YearMonth, List<Version>> month : unit.getValue().entrySet()) {
				boolean owed = owed(month.getKey());
				boolean allIn = month.getValue().stream().allMatch((v) -> submitted(v, month.getKey()));
				if (owed) {
					complete &= allIn;
					monthsComplete += allIn ? 1 : 0;
				}
				if (owed || month.getValue().stream().anyMatch((v) -> submitted(v, month.getKey()))) {
					end = month.getKey();
				}
				String province = provinceOf(now);
				if (province != null && owed) {
					provinceMonths.computeIfAbsent(province, (k) -> new TreeMap<>())
						.merge(month.getKey(), allIn, Boolean::logicalAnd);
				}
			}
			if (end != null) {
				ends.put(now, end);
			}
			boolean anyOwed = unit.getValue().keySet().stream().anyMatch(this::owed);
			complete &= anyOwed;
			Set<Version> versions = new HashSet<>();
			unit.getValue().values().forEach(versions::addAll);
			for (String indicator : this.indicators.keySet()) {
				Year row;
				if (this.villageLevel.get(indicator)) {
					BigDecimal value = villageValues.getOrDefault(now.code(), Map.of()).get(indicator);
					row = new Year(year, now.code(), "commune", indicator, value, complete, false, monthsComplete,
							value, value);
				}
				else {
					row = unitLevel(year, now, indicator, versions, unit.getValue(), end, complete, monthsComplete);
				}
				rows.add(row);
				String province = provinceOf(now);
				if (province != null) {
					byProvince.computeIfAbsent(province + "|" + indicator, (k) -> new ArrayList<>()).add(row);
				}
			}
		}
		byProvince.forEach((key, communes) -> {
			String province = key.split("\\|")[0];
			String indicator = key.split("\\|")[1];
			long monthsComplete = provinceMonths.getOrDefault(province, Map.of())
				.values()
				.stream()
				.filter((b) -> b)
				.count();
			BigDecimal value = sum(communes.stream().map(Year::value).toList());
			BigDecimal[] bounds = this.villageLevel.get(indicator) ? new BigDecimal[] { value, value }
					: provinceBounds(year, province, indicator, ends);
			rows.add(new Year(year, province, "province", indicator, value, communes.stream().allMatch(Year::complete),
					communes.stream().anyMatch(Year::estimated), monthsComplete, bounds[0], bounds[1]));
		});
		return rows;
	}

	private boolean parentValid(Version commune, YearMonth month) {
		return commune.parent() != null && this.versions.getOrDefault(commune.parent(), List.of())
			.stream()
			.anyMatch((p) -> p.validOn(month.atDay(1)));
	}

	private boolean submitted(Version commune, YearMonth month) {
		return this.current.containsKey(new UnitMonth(commune.code(), month));
	}

	/**
	 * A version's unit-level count for the year, whole: every month summed, or for an
	 * end-of-period indicator the last month it reported, if it was valid in the unit's
	 * last month; null when nothing counts.
	 */
	private @Nullable BigDecimal whole(Version version, String indicator, int year, @Nullable YearMonth end) {
		Long sum = null;
		YearMonth last = null;
		for (int m = 1; m <= 12; m++) {
			YearMonth month = YearMonth.of(year, m);
			Values values = version.validOn(month.atDay(1)) ? this.current.get(new UnitMonth(version.code(), month))
					: null;
			if (values != null && values.unit().containsKey(indicator)) {
				long value = values.unit().get(indicator);
				sum = (sum == null || this.indicators.get(indicator)) ? value : sum + value;
				last = month;
			}
		}
		if (this.indicators.get(indicator)) {
			boolean validAtEnd = end != null && version.validOn(end.atDay(1));
			return (validAtEnd && last != null) ? BigDecimal.valueOf(sum) : null;
		}
		return (sum != null) ? BigDecimal.valueOf(sum) : null;
	}

	private Year unitLevel(int year, Version now, String indicator, Set<Version> versions,
			Map<YearMonth, List<Version>> months, @Nullable YearMonth end, boolean complete, long monthsComplete) {
		List<BigDecimal> values = new ArrayList<>();
		List<BigDecimal> lows = new ArrayList<>();
		List<BigDecimal> highs = new ArrayList<>();
		boolean estimated = false;
		for (Version version : versions) {
			BigDecimal whole = whole(version, indicator, year, end);
			if (whole == null) {
				continue;
			}
			Share share = shares(version).get(now);
			BigDecimal part = whole.multiply(share.weight());
			boolean exact = shares(version).size() == 1;
			values.add(part);
			lows.add(exact ? part : BigDecimal.ZERO);
			highs.add(exact ? part : whole);
			estimated |= share.weight().compareTo(BigDecimal.ONE) < 0;
		}
		return new Year(year, now.code(), "commune", indicator, sum(values), complete, estimated, monthsComplete,
				sum(lows), sum(highs));
	}

	/**
	 * A province's bounds of a unit-level count: each version's shares in it exact when
	 * every unit it went to lies in the province, else 0 (low) or whole (high).
	 */
	private BigDecimal[] provinceBounds(int year, String province, String indicator, Map<Version, YearMonth> ends) {
		Set<String> reporting = new HashSet<>();
		this.current.keySet()
			.stream()
			.filter((m) -> m.period().getYear() == year)
			.forEach((m) -> reporting.add(m.unit()));
		List<BigDecimal> lows = new ArrayList<>();
		List<BigDecimal> highs = new ArrayList<>();
		for (Version version : this.communes) {
			if (!reporting.contains(version.code())) {
				continue;
			}
			Map<Version, Share> went = shares(version);
			List<Version> here = went.keySet().stream().filter((n) -> province.equals(provinceOf(n))).toList();
			if (here.isEmpty()) {
				continue;
			}
			List<BigDecimal> parts = new ArrayList<>();
			BigDecimal whole = null;
			for (Version now : here) {
				BigDecimal w = whole(version, indicator, year, ends.get(now));
				if (w != null) {
					parts.add(w.multiply(went.get(now).weight()));
					whole = (whole == null || w.compareTo(whole) > 0) ? w : whole;
				}
			}
			BigDecimal share = sum(parts);
			if (share == null) {
				continue;
			}
			boolean exact = went.keySet().stream().allMatch((n) -> province.equals(provinceOf(n)));
			lows.add(exact ? share : BigDecimal.ZERO);
			highs.add(exact ? share : whole);
		}
		return new BigDecimal[] { sum(lows), sum(highs) };
	}

	/**
	 * Village-level figures of the year by the unit valid today the village counts for:
	 * sums over every month, end-of-period values of the village's last month reported.
	 */
	private Map<String, Map<String, BigDecimal>> villageValues(int year) {
		Map<String, TreeMap<YearMonth, long[]>> byVillage = new TreeMap<>();
		this.current.forEach((month, values) -> {
			if (month.period().getYear() == year) {
				values.villages()
					.forEach((village, v) -> byVillage.computeIfAbsent(village, (k) -> new TreeMap<>())
						.put(month.period(), v));
			}
		});
		Map<String, Map<String, BigDecimal>> result = new HashMap<>();
		byVillage.forEach((village, months) -> {
			Version place = placeOf(village);
			if (place == null) {
				return;
			}
			Map<String, BigDecimal> unit = result.computeIfAbsent(place.code(), (k) -> new HashMap<>());
			for (int i = 0; i < VILLAGE_INDICATORS.size(); i++) {
				String indicator = VILLAGE_INDICATORS.get(i);
				int column = i;
				long value = this.indicators.get(indicator) ? months.lastEntry().getValue()[column]
						: months.values().stream().mapToLong((v) -> v[column]).sum();
				unit.merge(indicator, BigDecimal.valueOf(value), BigDecimal::add);
			}
		});
		return result;
	}

	/**
	 * Rows of indicator_yoy_as_now:
	 * unit|level|indicator|year|value|prev|complete|estimated|low|high|prev low|prev
	 * high.
	 */
	List<String> yearOverYear(List<Year> years) {
		Map<String, Year> byKey = new HashMap<>();
		years.forEach((y) -> byKey.put(y.unit() + "|" + y.level() + "|" + y.indicator() + "|" + y.year(), y));
		List<String> rows = new ArrayList<>();
		for (Year cur : years) {
			Year prev = byKey.get(cur.unit() + "|" + cur.level() + "|" + cur.indicator() + "|" + (cur.year() - 1));
			rows.add(String.join("|", cur.unit(), cur.level(), cur.indicator(), Integer.toString(cur.year()),
					text(cur.value()), text((prev != null) ? prev.value() : null),
					Boolean.toString(cur.complete() && prev != null && prev.complete()),
					Boolean.toString(cur.estimated() || (prev != null && prev.estimated())), text(cur.low()),
					text(cur.high()), text((prev != null) ? prev.low() : null),
					text((prev != null) ? prev.high() : null)));
		}
		return rows;
	}

	private static @Nullable BigDecimal sum(List<@Nullable BigDecimal> values) {
		BigDecimal sum = null;
		for (BigDecimal value : values) {
			if (value != null) {
				sum = (sum == null) ? value : sum.add(value);
			}
		}
		return sum;
	}

	static String text(@Nullable BigDecimal value) {
		return (value == null) ? "null" : value.stripTrailingZeros().toPlainString();
	}

}
