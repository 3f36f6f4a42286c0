package org.safetystats.report;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.safetystats.report.ReportData.Figure;
import org.safetystats.report.ReportData.Indicator;
import org.safetystats.report.ReportData.UnitTraffic;
import org.safetystats.report.ReportData.VillageSafety;
import org.safetystats.warehouse.WarehouseContract.Predecessor;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The annual report as one XHTML page (which the PDF renderer reads too), from the
 * template {@code templates/report/annual.html}: this class fills its model with the
 * figures written in the report's language; the template lays them out (headline figures
 * against last year, a table per ward or village, charts, the completeness of the data).
 */
final class ReportPage {

	static final String TEMPLATE = "report/annual";

	private final ITemplateEngine engine;

	private final ReportText t;

	private final Clock clock;

	ReportPage(ITemplateEngine engine, ReportText text, Clock clock) {
		this.engine = engine;
		this.t = text;
		this.clock = clock;
	}

	String html(int year, ReportData data) {
		ReportText t = this.t;
		Context model = new Context(t.locale());
		model.setVariable("lang", t.lang());
		model.setVariable("w", t.words());
		model.setVariable("year", year);
		model.setVariable("unitName", data.unit().name());
		model.setVariable("title", t.get("title", year));
		model.setVariable("publication", PublishedFigures.note(data.publication(), t, this.clock.getZone()));
		model.setVariable("asNow", data.asNow());
		model.setVariable("predecessors", predecessors(data));
		model.setVariable("headline", headline(data));
		model.setVariable("allThreeFell", Boolean.TRUE.equals(data.unit().allThreeFell()));
		VillageSafety v = data.villages();
		model.setVariable("villagesNote", t.get("villages_note", t.count(v.villagesReported()), t.count(v.villages())));
		model.setVariable("estimated", ReformNote.anyEstimated(data));
		model.setVariable("wardReport", data.wardReport());
		ReportTable table = new ReportTable(t, data);
		model.setVariable("childHeaders", table.headers());
		model.setVariable("children", table.rows());
		model.setVariable("bracketsNote", t.get("in_brackets", year - 1));
		model.setVariable("charts", new ReportCharts(t).charts(year, data));
		model.setVariable("completeness", completeness(data));
		model.setVariable("source", t.get("source", LocalDate.now(this.clock)));
		return this.engine.process(TEMPLATE, model);
	}

	/** A line of the headline table. */
	record Row(String label, String value, String previous, String change) {
	}

	private List<Row> headline(ReportData d) {
		VillageSafety v = d.villages();
		UnitTraffic u = d.unit();
		Indicator models = d.indicator("active_security_models");
		Indicator blackSpots = d.indicator("traffic_black_spots");
		return List.of(row(this.t.get("crime_free"), v.crimeFreePct(), this.t::percent, true),
				row(this.t.get("drug_free"), v.drugFreePct(), this.t::percent, true),
				row(this.t.get("cameras"), v.cameraGroups(), this.t::count, false),
				row(ReformNote.label(this.t.get("models"), models.estimated()), models.figure(), this.t::count, false),
				row(ReformNote.label(this.t.get("black_spots"), blackSpots.estimated()), blackSpots.figure(),
						this.t::count, false),
				row(ReformNote.label(this.t.get("accidents"), u.estimated()), u.accidents(), this.t::count, false),
				row(ReformNote.label(this.t.get("deaths"), u.estimated()), u.deaths(), this.t::count, false),
				row(ReformNote.label(this.t.get("injuries"), u.estimated()), u.injuries(), this.t::count, false));
	}

	private Row row(String label, Figure figure, Function<@Nullable BigDecimal, String> format, boolean points) {
		return new Row(label, format.apply(figure.value()), format.apply(figure.previous()),
				this.t.change(figure.value(), figure.previous(), points));
	}

	/** As now: the line naming the predecessors; {@code null} when there is none. */
	private @Nullable String predecessors(ReportData data) {
		if (!data.asNow() || data.predecessors().isEmpty()) {
			return null;
		}
		StringBuilder line = new StringBuilder(this.t.get("predecessors")).append(": ");
		List<Predecessor> predecessors = data.predecessors();
		for (int i = 0; i < predecessors.size(); i++) {
			Predecessor unit = predecessors.get(i);
			line.append((i > 0) ? "; " : "")
				.append(unit.code() + " " + unit.name() + " (" + this.t.get("until", unit.validTo())
						+ (unit.estimated() ? ", " + this.t.get("part") : "") + ")");
		}
		return line.toString();
	}

	/**
	 * How many monthly reports the figures rest on: as then, the year's commune-months
	 * submitted of those owed; as now (the year views keep no such count), the
	 * predecessors' months the statuses below count, in (on time or late) of owed.
	 */
	private String completeness(ReportData d) {
		Indicator accidents = d.indicator("traffic_accidents");
		ReportText t = this.t;
		Map<String, Long> status = d.completeness();
		long in = status.get("ON_TIME") + status.get("LATE");
		long owed = in + status.get("MISSING") + status.get("REJECTED");
		boolean counted = accidents.monthsExpected() != null;
		return t.get("completeness_text", t.count(counted ? accidents.monthsSubmitted() : in),
				t.count(counted ? accidents.monthsExpected() : owed), t.count(d.unit().monthsComplete()),
				t.count(status.get("ON_TIME")), t.count(status.get("LATE")), t.count(status.get("MISSING")),
				t.count(status.get("REJECTED")));
	}

}
