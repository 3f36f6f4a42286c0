package org.safetystats.warehouse;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.UsageException;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The warehouse contract as Java reads it: the year-over-year views, the same-period
 * functions and what stands behind their figures (villages, predecessors, completeness),
 * as then or as now ({@link Basis}), into records. The console, the annual report and the
 * demo read the contract here and nowhere else, so that a column of it is named once in
 * Java; analysts read the same views in SQL ({@code docs/warehouse.md}). Reads only.
 */
@Component
public class WarehouseContract {

	private static final String INDICATORS = """
			SELECT y.unit_code, y.level, y.indicator, coalesce(i.name_vi, y.indicator) AS name_vi,
			       coalesce(i.name_en, y.indicator) AS name_en, y.value, y.prev_value, y.change, y.change_pct,
			       coalesce(y.complete, false) AS complete, %2$s
			FROM warehouse.indicator_yoy%1$s y LEFT JOIN ref.indicator i ON i.code = y.indicator
			WHERE y.unit_code = :unit AND y.year = :year
			ORDER BY i.sort_order, y.indicator, unit_valid_from
			""";

	/** What only one basis has: months as then; estimated and no unit versions as now. */
	private static final String INDICATORS_THEN = "y.months_submitted, y.months_expected, false AS estimated, "
			+ "y.unit_valid_from";

	private static final String INDICATORS_NOW = "NULL::int AS months_submitted, NULL::int AS months_expected, "
			+ "y.estimated, NULL::date AS unit_valid_from";

	private static final String YEARS = """
			SELECT DISTINCT year FROM warehouse.indicator_yoy WHERE unit_code = :unit ORDER BY 1 DESC
			""";

	private static final String TRAFFIC_COLUMNS = """
			SELECT t.unit_code, t.unit_name, t.level, t.year, t.unit_valid_from, t.accidents, t.prev_accidents,
			       t.deaths, t.prev_deaths, t.injuries, t.prev_injuries, t.all_three_fell, t.months_complete,
			       %2$s AS estimated
			""";

	private static final String TRAFFIC = TRAFFIC_COLUMNS + """
			FROM warehouse.traffic_yoy%1$s t WHERE t.unit_code = :unit AND t.year = :year
			ORDER BY t.unit_valid_from DESC
			""";

	private static final String VILLAGE_SAFETY = """
			SELECT v.unit_code, v.unit_name, v.level, v.year, v.unit_valid_from, v.villages, v.villages_reported,
			       v.crime_free_pct, v.prev_crime_free_pct, v.drug_free_pct, v.prev_drug_free_pct, v.camera_groups,
			       v.prev_camera_groups, %2$s AS estimated
			FROM warehouse.village_safety_yoy%1$s v WHERE v.unit_code = :unit AND v.year = :year
			ORDER BY v.unit_valid_from DESC
			""";

	private static final String WITH_VILLAGES = TRAFFIC_COLUMNS + """
			     , v.crime_free_pct, v.drug_free_pct, v.camera_groups
			FROM warehouse.traffic_yoy%1$s t
			LEFT JOIN warehouse.village_safety_yoy%1$s v USING (unit_code, level, year, unit_valid_from)
			""";

	private static final String HISTORY = WITH_VILLAGES + """
			WHERE t.unit_code = :unit AND t.level = :level AND t.year <= :year AND t.unit_valid_from = :version
			ORDER BY t.year
			""";

	/**
	 * Each side read once for the unit's communes, then joined: as now, the planner
	 * misjudges the views' sizes and would otherwise compute the villages' side once per
	 * commune (two minutes for a province of national history instead of a second).
	 */
	private static final String COMMUNES_UNDER = """
			WITH communes AS MATERIALIZED (%3$s),
			t AS MATERIALIZED (
			    SELECT * FROM warehouse.traffic_yoy%1$s
			    WHERE level = 'commune' AND year = :year AND unit_code IN (SELECT * FROM communes)),
			v AS MATERIALIZED (
			    -- the year first, as a whole (OFFSET 0 keeps the view from being planned around the
			    -- level or the list: minutes as now)
			    SELECT * FROM (SELECT * FROM warehouse.village_safety_yoy%1$s WHERE year = :year OFFSET 0) y
			    WHERE level = 'commune' AND unit_code IN (SELECT * FROM communes))
			""" + WITH_VILLAGES.replace("warehouse.traffic_yoy%1$s t", "t")
		.replace("warehouse.village_safety_yoy%1$s v", "v") + """
				ORDER BY t.unit_code, t.unit_valid_from
				""";

