package org.safetystats.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.safetystats.report.ReportData.ChartYear;
import org.safetystats.report.ReportData.Figure;
import org.safetystats.report.ReportData.Indicator;
import org.safetystats.report.ReportData.UnitTraffic;
import org.safetystats.report.ReportData.Village;
import org.safetystats.report.ReportData.VillageSafety;
import org.safetystats.report.ReportData.Ward;
import org.safetystats.system.NoDataException;
import org.safetystats.system.UsageException;
import org.safetystats.warehouse.MonthlySeries;
import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.IndicatorYear;
import org.safetystats.warehouse.WarehouseContract.TrafficYear;
import org.safetystats.warehouse.WarehouseContract.UnitYear;
import org.safetystats.warehouse.WarehouseContract.VillageSafetyYear;
import org.safetystats.warehouse.WarehouseContract.VillageYear;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the annual report's figures of a unit and year through the warehouse contract
 * ({@link WarehouseContract}). As now, the figures are those of the unit valid today with
 * its predecessors' history (which alone say whether a figure is estimated); as then,
 * those of the unit as it reported (for a code naming two units in the year, the later),
 * with the latest publication's figures where the year is published.
 */
final class ReportReader {

	private final WarehouseContract contract;

	/** For the publications ({@link PublishedFigures}). */
	private final JdbcClient jdbc;

	/** The report's monthly chart ("cùng kỳ" month by month, as the console's). */
	private final MonthlySeries months;

	ReportReader(WarehouseContract contract, JdbcClient jdbc, MonthlySeries months) {
		this.contract = contract;
		this.jdbc = jdbc;
		this.months = months;
	}

	ReportData read(int year, String unitCode, boolean asNow) {
		Basis basis = asNow ? Basis.NOW : Basis.THEN;
		TrafficYear traffic = unit(year, unitCode, basis);
		UnitTraffic unit = new UnitTraffic(traffic.unitName(), traffic.level(), traffic.version(),
				new Figure(traffic.accidents(), traffic.prevAccidents()),
				new Figure(traffic.deaths(), traffic.prevDeaths()),
				new Figure(traffic.injuries(), traffic.prevInjuries()), traffic.allThreeFell(),
				decimal(traffic.monthsComplete()), traffic.estimated());
		VillageSafety villages = this.contract.villageSafety(unitCode, year, basis)
			.stream()
			.filter((v) -> v.level().equals(unit.level()) && v.version().equals(unit.version()))
			.findFirst()
			.map(ReportReader::villageSafety)
			.orElse(VillageSafety.UNKNOWN);
		List<ChartYear> years = this.contract.history(unitCode, unit.level(), unit.version(), year, basis)
			.stream()
			.map((y) -> new ChartYear(y.traffic().year(), y.traffic().accidents(), y.traffic().deaths(),
					y.traffic().injuries(), y.crimeFreePct(), y.drugFreePct(), y.cameraGroups()))
			.toList();
		boolean wardReport = unit.level().equals("commune");
		ReportData current = new ReportData(unit, villages, indicators(year, unitCode, basis, unit),
				wardReport ? List.of() : wards(year, unitCode, basis),
				wardReport ? villageRows(year, unitCode, basis) : List.of(), years,
				months(year, unitCode, unit.level(), basis), this.contract.completeness(unitCode, year, basis),
				unit.level(), asNow, asNow ? this.contract.predecessors(unitCode, year) : List.of(), null);
		PublishedFigures publication = asNow ? null : PublishedFigures.find(this.jdbc, year, unitCode, unit.version());
		return (publication != null) ? current.asPublished(publication, year, unitCode) : current;
	}

	/**
	 * The traffic accidents (the indicator the catalogue says feeds them) of each month
	 * of the year beside the same month a year earlier.
	 */
	private List<MonthlySeries.Month> months(int year, String unitCode, String level, Basis basis) {
		return this.jdbc.sql("SELECT code FROM ref.indicator WHERE feeds = 'accidents' ORDER BY code LIMIT 1")
			.query(String.class)
			.optional()
			.map((indicator) -> this.months.of(YearMonth.of(year, 1), YearMonth.of(year, 12), unitCode, level,
					indicator, basis))
			.orElse(List.of());
	}

	/** The unit's traffic figures: of its latest version in the year, as then. */
	private TrafficYear unit(int year, String unitCode, Basis basis) {
		List<TrafficYear> unit = this.contract.traffic(unitCode, year, basis);
		if (unit.isEmpty() && this.contract.isUnknownUnit(unitCode)) {
			throw new UsageException("Unit " + unitCode + " does not exist (the units are in config/units.csv)");
		}
		if (unit.isEmpty()) {
			throw new NoDataException("The warehouse has no figures for unit " + unitCode + " in " + year
					+ ((basis == Basis.NOW) ? " as now (is it a unit valid today?)" : "")
					+ ": run the nightly job (or build-warehouse) first");
		}
		return unit.get(0);
	}

	private static VillageSafety villageSafety(VillageSafetyYear v) {
		return new VillageSafety(new Figure(v.crimeFreePct(), v.prevCrimeFreePct()),
				new Figure(v.drugFreePct(), v.prevDrugFreePct()), new Figure(v.cameraGroups(), v.prevCameraGroups()),
				decimal(v.villages()), decimal(v.villagesReported()), v.estimated());
	}

	/** Of the unit version as then (as now, the indicators have no versions). */
	private Map<String, Indicator> indicators(int year, String unitCode, Basis basis, UnitTraffic unit) {
		Map<String, Indicator> indicators = new LinkedHashMap<>();
		for (IndicatorYear row : this.contract.indicatorYears(unitCode, year, basis)) {
			if (row.level().equals(unit.level()) && (row.version() == null || row.version().equals(unit.version()))) {
				indicators.put(row.indicator(), new Indicator(new Figure(row.value(), row.prevValue()),
						decimal(row.monthsSubmitted()), decimal(row.monthsExpected()), row.estimated()));
			}
		}
		return indicators;
	}

	/** A city's or province's wards and communes. */
	private List<Ward> wards(int year, String unitCode, Basis basis) {
		return this.contract.communesUnder(unitCode, year, basis).stream().map((UnitYear w) -> {
			TrafficYear t = w.traffic();
			return new Ward(t.unitCode(), t.unitName(), t.version(), new Figure(t.accidents(), t.prevAccidents()),
					new Figure(t.deaths(), t.prevDeaths()), new Figure(t.injuries(), t.prevInjuries()),
					w.crimeFreePct(), w.drugFreePct(), w.cameraGroups());
		}).toList();
	}

	/** A ward's streets and villages. */
	private List<Village> villageRows(int year, String unitCode, Basis basis) {
		return this.contract.villages(unitCode, year, basis)
			.stream()
			.map((VillageYear v) -> new Village(v.villageCode(), v.villageName(), v.version(), v.crimeCases(),
					v.newDrugAddicts(), v.cameraModelEnd()))
			.toList();
	}

	private static @Nullable BigDecimal decimal(@Nullable Integer count) {
		return (count != null) ? BigDecimal.valueOf(count) : null;
	}

}
