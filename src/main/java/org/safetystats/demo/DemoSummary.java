package org.safetystats.demo;

import java.util.List;

import org.safetystats.warehouse.WarehouseContract;
import org.safetystats.warehouse.WarehouseContract.Basis;
import org.safetystats.warehouse.WarehouseContract.IndicatorYear;
import org.safetystats.warehouse.WarehouseContract.TrafficYear;
import org.safetystats.warehouse.WarehouseContract.UnitYear;
import org.safetystats.warehouse.WarehouseContract.VillageSafetyYear;

/** The year-over-year summary the demo prints, read through the warehouse contract. */
final class DemoSummary {

	private DemoSummary() {
	}

	static String render(WarehouseContract contract, String city, int year) {
		StringBuilder out = new StringBuilder();
		TrafficYear traffic = contract.traffic(city, year, Basis.THEN).get(0);
		VillageSafetyYear villages = contract.villageSafety(city, year, Basis.THEN).get(0);
		List<IndicatorYear> indicators = contract.indicatorYears(city, year, Basis.THEN);
		IndicatorYear models = indicator(indicators, "active_security_models");
		IndicatorYear spots = indicator(indicators, "traffic_black_spots");
		out.append(String.format("%s, %d against %d%n", traffic.unitName(), year, year - 1));
		out.append(String.format("  crime-free streets and villages     %5s%%  (%s%% in %d)%n", villages.crimeFreePct(),
				villages.prevCrimeFreePct(), year - 1));
		out.append(String.format("  no new drug addict                  %5s%%  (%s%%)%n", villages.drugFreePct(),
				villages.prevDrugFreePct()));
		out.append(String.format("  residential groups with cameras     %5s   (%s)%n", villages.cameraGroups(),
				villages.prevCameraGroups()));
		out.append(String.format("  movement models in operation        %5s   (%s)%n", models.value(),
				models.prevValue()));
		out.append(
				String.format("  traffic black spots at year end     %5s   (%s)%n", spots.value(), spots.prevValue()));
		out.append(String.format("  traffic accidents, deaths, injuries %s / %s / %s  (%s / %s / %s)%s%n",
				traffic.accidents(), traffic.deaths(), traffic.injuries(), traffic.prevAccidents(),
				traffic.prevDeaths(), traffic.prevInjuries(),
				Boolean.TRUE.equals(traffic.allThreeFell()) ? ": down on all three criteria" : ""));
		out.append(String
			.format("%nWard or commune          accidents    deaths   injuries  crime-free  drug-free  cameras%n"));
		for (UnitYear ward : contract.communesUnder(city, year, Basis.THEN)) {
			TrafficYear w = ward.traffic();
			out.append(String.format("%-24.24s %4s (%3s) %4s (%3s) %4s (%3s) %9s%% %9s%% %7s%n", w.unitName(),
					w.accidents(), w.prevAccidents(), w.deaths(), w.prevDeaths(), w.injuries(), w.prevInjuries(),
					ward.crimeFreePct(), ward.drugFreePct(), ward.cameraGroups()));
		}
		return out.toString();
	}

	static String howToQuery(String url) {
		String where = url.replaceFirst("^jdbc:postgresql://", "");
		return String.format(
				"""
						Query the warehouse (docs/warehouse.md has the tables and more questions):
						  java -jar target/safetystats.jar db        # the embedded database stays up between commands; `db --stop` stops it
						  psql postgresql://postgres@%s
						  SELECT * FROM warehouse.traffic_yoy WHERE unit_code = '369';
						  SELECT unit_name, crime_free_pct, drug_free_pct FROM warehouse.village_safety_yoy WHERE year = 2019 AND level = 'commune';
						  SELECT * FROM warehouse.same_period('2019-01', '2019-09', '369');
						""",
				where);
	}

	private static IndicatorYear indicator(List<IndicatorYear> indicators, String code) {
		return indicators.stream()
			.filter((row) -> row.indicator().equals(code))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no " + code + " in the demo's warehouse"));
	}

}