	/** As then, the communes the unit's year was made of; as now, today's under it. */
	private static final String COMMUNES_THEN = """
			SELECT commune_code FROM warehouse.commune_month
			WHERE year = :year AND (district_code = :unit OR province_code = :unit)
			""";

	private static final String COMMUNES_NOW = """
			SELECT now_code FROM warehouse.unit_map WHERE now_province_code = :unit
			""";

	/** A ward's villages as then: those of its latest version in the year. */
	private static final String VILLAGES_THEN = """
			SELECT village_code, village_name, crime_cases, new_drug_addicts, camera_model_end, unit_valid_from
			FROM warehouse.village_year
			WHERE year = :year AND commune_code = :unit
			  AND unit_valid_from = (SELECT max(unit_valid_from) FROM warehouse.village_year
			                         WHERE year = :year AND commune_code = :unit)
			ORDER BY village_code
			""";

	/** A ward's villages as now: those it holds today, each summed over its communes. */
	private static final String VILLAGES_NOW = """
			SELECT y.village_code, (array_agg(y.village_name ORDER BY y.unit_valid_from DESC))[1] AS village_name,
			       sum(y.crime_cases) AS crime_cases, sum(y.new_drug_addicts) AS new_drug_addicts,
			       (array_agg(y.camera_model_end ORDER BY y.unit_valid_from DESC))[1] AS camera_model_end,
			       NULL::date AS unit_valid_from
			FROM warehouse.village_year y
			JOIN warehouse.village_as_now v ON v.village_code = y.village_code
			WHERE y.year = :year AND v.now_code = :unit
			GROUP BY y.village_code ORDER BY y.village_code
			""";

	private static final String PREDECESSORS = """
			SELECT m.unit_code, m.unit_name, m.unit_valid_to, m.estimated
			FROM warehouse.unit_as_now m
			WHERE (m.now_code = :unit OR m.now_province_code = :unit)
			  AND m.unit_valid_from < make_date(:year + 1, 1, 1) AND m.unit_valid_to > make_date(:year - 1, 1, 1)
			  AND (m.unit_code, m.unit_valid_from) IS DISTINCT FROM (m.now_code, m.now_valid_from)
			  AND EXISTS (SELECT 1 FROM warehouse.commune_month cm WHERE cm.commune_code = m.unit_code
			              AND cm.unit_valid_from = m.unit_valid_from AND cm.year BETWEEN :year - 1 AND :year)
			ORDER BY m.unit_code, m.unit_valid_from
			""";

	private static final String FORMER_UNITS = """
			SELECT DISTINCT unit_code, unit_name FROM warehouse.unit_as_now
			WHERE now_code = :unit AND unit_valid_to > :since AND unit_valid_to <= (SELECT warehouse.as_of())
			ORDER BY unit_code, unit_name
			""";

	private static final String COMPLETENESS = """
			SELECT c.status, count(*) FROM warehouse.completeness c
			JOIN warehouse.dim_period p ON p.period_text = c.period
			WHERE p.year = :year AND %s
			GROUP BY c.status
			""";

	/** As then, the unit's communes' months of the year. */
	private static final String COMPLETENESS_THEN = """
			c.unit_code IN (SELECT commune_code FROM warehouse.commune_month
			                WHERE year = :year AND (commune_code = :unit OR district_code = :unit OR province_code = :unit))
			""";

	/**
	 * As now, each predecessor's months, for the months it was the unit owing the report.
	 */
	private static final String COMPLETENESS_NOW = """
			(c.unit_code, to_date(c.period, 'YYYY-MM')) IN (
			    SELECT cm.commune_code, cm.period
			    FROM warehouse.commune_month cm
			    JOIN warehouse.unit_as_now m ON m.unit_code = cm.commune_code AND m.unit_valid_from = cm.unit_valid_from
			    WHERE cm.year BETWEEN :year - 1 AND :year AND (m.now_code = :unit OR m.now_province_code = :unit))
			""";

