package org.safetystats.bench;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.reform.ReformFixture;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.warehouse.WarehouseJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's yardstick, the contract's tables written by hand, gives the warehouse's
 * rows across the 2025 reform (a full merge, a partial split placed by villages, a code
 * reused, a ward's village figures), and its comparison sees a changed value.
 */
class HandWrittenWarehouseIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	ReferenceCatalogLoader catalogue;

	@Autowired
	SafetystatsProperties properties;

	@Test
	void theTablesWrittenByHandAreTheWarehousesAndAChangedValueIsSeen() throws Exception {
		ReformFixture files = new ReformFixture(this.catalogue.load(), inbox());
		for (String ward : new String[] { "14320", "14323", "14329", "14332" }) {
			files.submit(ward, YearMonth.of(2025, 1), YearMonth.of(2025, 6), 3);
		}
		files.submit("14527", YearMonth.of(2025, 1), YearMonth.of(2025, 6), 1);
		for (int month = 1; month <= 6; month++) {
			files.submit("13324", YearMonth.of(2025, month), 10, (month == 2) ? Map.of("13324-08", 1L) : Map.of());
		}
		files.submit("14329", YearMonth.of(2025, 7), YearMonth.of(2025, 10), 30);
		files.submit("13324", YearMonth.of(2025, 7), YearMonth.of(2025, 10), 5);
		files.submit("14329", YearMonth.of(2026, 1), YearMonth.of(2026, 3), 40);
		files.submit("13330", YearMonth.of(2026, 1), YearMonth.of(2026, 3), 2);
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		LocalDate asOf = this.jdbc.sql("SELECT warehouse.as_of()").query(LocalDate.class).single();
		try {
			HandWrittenWarehouse.run(this.jdbc, asOf, this.properties.dueDayOfMonth());
			assertThat(count("SELECT count(*) FROM bench_hand.agg_indicator_month_as_now")).isPositive();
			assertThat(count("SELECT count(*) FROM bench_hand.village_year WHERE months_reported > 0")).isPositive();
			assertThat(HandWrittenWarehouse.disagreements(this.jdbc)).hasSize(11).allSatisfy((table, rows) -> {
				assertThat(rows).as(table).isZero();
			});
			this.jdbc.sql("""
					UPDATE bench_hand.agg_indicator_year SET value = value + 1
					WHERE unit_code = '14329' AND level = 'commune' AND indicator = 'traffic_accidents' AND year = 2026
					""").update();
			assertThat(HandWrittenWarehouse.disagreements(this.jdbc)).containsEntry("agg_indicator_year", 2L)
				.containsEntry("agg_indicator_month", 0L);
		}
		finally {
			HandWrittenWarehouse.drop(this.jdbc);
		}
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
