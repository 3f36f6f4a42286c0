package org.safetystats.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.safetystats.IntegrationTestSupport;
import org.safetystats.SubmissionFiles;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue decides which indicators the warehouse carries and which feeds which
 * measure: an indicator added to a copy of config/indicators.csv, with no code change,
 * shows in indicator_yoy and same_period, and the traffic measures follow the feeds
 * column rather than indicator codes.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CatalogueIndicatorIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	private static Path config;

	@DynamicPropertySource
	static void configWithFireIncidents(DynamicPropertyRegistry registry) throws IOException {
		config = Files.createTempDirectory("safetystats-config");
		for (String name : List.of("units.csv", "villages.csv")) {
			Files.copy(Path.of("config", name), config.resolve(name));
		}
		// fire incidents is new, and takes over "accidents" from traffic_accidents
		String indicators = Files.readString(Path.of("config", "indicators.csv"))
			.replace(",1000,accidents\n", ",1000,\n");
		Files.writeString(config.resolve("indicators.csv"), indicators
				+ "fire_incidents,Số vụ cháy,Fire incidents (cases),fire,unit,count,sum,90,1000,accidents\n");
		registry.add("safetystats.config-dir", config::toString);
	}

	@AfterAll
	static void dropConfig() {
		FileSystemUtils.deleteRecursively(config.toFile());
	}

	@Test
	void anIndicatorAddedToTheCatalogueShowsInTheWarehouseViews() throws Exception {
		// given: two years of March for one ward, with fire incidents 4 then 6
		submit(YearMonth.of(2018, 3), 10, 4);
		submit(YearMonth.of(2019, 3), 3, 6);
		// when
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// then: the new indicator is there year over year and in the same-period
		// comparison
		assertThat(this.jdbc.sql("""
				SELECT value || '/' || prev_value || '/' || change || '/' || change_pct FROM warehouse.indicator_yoy
				WHERE indicator = 'fire_incidents' AND unit_code = '14347' AND year = 2019
				""").query(String.class).single()).isEqualTo("6/4/2/50.0");
		assertThat(this.jdbc.sql("""
				SELECT value || '/' || prev_value FROM warehouse.same_period('2019-03', '2019-03')
				WHERE indicator = 'fire_incidents' AND unit_code = '14347'
				""").query(String.class).single()).isEqualTo("6/4");
		// and traffic_yoy's accidents are what the catalogue says feeds them
		assertThat(this.jdbc.sql("""
				SELECT accidents || '/' || prev_accidents FROM warehouse.traffic_yoy
				WHERE unit_code = '14347' AND year = 2019
				""").query(String.class).single()).isEqualTo("6/4");
	}

	private static void submit(YearMonth month, long accidents, long fires) throws IOException {
		Path file = SubmissionFiles.write(inbox(), "14347", month, Map.of("traffic_accidents", accidents),
				(village, indicator) -> 0);
		Files.writeString(file, "14347," + month + ",,fire_incidents," + fires + ",\n", StandardOpenOption.APPEND);
	}

}
