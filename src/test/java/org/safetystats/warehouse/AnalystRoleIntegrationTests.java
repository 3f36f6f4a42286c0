package org.safetystats.warehouse;

import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.TestDatabase;
import org.safetystats.admin.JobRunner;
import org.safetystats.schedule.NightlyJob;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The analysts' role reads the warehouse and nothing else, and writes nowhere. */
class AnalystRoleIntegrationTests extends IntegrationTestSupport {

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JobRunner jobRunner;

	@Test
	void readsEveryWarehouseTableViewAndFunction() throws Exception {
		// given a month loaded and the warehouse built: every relation has rows to read
		drop("good.csv", "14347_2019-03.csv");
		assertThat(this.jobRunner.run(NightlyJob.NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (String relation : new String[] { "warehouse.traffic_yoy", "warehouse.village_safety_yoy",
				"warehouse.indicator_yoy", "warehouse.fact_value", "warehouse.dim_unit", "warehouse.dim_indicator",
				"warehouse.dim_period", "warehouse.commune_month", "warehouse.same_period('2019-01', '2019-03')",
				"warehouse.indicator_yoy_as_now", "warehouse.traffic_yoy_as_now", "warehouse.village_safety_yoy_as_now",
				"warehouse.same_period_as_now('2019-01', '2019-03')", "warehouse.as_now_year",
				"(SELECT warehouse.as_of()) d" }) {
			// the analyst reads every row the pipeline's own role reads, not merely
			// something
			String sql = "SELECT count(*) FROM " + relation;
			long asOwner = this.jdbc.sql(sql).query(Long.class).single();
			assertThat(asOwner).as("rows of %s", relation).isPositive();
			Long rows = asAnalyst((jdbc) -> jdbc.sql(sql).query(Long.class).single());
			assertThat(rows).as(relation).isEqualTo(asOwner);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT * FROM ops.submission", "SELECT * FROM ops.submissions",
			"SELECT * FROM ops.accepted_values", "SELECT * FROM ref.unit", "SELECT * FROM batch.batch_job_execution",
			"SELECT * FROM public.flyway_schema_history",
			"INSERT INTO warehouse.build (started_at, full_rebuild, watermark, reference_hash, slices) VALUES (now(), true, 0, '', '')",
			"DELETE FROM warehouse.fact_value", "UPDATE warehouse.agg_indicator_year SET value = 0",
			"TRUNCATE warehouse.fact_value_2019", "CREATE TABLE warehouse.mine (x int)",
			"CREATE TABLE public.mine (x int)", "DROP VIEW warehouse.traffic_yoy" })
	void isRefused(String sql) {
		assertThatThrownBy(() -> asAnalyst((jdbc) -> jdbc.sql(sql).update())).isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageMatching("(?s).*(permission denied|must be owner).*");
	}

	@Test
	void cannotLogInDirectly() {
		assertThat(this.jdbc.sql("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'safetystats_analyst'")
			.query(Boolean.class)
			.single()).isFalse();
	}

	/**
	 * The role is one for the whole PostgreSQL server (roles are, in PostgreSQL): what it
	 * reads is what each database grants it. A safetystats database grants SELECT on its
	 * {@code warehouse} and nothing else; a database safetystats never migrated grants it
	 * nothing. The choice and its consequence are in docs/reliability.md.
	 */
	@Test
	void isOneRoleForTheServerThatReadsTheWarehouseOfSafetystatsDatabasesOnly() throws Exception {
		assertThat(readableSchemas(this.jdbc)).containsExactly("warehouse");
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'p', 'v', 'm')
				  AND (has_table_privilege('safetystats_analyst', c.oid, 'INSERT')
				    OR has_table_privilege('safetystats_analyst', c.oid, 'UPDATE')
				    OR has_table_privilege('safetystats_analyst', c.oid, 'DELETE')
				    OR has_table_privilege('safetystats_analyst', c.oid, 'TRUNCATE'))
				""").query(Long.class).single()).isZero();
		String other = TestDatabase.createEmpty("bare");
		try {
			var connection = new org.springframework.jdbc.datasource.SingleConnectionDataSource(other,
					TestDatabase.user(), TestDatabase.password(), true);
			try {
				JdbcClient bare = JdbcClient.create(connection);
				bare.sql("CREATE TABLE private_notes (x int)").update();
				assertThat(readableSchemas(bare)).isEmpty();
			}
			finally {
				connection.destroy();
			}
		}
		finally {
			TestDatabase.drop(other);
		}
	}

	/** The schemas (other than PostgreSQL's own) where the role may read a relation. */
	private static java.util.List<String> readableSchemas(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
				  AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege('safetystats_analyst', c.oid, 'SELECT')
				ORDER BY 1
				""").query(String.class).list();
	}

	private <T> T asAnalyst(Function<JdbcClient, T> work) {
		return new TransactionTemplate(this.transactionManager).execute((tx) -> {
			this.jdbc.sql("SET LOCAL ROLE safetystats_analyst").update();
			return work.apply(this.jdbc);
		});
	}

}
