package org.safetystats.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.warehouse.MonthlySeries;
import org.safetystats.warehouse.WarehouseContract.Predecessor;

/**
 * Everything the annual report shows, read from the warehouse contract by
 * {@link ReportReader}: the unit's year against the year before, its wards (for a city or
 * province) or villages (for a ward), the years so far, and the completeness behind it.
 * Figures are {@code null} when unknown.
 *
 * @param unit traffic figures of the unit and year
 * @param villages the unit's streets and villages
 * @param indicators indicator figures by indicator code
 * @param wards as a city or province: one row per ward or commune (else empty)
 * @param villageRows as a ward: one row per street or village (else empty)
 * @param years traffic and village figures of every year up to this one
 * @param completeness status to number of commune-months in the year
 * @param level commune, district or province
 * @param asNow whether history is re-aggregated onto today's units
 * @param predecessors as now: the units whose reports make up the figures
 * @param months the traffic accidents of each month of the year beside the same month a
 * year earlier, as the warehouse holds them now (publications freeze years, not months)
 * @param publication the publication whose figures the report shows, {@code null} when
 * the year is not yet published (the warehouse as it is); publications freeze the figures
 * as then, so an as-now report shows the warehouse as it is
 */
record ReportData(UnitTraffic unit, VillageSafety villages, Map<String, Indicator> indicators, List<Ward> wards,
		List<Village> villageRows, List<ChartYear> years, List<MonthlySeries.Month> months,
		Map<String, Long> completeness, String level, boolean asNow, List<Predecessor> predecessors,
		@Nullable PublishedFigures publication) {

	/** Whether the report is a ward's (its rows are villages). */
	boolean wardReport() {
		return this.level.equals("commune");
	}

	/** An indicator's figures, all unknown when the warehouse has none. */
	Indicator indicator(String code) {
		return this.indicators.getOrDefault(code, Indicator.UNKNOWN);
	}

	/**
	 * The same report with every figure the publication froze as it was published (the
	 * measure names are the column names of the views).
	 */
	ReportData asPublished(PublishedFigures p, int year, String unitCode) {
		LocalDate version = this.unit.version();
		PublishedFigures.Frozen own = p.frozen(unitCode, version);
		Map<String, Indicator> publishedIndicators = new LinkedHashMap<>();
		this.indicators.forEach((code, row) -> publishedIndicators.put(code, row.asPublished(own, code)));
		return new ReportData(this.unit.asPublished(own), this.villages.asPublished(own), publishedIndicators,
				this.wards.stream().map((w) -> w.asPublished(p.frozen(w.code(), w.version()))).toList(),
				this.villageRows.stream().map((v) -> v.asPublished(p.frozen(v.code(), v.version()))).toList(),
				this.years.stream().map((y) -> (y.year() == year) ? y.asPublished(own) : y).toList(), this.months,
				this.completeness, this.level, this.asNow, this.predecessors, p);
	}

	/** A figure of the year and of the year before. */
	record Figure(@Nullable BigDecimal value, @Nullable BigDecimal previous) {

		/** As published: {@code measure} and {@code previousMeasure} replace the two. */
		Figure asPublished(PublishedFigures.Frozen frozen, String measure, String previousMeasure) {
			return new Figure(frozen.number(measure, this.value), frozen.number(previousMeasure, this.previous));
		}

		/** As published, for a column {@code x} of a view with its {@code prev_x}. */
		Figure asPublished(PublishedFigures.Frozen frozen, String column) {
			return asPublished(frozen, column, "prev_" + column);
		}

	}

	/**
	 * The unit's traffic figures (traffic_yoy).
	 *
	 * @param version the unit version (unit_valid_from) the figures are of
	 * @param estimated whether apportioned from a split unit (as now)
	 */
	record UnitTraffic(String name, String level, LocalDate version, Figure accidents, Figure deaths, Figure injuries,
			@Nullable Boolean allThreeFell, @Nullable BigDecimal monthsComplete, boolean estimated) {

		UnitTraffic asPublished(PublishedFigures.Frozen f) {
			return new UnitTraffic(this.name, this.level, this.version, this.accidents.asPublished(f, "accidents"),
					this.deaths.asPublished(f, "deaths"), this.injuries.asPublished(f, "injuries"),
					f.flag("all_three_fell", this.allThreeFell), f.number("months_complete", this.monthsComplete),
					this.estimated);
		}

	}

	/** The unit's streets and villages (village_safety_yoy). */
	record VillageSafety(Figure crimeFreePct, Figure drugFreePct, Figure cameraGroups, @Nullable BigDecimal villages,
			@Nullable BigDecimal villagesReported, boolean estimated) {

		static final VillageSafety UNKNOWN = new VillageSafety(new Figure(null, null), new Figure(null, null),
				new Figure(null, null), null, null, false);

		VillageSafety asPublished(PublishedFigures.Frozen f) {
			return new VillageSafety(this.crimeFreePct.asPublished(f, "crime_free_pct"),
					this.drugFreePct.asPublished(f, "drug_free_pct"), this.cameraGroups.asPublished(f, "camera_groups"),
					f.number("villages", this.villages), f.number("villages_reported", this.villagesReported),
					this.estimated);
		}

	}

	/** One indicator's year (indicator_yoy); months are unknown as now. */
	record Indicator(Figure figure, @Nullable BigDecimal monthsSubmitted, @Nullable BigDecimal monthsExpected,
			boolean estimated) {

		static final Indicator UNKNOWN = new Indicator(new Figure(null, null), null, null, false);

		/**
		 * Published indicator measures: the code for its value, code.column for the rest.
		 */
		Indicator asPublished(PublishedFigures.Frozen f, String code) {
			return new Indicator(this.figure.asPublished(f, code, code + ".prev_value"),
					f.number(code + ".months_submitted", this.monthsSubmitted),
					f.number(code + ".months_expected", this.monthsExpected), this.estimated);
		}

	}

	/** A ward or commune of a city or province, with last year's traffic figures. */
	record Ward(String code, String name, @Nullable LocalDate version, Figure accidents, Figure deaths, Figure injuries,
			@Nullable BigDecimal crimeFreePct, @Nullable BigDecimal drugFreePct, @Nullable BigDecimal cameraGroups) {

		Ward asPublished(PublishedFigures.Frozen f) {
			return new Ward(this.code, this.name, this.version, this.accidents.asPublished(f, "accidents"),
					this.deaths.asPublished(f, "deaths"), this.injuries.asPublished(f, "injuries"),
					f.number("crime_free_pct", this.crimeFreePct), f.number("drug_free_pct", this.drugFreePct),
					f.number("camera_groups", this.cameraGroups));
		}

	}

	/** A street or village of a ward (village_year). */
	record Village(String code, String name, @Nullable LocalDate version, @Nullable BigDecimal crimeCases,
			@Nullable BigDecimal newDrugAddicts, @Nullable BigDecimal cameraModelEnd) {

		Village asPublished(PublishedFigures.Frozen f) {
			return new Village(this.code, this.name, this.version, f.number("crime_cases", this.crimeCases),
					f.number("new_drug_addicts", this.newDrugAddicts),
					f.number("camera_model_end", this.cameraModelEnd));
		}

	}

	/** The unit's figures of one year, for the charts. */
	record ChartYear(int year, @Nullable BigDecimal accidents, @Nullable BigDecimal deaths,
			@Nullable BigDecimal injuries, @Nullable BigDecimal crimeFreePct, @Nullable BigDecimal drugFreePct,
			@Nullable BigDecimal cameraGroups) {

		ChartYear asPublished(PublishedFigures.Frozen f) {
			return new ChartYear(this.year, f.number("accidents", this.accidents), f.number("deaths", this.deaths),
					f.number("injuries", this.injuries), f.number("crime_free_pct", this.crimeFreePct),
					f.number("drug_free_pct", this.drugFreePct), f.number("camera_groups", this.cameraGroups));
		}

	}

}
