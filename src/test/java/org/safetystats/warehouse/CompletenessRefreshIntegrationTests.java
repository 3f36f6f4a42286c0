package org.safetystats.warehouse;

import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.TestClock;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incremental completeness refresh recomputes only the ward-months submissions touched
 * and the months the clock moves: as reports arrive, versions replace each other, files
 * are rejected and months come due, it must leave what a refresh of every month leaves.
 */
class CompletenessRefreshIntegrationTests extends IntegrationTestSupport {

	private static final List<String> CITY = List.copyOf(SubmissionFiles.VILLAGES.keySet());

	@Autowired
	JobRunner jobRunner;

	@Autowired
	CompletenessRefresher completeness;

	@Test
	void anIncrementalRefreshEqualsARefreshOfEveryMonthAsReportsArriveAndMonthsComeDue() throws Exception {
		WarehouseSnapshot.clear(this.jdbc);
		// 3 February 2019: January is not due before the end of the 5th
		at("2019-02-03T10:00:00Z");
		ingest("14320", YearMonth.of(2019, 1), 1);
		assertThat(refreshEqualsFull()).isEqualTo(rowsOf("2019-01")).isEqualTo(communesOf("2019-01"));
		assertThat(status("14323", "2019-01")).isEqualTo("NOT_DUE");
		// the 6th: January has come due, with no report of its own
		at("2019-02-06T10:00:00Z");
		assertThat(refreshEqualsFull()).isEqualTo(rowsOf("2019-01"));
		assertThat(status("14323", "2019-01")).isEqualTo("MISSING");
		// April: a second ward's January, 14320's February; March is over, due on the 5th
		at("2019-04-02T10:00:00Z");
		ingest("14323", YearMonth.of(2019, 1), 2);
		ingest("14320", YearMonth.of(2019, 2), 1);
		refreshEqualsFull();
		assertThat(status("14323", "2019-01")).isEqualTo("LATE");
		assertThat(rowsOf("2019-03")).isEqualTo(communesOf("2019-03"));
		assertThat(status("14323", "2019-03")).isEqualTo("NOT_DUE");
		// the same day: one ward's new version of January, one only ward-month recomputed
		ingest("14320", YearMonth.of(2019, 1), 5);
		assertThat(refreshEqualsFull()).isEqualTo(1);
		// a rejected file for a month with nothing accepted
		SubmissionFiles.write(inbox(), "14347", YearMonth.of(2019, 2), SubmissionFiles.values("traffic_accidents", -1),
				(village, indicator) -> 0);
		ingest();
		assertThat(refreshEqualsFull()).isEqualTo(1);
		assertThat(status("14347", "2019-02")).isEqualTo("REJECTED");
	}

	/**
	 * Refreshes, checks the result against a refresh of every month, and returns the
	 * commune-months the incremental refresh recomputed.
	 */
	private int refreshEqualsFull() {
		int recomputed = this.completeness.refresh();
		System.out.println("DEBUG " + this.jdbc.sql(
				"SELECT min(period) || ' ' || max(period) || ' ' || count(DISTINCT unit_code) FROM warehouse.completeness")
			.query(String.class)
			.single());
		List<String> incremental = rows();
		this.jdbc.sql("TRUNCATE warehouse.completeness_state").update();
		this.completeness.refresh();
		assertThat(incremental).isNotEmpty().isEqualTo(rows());
		return recomputed;
	}

	private List<String> rows() {
		return this.jdbc.sql("""
				SELECT concat_ws(' ', unit_code, unit_name, period, status, received_at, due_at, submission_id)
				FROM warehouse.completeness ORDER BY unit_code, period
				""").query(String.class).list();
	}

	private int rowsOf(String period) {
		return this.jdbc.sql("SELECT count(*) FROM warehouse.completeness WHERE period = :period")
			.param("period", period)
			.query(Integer.class)
			.single();
	}

	/** The wards and communes valid in the month: each owes it a report. */
	private int communesOf(String period) {
		return this.jdbc.sql("""
				SELECT count(*) FROM ref.unit
				WHERE level = 'commune' AND valid_from <= CAST(:first AS date) AND valid_to > CAST(:first AS date)
				""").param("first", period + "-01").query(Integer.class).single();
	}

	private String status(String unit, String period) {
		return this.jdbc.sql("SELECT status FROM warehouse.completeness WHERE unit_code = :unit AND period = :period")
			.param("unit", unit)
			.param("period", period)
			.query(String.class)
			.single();
	}

	private void ingest(String unit, YearMonth period, long accidents) throws Exception {
		assertThat(CITY).contains(unit);
		SubmissionFiles.write(inbox(), unit, period, SubmissionFiles.values("traffic_accidents", accidents),
				(village, indicator) -> 0);
		ingest();
	}

	private void ingest() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	private static void at(String instant) {
		TestClock.at(instant);
	}

}
