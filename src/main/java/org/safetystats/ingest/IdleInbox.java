package org.safetystats.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.safetystats.reference.CatalogueState;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.startup.DatabaseOnlyConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether the ingest job would do nothing: no file in the inbox (hidden and temporary
 * ones aside, as {@link InboxReader} leaves them), no move a crash left pending
 * ({@link FileDisposer#finishPending()}), and the catalogues as {@code ref} holds them.
 * The {@code ingest} command then answers without starting the job, from a small context
 * ({@link Beans}): an empty inbox is the common case of a command run by hand or every
 * few minutes by a script, and it should answer at once.
 */
class IdleInbox {

	private final JdbcClient jdbc;

	private final ReferenceCatalogLoader catalogues;

	IdleInbox(JdbcClient jdbc, ReferenceCatalogLoader catalogues) {
		this.jdbc = jdbc;
		this.catalogues = catalogues;
	}

	/** True when an ingest of {@code inbox} would load, move and change nothing. */
	public boolean idle(Path inbox) {
		return !holdsFiles(inbox)
				&& !this.jdbc.sql("SELECT EXISTS (SELECT FROM ops.submission WHERE disposed_at IS NULL)")
					.query(Boolean.class)
					.single()
				&& this.catalogues.upToDate();
	}

	private static boolean holdsFiles(Path inbox) {
		if (!Files.isDirectory(inbox)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(inbox)) {
			return entries.map((entry) -> entry.getFileName().toString())
				.anyMatch((name) -> !InboxReader.hiddenOrTemporary(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the inbox " + inbox, ex);
		}
	}

	/**
	 * The small context that answers {@link IdleInbox#idle}: the database, the
	 * catalogues' state and the idle inbox, nothing else.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import({ DatabaseOnlyConfiguration.class, CatalogueState.class })
	public static class Beans {

		@Bean
		IdleInbox idleInbox(JdbcClient jdbc, ReferenceCatalogLoader catalogues) {
			return new IdleInbox(jdbc, catalogues);
		}

	}

}