	private static final List<String> STATUSES = List.of("ON_TIME", "LATE", "MISSING", "REJECTED", "NOT_DUE");

	private static final String SAME_PERIOD = """
			SELECT s.unit_code, s.level, s.indicator, coalesce(i.name_vi, s.indicator) AS name_vi,
			       coalesce(i.name_en, s.indicator) AS name_en, s.value, s.prev_value, s.change, s.change_pct,
			       coalesce(s.complete, false) AS complete, %2$s
			FROM warehouse.same_period%1$s(:from, :to, :unit) s JOIN warehouse.dim_indicator i USING (indicator)
			WHERE s.unit_code = :unit AND s.level = :level
			ORDER BY i.sort_order, unit_valid_from
			""";

	private static final String SAME_PERIOD_THEN = "false AS estimated, s.unit_valid_from, s.value AS value_low, "
			+ "s.value AS value_high, s.prev_value AS prev_value_low, s.prev_value AS prev_value_high";

	private static final String SAME_PERIOD_NOW = "s.estimated, NULL::date AS unit_valid_from, s.value_low, s.value_high, "
			+ "s.prev_value_low, s.prev_value_high";

	private static final String UNIT_NAME = """
			SELECT name FROM ref.unit WHERE code = :unit ORDER BY valid_from DESC LIMIT 1
			""";

	private static final String UNKNOWN_UNIT = """
			SELECT count(*) > 0 AND count(*) FILTER (WHERE code = :unit) = 0 FROM ref.unit
			""";

	private static final String VALID_ON_AS_OF_DATE = """
			SELECT count(*) > 0 FROM warehouse.dim_unit
			WHERE unit_code = :unit AND level IN ('commune', 'province') AND (SELECT warehouse.as_of()) >= valid_from
			  AND (SELECT warehouse.as_of()) < valid_to
			""";

	/**
	 * Which units the figures are of: as then, the units as they reported, one row per
	 * unit version ({@code indicator_yoy}, {@code traffic_yoy}, {@code same_period},
	 * ...); as now, history re-aggregated onto the units valid on the warehouse's as-of
	 * date (the {@code _as_now} family, which alone says whether a figure is estimated).
	 */
	public enum Basis {

		THEN(""), NOW("_as_now");

		private final String suffix;

		Basis(String suffix) {
			this.suffix = suffix;
		}

		/** Whether a weight entered the figure of the relation's row {@code alias}. */
		private String estimated(String alias) {
			return (this == NOW) ? alias + ".estimated" : "false";
		}

	}

	/**
	 * One indicator of a unit's year against the year before ({@code indicator_yoy}).
	 *
	 * @param version the unit version (unit_valid_from); {@code null} as now
	 * @param nameVi the indicator's Vietnamese name (its code when the catalogue has
	 * none)
	 * @param nameEn its English name (its code when the catalogue has none)
	 * @param complete whether every commune-month owed in the year was submitted (false
	 * when unknown)
	 * @param monthsSubmitted commune-months accepted; {@code null} as now
	 * @param monthsExpected commune-months owed; {@code null} as now
	 * @param estimated whether an apportioning weight entered the figure (never as then)
	 */
	public record IndicatorYear(String unitCode, String level, @Nullable LocalDate version, String indicator,
			String nameVi, String nameEn, @Nullable BigDecimal value, @Nullable BigDecimal prevValue,
			@Nullable BigDecimal change, @Nullable BigDecimal changePct, boolean complete,
			@Nullable Integer monthsSubmitted, @Nullable Integer monthsExpected, boolean estimated) {

	}

	/**
	 * A unit's traffic accidents, deaths and injuries of a year against the year before
	 * ({@code traffic_yoy}).
	 *
	 * @param version the unit version (unit_valid_from)
	 * @param allThreeFell whether all three fell; {@code null} unless both years are
	 * complete
	 * @param monthsComplete months in which every ward or commune under the unit reported
	 * @param estimated whether an apportioning weight entered a figure (never as then)
	 */
	public record TrafficYear(String unitCode, String unitName, String level, int year, LocalDate version,
			@Nullable BigDecimal accidents, @Nullable BigDecimal prevAccidents, @Nullable BigDecimal deaths,
			@Nullable BigDecimal prevDeaths, @Nullable BigDecimal injuries, @Nullable BigDecimal prevInjuries,
			@Nullable Boolean allThreeFell, @Nullable Integer monthsComplete, boolean estimated) {

	}

