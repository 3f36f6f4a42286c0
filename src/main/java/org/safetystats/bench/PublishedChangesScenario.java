package org.safetystats.bench;

import java.util.ArrayList;
import java.util.List;

import org.safetystats.admin.AdminService;
import org.safetystats.publish.PublicationAdmin;

/**
 * {@code warehouse.published_changes} with every province's year published (issue 31's
 * target 4): a year published for each province valid at its end (the publications of an
 * earlier size of history removed first), then the whole view read with nothing rebuilt
 * since, the median of three reads; target under 1 s.
 */
final class PublishedChangesScenario {

	private final BenchContext bench;

	private final PublicationAdmin publications;

	private final int year;

	PublishedChangesScenario(BenchContext bench, PublicationAdmin publications, int year) {
		this.bench = bench;
		this.publications = publications;
		this.year = year;
	}

	/** Publishes the year of every province valid at its end. */
	void publishEveryProvince() throws Exception {
		this.bench.jdbc().sql("DELETE FROM warehouse.published_figures").update();
		this.bench.jdbc().sql("DELETE FROM warehouse.publication").update();
		List<String> provinces = this.bench.jdbc().sql("""
				SELECT code FROM ref.unit
				WHERE level = 'province' AND valid_from <= make_date(:year, 12, 31)
				  AND valid_to > make_date(:year, 12, 31)
				ORDER BY code
				""").param("year", this.year).query(String.class).list();
		long started = System.nanoTime();
		for (String province : provinces) {
			this.publications.publish(this.year, province,
					new AdminService.Request("bench", "bench: every province's year published"));
		}
		this.bench.results()
			.record("publish " + this.year + " of " + provinces.size() + " provinces", BenchResults.seconds(started),
					"s", "", "", "");
	}

	/** Reads the whole view. */
	void measure() {
		List<Double> times = new ArrayList<>();
		long rows = 0;
		for (int read = 0; read < 3; read++) {
			long started = System.nanoTime();
			rows = this.bench.jdbc().sql("SELECT count(*) FROM warehouse.published_changes").query(Long.class).single();
			times.add(BenchResults.seconds(started));
		}
		double median = BenchResults.median(times);
		this.bench.results()
			.record("read warehouse.published_changes, every province's " + this.year
					+ " published, nothing rebuilt since", median, "s", rows + " rows", "",
					(median < 1) ? "met" : "missed");
	}

}
