package org.safetystats.warehouse;

import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full build of several years builds the next year ahead on another connection while
 * the step builds its own ({@link YearsAhead}): the warehouse must be the one a build of
 * one year at a time gives, and no fresh table may be left beside the live ones (in the
 * staging schema, or in {@code warehouse} where analysts would read it).
 */
@ExtendWith(OutputCaptureExtension.class)
class YearsAheadIntegrationTests extends IntegrationTestSupport {

	private static final String FRESH_TABLES = """
			SELECT count(*) FROM pg_class
			WHERE relnamespace IN (CAST('warehouse' AS regnamespace), CAST('warehouse_staging' AS regnamespace))
			  AND relname LIKE '%\\_next'
			""";

	@Autowired
	JobRunner jobRunner;

	@Test
	void aFullBuildOfSeveralYearsEqualsABuildOfOneYearAtATime(CapturedOutput output) throws Exception {
		WarehouseSnapshot.clear(this.jdbc);
		for (int year = 2017; year <= 2020; year++) {
			long accidents = year - 2015;
			SubmissionFiles.write(inbox(), "14347", YearMonth.of(year, 3),
					SubmissionFiles.values("traffic_accidents", accidents, "active_security_models", accidents),
					(village, indicator) -> (village == 2 && indicator.equals("crime_cases")) ? accidents : 0);
			SubmissionFiles.write(inbox(), "14320", YearMonth.of(year, 11),
					SubmissionFiles.values("traffic_accidents", 2 * accidents), (village, indicator) -> 0);
		}
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// fresh tables a stopped build left behind
		this.jdbc.sql("CREATE TABLE " + FreshTables.qualified("fact_value", 2031) + " (year integer)").update();
		assertThat(this.jobRunner.run(WarehouseJob.NAME, WarehouseJob.parameters(true, null, null, null)).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		// 2017 built by the step, the later years ahead (by the thread ahead, or by the
		// step
		// while it waited for one)
		assertThat(output.getAll()).doesNotContain("Warehouse 2017 (every commune) built ahead")
			.contains("Warehouse 2018 (every commune) built ahead and swapped in")
			.contains("(every commune) built ahead and swapped in", "built ahead and swapped in");
		assertThat(this.jdbc.sql(FRESH_TABLES).query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT sum(value) FROM warehouse.fact_value WHERE indicator = 'traffic_accidents'")
			.query(Long.class)
			.single()).isEqualTo(3 * (2 + 3 + 4 + 5));
		Map<String, java.util.List<String>> ahead = WarehouseSnapshot.take(this.jdbc);
		for (int year = 2017; year <= 2020; year++) {
			assertThat(
					this.jobRunner.run(WarehouseJob.NAME, WarehouseJob.parameters(false, year, year, null)).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
		}
		assertThat(WarehouseSnapshot.difference(WarehouseSnapshot.take(this.jdbc), ahead)).isEmpty();
		assertThat(this.jdbc.sql(FRESH_TABLES).query(Integer.class).single()).isZero();
	}

}
