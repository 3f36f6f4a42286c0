package org.safetystats.bench;

import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every scenario of a benchmark run shares: the running application's admin service
 * and database, the throw-away home, the options and the results.
 *
 * @param url the JDBC URL of the throw-away database
 * @param home the throw-away {@code SAFETYSTATS_HOME} (its config/ holds the catalogue)
 * @param dueDay the day of the next month by which a month's report is due, as the
 * application was started with
 */
record BenchContext(AdminService admin, JdbcClient jdbc, DataSource dataSource, String url, Path home,
		NationalCatalogue catalogue, BenchOptions options, BenchResults results, int dueDay) {

	Path inbox() {
		return this.home.resolve("inbox");
	}

	/** Runs a job through the admin service, as the scheduler would, to its end. */
	JobExecution completed(String job, Map<String, String> parameters) throws Exception {
		JobExecution ended = this.admin
			.await(this.admin.start(job, parameters, new AdminService.Request("bench", null)), (p) -> {
			});
		if (ended.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(job + " ended " + ended.getStatus());
		}
		return ended;
	}

	/**
	 * Writes the server's dirty pages out now ({@code CHECKPOINT}), so that a checkpoint
	 * the writes before made due does not run during the next measure (after the history
	 * load it slowed the first floor 2-4x; after a full build, the hand-written SQL and
	 * the ingest). Returns the server's refusal (a user without the right), or null.
	 */
	@Nullable String checkpoint() {
		try {
			this.jdbc.sql("CHECKPOINT").update();
			return null;
		}
		catch (DataAccessException ex) {
			return ex.getMostSpecificCause().getMessage();
		}
	}

	/** The environment of a safetystats process of its own on this run's database. */
	Map<String, String> environment() {
		return Map.of("SAFETYSTATS_DB_URL", this.url, "SAFETYSTATS_HOME", this.home.toString(),
				"SAFETYSTATS_CONFIG_DIR", this.home.resolve("config").toString(), "SAFETYSTATS_PROVINCES",
				String.valueOf(this.catalogue.settings().get("safetystats.reference.provinces")),
				"SAFETYSTATS_INBOX_SETTLE_SECONDS", "0");
	}

}