	/**
	 * A unit's streets and villages of a year against the year before
	 * ({@code village_safety_yoy}): shares in percent of the villages that reported every
	 * month owed.
	 *
	 * @param version the unit version (unit_valid_from)
	 * @param estimated whether an apportioning weight entered a figure (never as then)
	 */
	public record VillageSafetyYear(String unitCode, String unitName, String level, int year, LocalDate version,
			@Nullable Integer villages, @Nullable Integer villagesReported, @Nullable BigDecimal crimeFreePct,
			@Nullable BigDecimal prevCrimeFreePct, @Nullable BigDecimal drugFreePct,
			@Nullable BigDecimal prevDrugFreePct, @Nullable BigDecimal cameraGroups,
			@Nullable BigDecimal prevCameraGroups, boolean estimated) {

	}

	/**
	 * A unit's year in one row: its traffic figures and its villages' shares of the same
	 * unit version.
	 */
	public record UnitYear(TrafficYear traffic, @Nullable BigDecimal crimeFreePct, @Nullable BigDecimal drugFreePct,
			@Nullable BigDecimal cameraGroups) {

	}

	/**
	 * A street or village of a ward in a year ({@code village_year}).
	 *
	 * @param version the ward's version (unit_valid_from); {@code null} as now
	 * @param cameraModelEnd 1 when it ran the security camera model at the end of the
	 * year
	 */
	public record VillageYear(String villageCode, String villageName, @Nullable LocalDate version,
			@Nullable BigDecimal crimeCases, @Nullable BigDecimal newDrugAddicts, @Nullable BigDecimal cameraModelEnd) {

	}

	/**
	 * As now, a unit whose reports make up a unit's figures ({@code unit_as_now}).
	 *
	 * @param validTo the first day it was no longer valid
	 * @param estimated whether its figures are apportioned (a split unit, in part)
	 */
	public record Predecessor(String code, String name, LocalDate validTo, boolean estimated) {

	}

	/** A unit that a unit valid today took over. */
	public record FormerUnit(String code, String name) {

	}

	/**
	 * One indicator of a window of months against the same months a year earlier
	 * ({@code same_period}).
	 *
	 * @param version the unit version (unit_valid_from); {@code null} as now
	 * @param complete whether every commune-month owed in both windows is in (false when
	 * unknown)
	 * @param estimated whether an apportioning weight entered the figure (never as then)
	 */
	public record SamePeriod(String unitCode, String level, @Nullable LocalDate version, String indicator,
			String nameVi, String nameEn, @Nullable BigDecimal value, @Nullable BigDecimal prevValue,
			@Nullable BigDecimal change, @Nullable BigDecimal changePct, boolean complete, boolean estimated,
			@Nullable BigDecimal valueLow, @Nullable BigDecimal valueHigh, @Nullable BigDecimal prevValueLow,
			@Nullable BigDecimal prevValueHigh) {

	}

	private final JdbcClient jdbc;

