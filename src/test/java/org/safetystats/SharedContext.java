package org.safetystats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The database and home folder of one test context, which Spring's context cache shares
 * between the suites of the same configuration. When a suite starts using the context
 * after another one did, both are put back as the context's start left them: every table
 * that was empty then is emptied (identities and sequences restarted; {@link EmptyTables}
 * says how), the home folder is emptied, and the tables the start filled (catalogues,
 * locks, schema history) must be as they were: a suite that changes one says so with a
 * clear failure and needs a context of its own ({@code @DirtiesContext}). The database is
 * dropped and the folder deleted when the context closes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SharedContext {

	@Bean
	State sharedContextState(DataSource dataSource, Environment environment) {
		return new State(dataSource, environment);
	}

	/** What the context's start left, and the suite now using the context. */
	public static final class State implements DisposableBean {

		private static final String SCHEMAS = "'ops', 'ref', 'warehouse', 'warehouse_staging', 'batch', 'quartz'";

		private final DataSource dataSource;

		private final JdbcClient jdbc;

		private final String url;

		private final Path home;

		private Class<?> suite;

		/** Checksums of the tables the start filled, by table. */
		private Map<String, String> filledAtStart;

		State(DataSource dataSource, Environment environment) {
			this.dataSource = dataSource;
			this.jdbc = JdbcClient.create(dataSource);
			this.url = environment.getRequiredProperty("spring.datasource.url");
			this.home = Path.of(environment.getRequiredProperty("safetystats.home"));
		}

		public String url() {
			return this.url;
		}

		public Path home() {
			return this.home;
		}

		/**
		 * Called before each test: resets the context when another suite used it last.
		 */
		public synchronized void enter(Class<?> suite) {
			if (configuresItsOwn(suite) && !suite.isAnnotationPresent(DirtiesContext.class)) {
				throw new IllegalStateException(suite.getSimpleName() + " configures a context of its own: close it "
						+ "after the suite with @DirtiesContext(classMode = AFTER_CLASS), or the context cache keeps "
						+ "it, with its connections, until the test JVM ends");
			}
			if (this.filledAtStart == null) {
				this.filledAtStart = filledTables();
			}
			else if (this.suite != suite) {
				reset();
			}
			this.suite = suite;
		}

		/**
		 * Whether the suite (or a class between it and IntegrationTestSupport) adds to
		 * the context's configuration: properties, imports, another web environment.
		 */
		private static boolean configuresItsOwn(Class<?> suite) {
			for (Class<?> type = suite; type != null
					&& type != IntegrationTestSupport.class; type = type.getSuperclass()) {
				if (type.getDeclaredAnnotation(TestPropertySource.class) != null
						|| type.getDeclaredAnnotation(Import.class) != null
						|| type.getDeclaredAnnotation(SpringBootTest.class) != null
						|| Arrays.stream(type.getDeclaredMethods())
							.anyMatch((method) -> method.isAnnotationPresent(DynamicPropertySource.class))) {
					return true;
				}
			}
			return false;
		}

		private void reset() {
			for (Map.Entry<String, String> table : this.filledAtStart.entrySet()) {
				if (!table.getValue().equals(checksum(table.getKey()))) {
					throw new IllegalStateException(this.suite.getSimpleName() + " changed " + table.getKey()
							+ ", which the context's start filled, so the next suite sharing the context would see "
							+ "it: give " + this.suite.getSimpleName() + " a context of its own (@DirtiesContext)");
				}
			}
			List<String> empty = new ArrayList<>(tables());
			empty.removeAll(this.filledAtStart.keySet());
			EmptyTables.empty(this.jdbc, empty);
			// identities and the sequences of no table's identity (Batch's): as a new
			// database has them
			EmptyTables.restartSequences(this.jdbc, SCHEMAS, this.filledAtStart.keySet());
			try (Stream<Path> files = Files.list(this.home)) {
				for (Path file : files.toList()) {
					FileSystemUtils.deleteRecursively(file);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The tables with rows, and a checksum of each one's rows. */
		private Map<String, String> filledTables() {
			Map<String, String> filled = new LinkedHashMap<>();
			for (String table : tables()) {
				String checksum = checksum(table);
				if (!checksum.startsWith("0:")) {
					filled.put(table, checksum);
				}
			}
			return filled;
		}

		/** The tables of the application's schemas (a partitioned one as its parent). */
		private List<String> tables() {
			return this.jdbc.sql("""
					SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
					JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname IN (""" + SCHEMAS + """
					) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
					ORDER BY 1
					""").query(String.class).list();
		}

		private String checksum(String table) {
			return this.jdbc
				.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM "
						+ table + " t")
				.query(String.class)
				.single();
		}

		@Override
		public void destroy() throws Exception {
			if (this.dataSource instanceof AutoCloseable pool) {
				pool.close();
			}
			TestDatabase.drop(this.url);
			FileSystemUtils.deleteRecursively(this.home);
		}

	}

}
