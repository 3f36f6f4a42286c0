package org.safetystats.publish;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.QuietDemo;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.JobRunner;
import org.safetystats.ingest.IngestJob;
import org.safetystats.publish.PublicationAdmin;
import org.safetystats.report.AnnualReport;
import org.safetystats.system.UserFacingException;
import org.safetystats.warehouse.WarehouseJob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The city publishes its 2019 review (80.4% crime-free), a ward then corrects its March
 * file: the correction loads with a warning naming the publication, the warehouse moves
 * on (as corrected), the publication still gives 80.4%, and the change is listed with the
 * correction that made it.
 */
class PublicationIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	PublicationAdmin publications;

	@Autowired
	JobRunner jobs;

	@Autowired
	AnnualReport report;

	@Autowired
	DataSource dataSource;

	@BeforeEach
	void demoHistory() throws Exception {
		this.jdbc.sql("TRUNCATE warehouse.publication, warehouse.published_figures, warehouse.build").update();
		QuietDemo.run(this.context);
	}

	@Test
	void publishedFiguresStayAsPublishedWhileCorrectionsLoadAndAreListed() throws Exception {
		// given the 2019 review published
		Publication publication = this.publications.publish(2019, "369",
				new AdminService.Request("admin", "Báo cáo tổng kết năm 2019"));
		assertThat(publication.figures())
			.isEqualTo(this.jdbc.sql("SELECT count(*) FROM warehouse.published_figures WHERE publication_id = :id")
				.param("id", publication.id())
				.query(Integer.class)
				.single())
			.isGreaterThan(225);
		assertThat(publishedPct(publication.id())).isEqualTo(new BigDecimal("80.4"));
		assertThat(this.jdbc.sql("""
				SELECT count(DISTINCT unit_code) FILTER (WHERE level = 'commune'),
				       count(DISTINCT unit_code) FILTER (WHERE level = 'village')
				FROM warehouse.published_figures WHERE publication_id = :id
				""").param("id", publication.id()).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single())
			.containsExactly(14, 225);
		assertThat(changes(publication.id())).isEmpty();
		// when a ward corrects its March file: a crime case in a village that had none
		// all year
		String village = crimeFreeVillage();
		long correction = correctMarch("14320", village);
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// then it loaded with a warning naming the publication
		assertThat(this.jdbc.sql("SELECT status FROM ops.submission WHERE submission_id = :id")
			.param("id", correction)
			.query(String.class)
			.single()).isEqualTo("LOADED");
		assertThat(this.jdbc.sql("""
				SELECT message_en FROM ops.findings WHERE submission_id = :id AND rule = 'PUBLISHED_PERIOD'
				""").param("id", correction).query(String.class).single()).contains("publication " + publication.id(),
				"unit 369", "year 2019", "by admin");
		// and the warehouse answers both ways
		assertThat(this.jdbc
			.sql("SELECT crime_free_pct FROM warehouse.village_safety_yoy WHERE unit_code = '369' AND year = 2019")
			.query(BigDecimal.class)
			.single()).isEqualTo(new BigDecimal("80.0"));
		assertThat(publishedPct(publication.id())).isEqualTo(new BigDecimal("80.4"));
		// and the change is listed with the correction behind it
		Map<String, Object> change = changes(publication.id()).stream()
			.filter((row) -> row.get("unit_code").equals("369") && row.get("measure").equals("crime_free_pct"))
			.findFirst()
			.orElseThrow();
		assertThat(change).containsEntry("published_value", new BigDecimal("80.4"))
			.containsEntry("current_value", new BigDecimal("80.0"));
		assertThat(((java.sql.Array) change.get("submission_ids")).getArray()).isEqualTo(new Long[] { correction });
		assertThat(changes(publication.id())).extracting((row) -> row.get("unit_code") + "/" + row.get("measure"))
			.contains("14320/crime_free", village + "/crime_cases", "369/crime_cases")
			.doesNotContain("369/traffic_accidents", "14323/crime_free");
		// and the report shows the publication, and lists the corrections since
		String report = Files.readString(this.report.write(2019, "369", "en", home().resolve("published")).get(0));
		assertThat(report).contains("Figures as published in publication " + publication.id(), "80.4%",
				"Corrections since", "crime_free_pct: 80.4 → 80");
		assertThat(Files.readString(home().resolve("reports/369_2019_vi.html"))).contains("Chưa công bố");
		// and the publication is on record like every admin action
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM ops.admin_action
				WHERE action = 'publish' AND outcome = 'DONE' AND parameters = 'year=2019 unit=369'
				""").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aPublicationOfAStaleWarehouseIsRefused() throws Exception {
		correctMarch("14320", crimeFreeVillage());
		assertThatThrownBy(() -> this.publications.publish(2019, "369", new AdminService.Request("admin", "review")))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("run build-warehouse");
		assertThat(this.jdbc.sql("SELECT count(*) FROM warehouse.publication").query(Long.class).single()).isZero();
		assertThat(this.jdbc
			.sql("SELECT outcome FROM ops.admin_action WHERE action = 'publish' ORDER BY action_id DESC LIMIT 1")
			.query(String.class)
			.single()).isEqualTo("REFUSED");
	}

	/**
	 * A build that started before a publication and commits after it is after it: the
	 * publication's snapshot does not hold it, so its provinces' figures are compared (a
	 * time would have put it before). Here the build is a transaction of its own that
	 * rewrites a village's 2019 crimes and stamps the year for the province, as a build
	 * does, then commits once the city has published.
	 */
	@Test
	void aBuildCommittedAfterAPublicationItStartedBeforeCountsAsAfterIt() throws Exception {
		String village = crimeFreeVillage();
		Publication publication;
		try (Connection build = this.dataSource.getConnection()) {
			build.setAutoCommit(false);
			try (Statement statement = build.createStatement()) {
				statement.executeUpdate("UPDATE warehouse.village_year SET crime_cases = 1 WHERE year = 2019 "
						+ "AND village_code = '" + village + "'");
				statement.executeUpdate("""
						INSERT INTO warehouse.year_built (year, province_code, xid, built_at)
						VALUES (2019, '37', pg_current_xact_id(), now())
						ON CONFLICT (year, province_code) DO UPDATE SET xid = EXCLUDED.xid, built_at = EXCLUDED.built_at
						""");
			}
			publication = this.publications.publish(2019, "369", new AdminService.Request("admin", "review"));
			build.commit();
		}
		assertThat(changes(publication.id())).extracting((row) -> row.get("unit_code") + "/" + row.get("measure"))
			.contains(village + "/crime_cases");
		// a publication made after it: as published
		Publication later = this.publications.publish(2019, "369", new AdminService.Request("admin", "review"));
		assertThat(changes(later.id())).isEmpty();
	}

	/** Every build stamps what it rewrote: a ward's province, or a whole year. */
	@Test
	void buildsStampTheYearsAndProvincesTheyRewrite() throws Exception {
		assertThat(this.jdbc.sql("SELECT province_code FROM warehouse.year_built WHERE year = 2019")
			.query(String.class)
			.list()).contains("*");
		correctMarch("14320", crimeFreeVillage());
		this.jdbc.sql("DELETE FROM warehouse.year_built").update();
		assertThat(this.jobs.run(WarehouseJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.sql("SELECT year || ' ' || province_code FROM warehouse.year_built")
			.query(String.class)
			.list()).containsExactly("2019 37");
	}

	/**
	 * Resends the ward's March 2019 file with one crime case in the village; returns its
	 * submission.
	 */
	private long correctMarch(String ward, String village) throws Exception {
		String storedAs = this.jdbc.sql("""
				SELECT stored_as FROM ops.submission WHERE unit_code = :w AND period = '2019-03' AND status = 'LOADED'
				""").param("w", ward).query(String.class).single();
		String csv = Files.readString(archive().resolve(storedAs));
		String corrected = csv.replace(village + ",crime_cases,0", village + ",crime_cases,1");
		assertThat(corrected).isNotEqualTo(csv);
		Path file = inbox().resolve(ward + "_2019-03.csv");
		Files.writeString(file, corrected);
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-02-10T02:00:00Z")));
		assertThat(this.jobs.run(IngestJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return this.jdbc.sql("SELECT max(submission_id) FROM ops.submission").query(Long.class).single();
	}

	private String crimeFreeVillage() {
		return this.jdbc.sql("""
				SELECT min(village_code) FROM warehouse.village_year
				WHERE year = 2019 AND commune_code = '14320' AND crime_cases = 0
				""").query(String.class).single();
	}

	private BigDecimal publishedPct(long publication) {
		return this.jdbc.sql("""
				SELECT crime_free_pct FROM warehouse.published_village_safety_yoy
				WHERE publication_id = :p AND unit_code = '369' AND year = 2019
				""").param("p", publication).query(BigDecimal.class).single();
	}

	private List<Map<String, Object>> changes(long publication) {
		return this.jdbc.sql("SELECT * FROM warehouse.published_changes WHERE publication_id = :p")
			.param("p", publication)
			.query()
			.listOfRows();
	}

}
