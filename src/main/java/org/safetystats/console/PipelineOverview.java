package org.safetystats.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.safetystats.system.SafetystatsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the dashboard shows besides the runs: the next fire of each scheduled job (the
 * Quartz triggers {@code jobs/} was reconciled into) and the files waiting in the inbox.
 * Reads only.
 */
@Component
class PipelineOverview {

	/** A scheduled job and when it fires next (null: paused or finished). */
	record NextFire(String name, @Nullable Instant next, @Nullable Instant previous) {

	}

	/** A file waiting in the inbox. */
	record InboxFile(String name, long bytes, Instant modified) {

	}

	private final ObjectProvider<Scheduler> scheduler;

	private final SafetystatsProperties properties;

	private final JdbcClient jdbc;

	PipelineOverview(ObjectProvider<Scheduler> scheduler, SafetystatsProperties properties, JdbcClient jdbc) {
		this.scheduler = scheduler;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	/** The latest year with completeness rows (the dashboard's default). */
	Optional<Integer> latestYear() {
		return this.jdbc.sql("SELECT max(left(period, 4))::int FROM warehouse.completeness WHERE status <> 'NOT_DUE'")
			.query(Integer.class)
			.optional();
	}

	List<NextFire> nextFires() throws SchedulerException {
		Scheduler quartz = this.scheduler.getIfAvailable();
		List<NextFire> fires = new ArrayList<>();
		if (quartz == null) {
			return fires;
		}
		for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
			Trigger trigger = quartz.getTrigger(key);
			if (trigger != null) {
				fires.add(new NextFire(key.getName(), instant(trigger.getNextFireTime()),
						instant(trigger.getPreviousFireTime())));
			}
		}
		fires.sort(Comparator.comparing(NextFire::name));
		return fires;
	}

	/**
	 * Files of the inbox, oldest first; hidden files (uploads not submitted) left out.
	 */
	List<InboxFile> inbox() throws IOException {
		Path inbox = this.properties.inbox();
		if (!Files.isDirectory(inbox)) {
			return List.of();
		}
		List<InboxFile> files = new ArrayList<>();
		try (Stream<Path> entries = Files.list(inbox)) {
			for (Path file : entries.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (!name.startsWith(".")) {
					files.add(new InboxFile(name, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
				}
			}
		}
		files.sort(Comparator.comparing(InboxFile::modified));
		return files;
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
