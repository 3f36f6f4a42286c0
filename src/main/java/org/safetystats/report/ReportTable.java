package org.safetystats.report;

import java.util.ArrayList;
import java.util.List;

import org.safetystats.report.ReportData.Figure;
import org.safetystats.report.ReportData.Village;
import org.safetystats.report.ReportData.Ward;

/**
 * The report's table below the unit, as the template shows it: a ward's streets and
 * villages, or a city's or province's wards with last year's traffic figures.
 */
final class ReportTable {

	private final ReportText t;

	private final ReportData data;

	ReportTable(ReportText text, ReportData data) {
		this.t = text;
		this.data = data;
	}

	/** A line of the table: the ward's or village's name and its figures. */
	record Child(String name, List<String> cells) {
	}

	List<String> headers() {
		ReportText t = this.t;
		return this.data.wardReport()
				? List.of(t.get("village"), t.get("crime_cases"), t.get("new_addicts"), t.get("camera"))
				: List.of(t.get("ward"), t.get("short_accidents"), t.get("short_deaths"), t.get("short_injuries"),
						t.get("short_crime_free"), t.get("short_drug_free"), t.get("camera"));
	}

	List<Child> rows() {
		ReportText t = this.t;
		List<Child> rows = new ArrayList<>();
		for (Village village : this.data.villageRows()) {
			rows.add(new Child(village.name(), List.of(t.count(village.crimeCases()), t.count(village.newDrugAddicts()),
					t.count(village.cameraModelEnd()))));
		}
		for (Ward ward : this.data.wards()) {
			rows.add(new Child(ward.name(),
					List.of(withPrevious(ward.accidents()), withPrevious(ward.deaths()), withPrevious(ward.injuries()),
							t.percent(ward.crimeFreePct()), t.percent(ward.drugFreePct()),
							t.count(ward.cameraGroups()))));
		}
		return rows;
	}

	private String withPrevious(Figure figure) {
		return this.t.count(figure.value()) + " (" + this.t.count(figure.previous()) + ")";
	}

}
