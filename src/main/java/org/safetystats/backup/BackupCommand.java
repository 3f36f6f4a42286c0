package org.safetystats.backup;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.admin.PipelineLock;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.startup.DatabaseOnlyConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code backup create --out DIR} and {@code backup restore --from DIR}: the whole
 * installation (database, files, catalogues, schedules) into one folder with a manifest,
 * and back into an empty database and home (docs/operations.md, "Backup and restore").
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
		description = "Back up the database, the inbox, archive and rejected files, config/ and jobs/ into one "
				+ "folder with SHA-256 checksums, or restore such a folder into an empty database and home.",
		subcommands = { BackupCommand.Create.class, BackupCommand.Restore.class })
public class BackupCommand implements Runnable {

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(System.out);
	}

	/**
	 * Flyway off: a backup copies the schema as it is, and a restore migrates the empty
	 * database itself, only up to the backup's version.
	 */
	private static ConfigurableApplicationContext context() {
		return ApplicationContexts.startSmall(Beans.class, Map.of("spring.flyway.enabled", "false"));
	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = "Write a backup into a new folder (consistent: one database snapshot, taken while no "
					+ "pipeline run holds the lock).")
	static class Create implements Callable<Integer> {

		@Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder")
		private Path out;

		@Override
		public Integer call() throws Exception {
			try (ConfigurableApplicationContext context = context()) {
				Backups.Summary summary = context.getBean(Backups.class).create(this.out);
				System.out.printf(
						"backup written to %s: schema version %s, %d tables, %d rows, %d files; "
								+ "check a copy with `sha256sum -c %s` in that folder%n",
						summary.folder(), summary.schemaVersion(), summary.tables(), summary.rows(), summary.files(),
						Checksums.FILE);
				return 0;
			}
		}

	}

	@Command(name = "restore", mixinStandardHelpOptions = true,
			description = "Restore a backup into the database and home the settings name, which must be empty; "
					+ "then apply this release's later migrations.")
	static class Restore implements Callable<Integer> {

		@Option(names = "--from", required = true, paramLabel = "DIR", description = "A folder `backup create` wrote")
		private Path from;

		@Override
		public Integer call() throws Exception {
			Backups.Summary summary;
			try (ConfigurableApplicationContext context = context()) {
				summary = context.getBean(Backups.class).restore(this.from);
			}
			// the migrations after the backup's version, and the views, as at an upgrade
			ApplicationContexts.start(Map.of()).close();
			System.out.printf("backup %s restored: schema version %s, %d tables, %d rows, %d files%n", summary.folder(),
					summary.schemaVersion(), summary.tables(), summary.rows(), summary.files());
			return 0;
		}

	}

	/** What the backup commands work with. */
	@Configuration(proxyBeanMethods = false)
	@Import({ DatabaseOnlyConfiguration.class, PipelineLock.class, Backups.class })
	static class Beans {

	}

}