	public WarehouseContract(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A unit's indicators of the year, in the catalogue's order. */
	public List<IndicatorYear> indicatorYears(String unit, int year, Basis basis) {
		String columns = (basis == Basis.NOW) ? INDICATORS_NOW : INDICATORS_THEN;
		return this.jdbc.sql(INDICATORS.formatted(basis.suffix, columns))
			.param("unit", unit)
			.param("year", year)
			.query((rs, n) -> new IndicatorYear(rs.getString("unit_code"), rs.getString("level"),
					rs.getObject("unit_valid_from", LocalDate.class), rs.getString("indicator"),
					rs.getString("name_vi"), rs.getString("name_en"), rs.getBigDecimal("value"),
					rs.getBigDecimal("prev_value"), rs.getBigDecimal("change"), rs.getBigDecimal("change_pct"),
					rs.getBoolean("complete"), count(rs, "months_submitted"), count(rs, "months_expected"),
					rs.getBoolean("estimated")))
			.list();
	}

	/** The years the warehouse has for the unit as then, newest first. */
	public List<Integer> years(String unit) {
		return this.jdbc.sql(YEARS).param("unit", unit).query(Integer.class).list();
	}

	/**
	 * A unit's traffic figures of the year, the latest unit version first (as then, a
	 * code naming two units in the year gives two rows).
	 */
	public List<TrafficYear> traffic(String unit, int year, Basis basis) {
		return this.jdbc.sql(TRAFFIC.formatted(basis.suffix, basis.estimated("t")))
			.param("unit", unit)
			.param("year", year)
			.query((rs, n) -> traffic(rs))
			.list();
	}

	/** A unit's village figures of the year, the latest unit version first. */
	public List<VillageSafetyYear> villageSafety(String unit, int year, Basis basis) {
		return this.jdbc.sql(VILLAGE_SAFETY.formatted(basis.suffix, basis.estimated("v")))
			.param("unit", unit)
			.param("year", year)
			.query((rs, n) -> new VillageSafetyYear(rs.getString("unit_code"), rs.getString("unit_name"),
					rs.getString("level"), rs.getInt("year"), rs.getObject("unit_valid_from", LocalDate.class),
					count(rs, "villages"), count(rs, "villages_reported"), rs.getBigDecimal("crime_free_pct"),
					rs.getBigDecimal("prev_crime_free_pct"), rs.getBigDecimal("drug_free_pct"),
					rs.getBigDecimal("prev_drug_free_pct"), rs.getBigDecimal("camera_groups"),
					rs.getBigDecimal("prev_camera_groups"), rs.getBoolean("estimated")))
			.list();
	}

	/** A unit version's years up to the year, oldest first. */
	public List<UnitYear> history(String unit, String level, LocalDate version, int year, Basis basis) {
		return this.jdbc.sql(HISTORY.formatted(basis.suffix, basis.estimated("t")))
			.param("unit", unit)
			.param("level", level)
			.param("version", version)
			.param("year", year)
			.query((rs, n) -> unitYear(rs))
			.list();
	}

	/**
	 * The wards and communes under a city or province in the year, by code: as then,
	 * those it was made of that year, each version apart; as now, those under it today.
	 */
	public List<UnitYear> communesUnder(String unit, int year, Basis basis) {
		String communes = (basis == Basis.NOW) ? COMMUNES_NOW : COMMUNES_THEN;
		return this.jdbc.sql(COMMUNES_UNDER.formatted(basis.suffix, basis.estimated("t"), communes))
			.param("unit", unit)
			.param("year", year)
			.query((rs, n) -> unitYear(rs))
			.list();
	}

	/**
	 * A ward's streets and villages in the year, by code: as then, those of its latest
	 * version in the year; as now, those it holds today, each summed over the communes it
	 * belonged to.
	 */
	public List<VillageYear> villages(String ward, int year, Basis basis) {
		return this.jdbc.sql((basis == Basis.NOW) ? VILLAGES_NOW : VILLAGES_THEN)
			.param("unit", ward)
			.param("year", year)
			.query((rs, n) -> new VillageYear(rs.getString("village_code"), rs.getString("village_name"),
					rs.getObject("unit_valid_from", LocalDate.class), rs.getBigDecimal("crime_cases"),
					rs.getBigDecimal("new_drug_addicts"), rs.getBigDecimal("camera_model_end")))
			.list();
	}

	/**
	 * As now, the units whose reports of the year or the year before make up the figures
	 * of a unit valid today (other than itself), by code and version.
	 */
	public List<Predecessor> predecessors(String unit, int year) {
		return this.jdbc.sql(PREDECESSORS)
			.param("unit", unit)
			.param("year", year)
			.query((rs, n) -> new Predecessor(rs.getString("unit_code"), rs.getString("unit_name"),
					rs.getObject("unit_valid_to", LocalDate.class), rs.getBoolean("estimated")))
			.list();
	}

	/**
	 * The units a ward or commune valid today took over that ended after the day (and by
	 * the as-of date), by code.
	 */
	public List<FormerUnit> formerUnits(String unit, LocalDate endedAfter) {
		return this.jdbc.sql(FORMER_UNITS)
			.param("unit", unit)
			.param("since", endedAfter)
			.query((rs, n) -> new FormerUnit(rs.getString("unit_code"), rs.getString("unit_name")))
			.list();
	}

	/**
	 * Status ({@code ON_TIME}, {@code LATE}, {@code MISSING}, {@code REJECTED},
	 * {@code NOT_DUE}, in that order, each present) to the number of commune-months of
	 * the year behind the unit's figures: as then, of the communes it was made of; as
	 * now, of each predecessor for the months it was the unit owing the report.
	 */
	public Map<String, Long> completeness(String unit, int year, Basis basis) {
		Map<String, Long> counts = new LinkedHashMap<>();
		STATUSES.forEach((status) -> counts.put(status, 0L));
		this.jdbc.sql(COMPLETENESS.formatted((basis == Basis.NOW) ? COMPLETENESS_NOW : COMPLETENESS_THEN))
			.param("unit", unit)
			.param("year", year)
			.query((rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * A unit's indicators over the months {@code from..to} against the same months a year
	 * earlier, in the catalogue's order.
	 */
	public List<SamePeriod> samePeriod(YearMonth from, YearMonth to, String unit, String level, Basis basis) {
		String columns = (basis == Basis.NOW) ? SAME_PERIOD_NOW : SAME_PERIOD_THEN;
		try {
			return this.jdbc.sql(SAME_PERIOD.formatted(basis.suffix, columns))
				.param("from", from.toString())
				.param("to", to.toString())
				.param("unit", unit)
				.param("level", level)
				.query((rs, n) -> new SamePeriod(rs.getString("unit_code"), rs.getString("level"),
						rs.getObject("unit_valid_from", LocalDate.class), rs.getString("indicator"),
						rs.getString("name_vi"), rs.getString("name_en"), rs.getBigDecimal("value"),
						rs.getBigDecimal("prev_value"), rs.getBigDecimal("change"), rs.getBigDecimal("change_pct"),
						rs.getBoolean("complete"), rs.getBoolean("estimated"), rs.getBigDecimal("value_low"),
						rs.getBigDecimal("value_high"), rs.getBigDecimal("prev_value_low"),
						rs.getBigDecimal("prev_value_high")))
				.list();
		}
		catch (DataAccessException ex) {
			// a window the functions refuse (warehouse.checked_window, SQLSTATE 22023):
			// the caller's mistake, in the functions' own words
			for (Throwable t = ex; t != null; t = t.getCause()) {
				if (t instanceof SQLException sql && "22023".equals(sql.getSQLState())) {
					throw new UsageException(
							sql.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", ""));
				}
			}
			throw ex;
		}
	}

	/** The name of the unit's latest version in the reference catalogue. */
	public Optional<String> unitName(String unit) {
		return this.jdbc.sql(UNIT_NAME).param("unit", unit).query(String.class).optional();
	}

	/**
	 * Whether the reference catalogue is loaded and has no unit of the code (before the
	 * catalogue is loaded, no unit is known to be unknown).
	 */
	public boolean isUnknownUnit(String unit) {
		return this.jdbc.sql(UNKNOWN_UNIT).param("unit", unit).query(Boolean.class).single();
	}

	/**
	 * Whether the unit is a ward, commune or province valid on the warehouse's as-of
	 * date, so that its figures exist as now.
	 */
	public boolean validOnAsOfDate(String unit) {
		return this.jdbc.sql(VALID_ON_AS_OF_DATE).param("unit", unit).query(Boolean.class).single();
	}

	private static TrafficYear traffic(ResultSet rs) throws SQLException {
		return new TrafficYear(rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("level"),
				rs.getInt("year"), rs.getObject("unit_valid_from", LocalDate.class), rs.getBigDecimal("accidents"),
				rs.getBigDecimal("prev_accidents"), rs.getBigDecimal("deaths"), rs.getBigDecimal("prev_deaths"),
				rs.getBigDecimal("injuries"), rs.getBigDecimal("prev_injuries"),
				rs.getObject("all_three_fell", Boolean.class), count(rs, "months_complete"),
				rs.getBoolean("estimated"));
	}

	private static UnitYear unitYear(ResultSet rs) throws SQLException {
		return new UnitYear(traffic(rs), rs.getBigDecimal("crime_free_pct"), rs.getBigDecimal("drug_free_pct"),
				rs.getBigDecimal("camera_groups"));
	}

	/** A count, integer in one view and bigint in another. */
	private static @Nullable Integer count(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return (value != null) ? value.intValueExact() : null;
	}

}
