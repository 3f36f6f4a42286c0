package org.safetystats.reform;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.publish.Publication;
import org.safetystats.publish.PublicationAdmin;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.report.AnnualReport;
import org.safetystats.warehouse.WarehouseJob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing 2025, the year of the reform, in which code 14329 names two units (Phường
 * Vân Giang until 2025-07-01: 3 accidents a month, Phường Hoa Lư from then: 30) and
 * province 37 two versions: every version is frozen apart, and a later correction of Vân
 * Giang's March file changes the Vân Giang version only.
 */
class ReformPublicationIntegrationTests extends IntegrationTestSupport {

	@Autowired
	JobRunner jobRunner;

	@Autowired
	ReferenceCatalogLoader catalogue;

	@Autowired
	PublicationAdmin publications;

	@Autowired
	AnnualReport report;

	@Test
	void publishing2025KeepsTheUnitVersionsApartAndACorrectionChangesItsOwnVersionOnly() throws Exception {
		// given Vân Giang's and Hoa Lư's 2025 files, built
		ReformFixture files = new ReformFixture(this.catalogue.load(), inbox());
		files.submitVanGiangThenHoaLu(YearMonth.of(2025, 10));
		runAndBuild();
		// when the province publishes 2025
		Publication publication = this.publications.publish(2025, "37",
				new AdminService.Request("admin", "Báo cáo năm 2025"));
		// then both versions of 14329 and of 37 are frozen, each with its own figures
		assertThat(published(publication.id(), "14329")).containsExactly("2025-01-01 18", "2025-07-01 120");
		assertThat(published(publication.id(), "37")).containsExactly("-infinity 18", "2025-07-01 120");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM warehouse.published_figures f
				WHERE publication_id = :p AND NOT EXISTS (
				    SELECT 1 FROM warehouse.current_figures c
				    WHERE c.unit_code = f.unit_code AND c.level = f.level AND c.year = f.year
				      AND c.measure = f.measure AND c.unit_valid_from = f.unit_valid_from
				      AND c.value IS NOT DISTINCT FROM f.value)
				""").param("p", publication.id()).query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("""
				SELECT count(DISTINCT unit_valid_from) FROM warehouse.published_figures
				WHERE publication_id = :p AND level = 'village' AND split_part(unit_code, '-', 1) = '14329'
				""").param("p", publication.id()).query(Long.class).single()).isEqualTo(2);
		// and analysts read the version, documented, wherever publications show it
		assertThat(this.jdbc.sql("""
				SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'warehouse' AND a.attname = 'unit_valid_from' AND NOT a.attisdropped
				  AND (c.relname LIKE 'published%' OR c.relname = 'current_figures')
				  AND col_description(c.oid, a.attnum) IS NOT NULL
				  AND has_column_privilege('safetystats_analyst', c.oid, a.attnum, 'SELECT')
				ORDER BY 1
				""").query(String.class).list()).containsExactly("current_figures", "published_changes",
				"published_figures", "published_indicator_yoy", "published_traffic_yoy",
				"published_village_safety_yoy");
		// when Vân Giang corrects its March file (4 accidents instead of 3)
		files.submit("14329", YearMonth.of(2025, 3), 4, Map.of());
		runAndBuild();
		long correction = this.jdbc.sql("SELECT max(submission_id) FROM ops.submission").query(Long.class).single();
		assertThat(this.jdbc.sql("SELECT file_name || ' ' || status FROM ops.submission WHERE submission_id = :id")
			.param("id", correction)
			.query(String.class)
			.single()).isEqualTo("14329_2025-03.csv LOADED");
		// then the changes are those of the versions valid in March, with the correction
		List<Map<String, Object>> changes = this.jdbc.sql("""
				SELECT unit_code, unit_valid_from::text AS version, measure, published_value, current_value,
				       submission_ids
				FROM warehouse.published_changes WHERE publication_id = :p
				""").param("p", publication.id()).query().listOfRows();
		assertThat(changes).extracting((row) -> row.get("unit_code") + "@" + row.get("version"))
			.contains("14329@2025-01-01", "37@-infinity")
			.doesNotContain("14329@2025-07-01", "37@2025-07-01");
		Map<String, Object> accidents = changes.stream()
			.filter((row) -> row.get("unit_code").equals("14329") && row.get("measure").equals("accidents"))
			.findFirst()
			.orElseThrow();
		assertThat(accidents).containsEntry("version", "2025-01-01")
			.containsEntry("published_value", BigDecimal.valueOf(18))
			.containsEntry("current_value", BigDecimal.valueOf(19));
		assertThat(((java.sql.Array) accidents.get("submission_ids")).getArray()).isEqualTo(new Long[] { correction });
		// and the report of 14329 (Phường Hoa Lư, the later version) shows its own
		// publication, unchanged
		Path folder = home().resolve("published-2025");
		String hoaLu = Files.readString(this.report.write(2025, "14329", "en", folder, false).get(0));
		assertThat(hoaLu).contains("Figures as published in publication " + publication.id(), "No correction since.");
	}

	/** The traffic accidents of the unit as published, one line per version. */
	private List<String> published(long publication, String unit) {
		return this.jdbc.sql("""
				SELECT unit_valid_from || ' ' || accidents FROM warehouse.published_traffic_yoy
				WHERE publication_id = :p AND unit_code = :u AND year = 2025 ORDER BY unit_valid_from
				""").param("p", publication).param("u", unit).query(String.class).list();
	}

	private void runAndBuild() throws Exception {
		assertThat(this.jobRunner.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRunner.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

}
