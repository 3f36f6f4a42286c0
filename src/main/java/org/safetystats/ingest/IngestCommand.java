package org.safetystats.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.Executions;
import org.safetystats.ingest.IdleInbox;
import org.safetystats.ingest.IngestJob;
import org.safetystats.ingest.IngestSummary;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ingest [--inbox DIR]}: runs the ingest job over every file of the inbox; when
 * there is nothing to do ({@link IdleInbox}), says so without starting the job.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
		description = "Ingest every file of the inbox: validate each, load the good ones, move the others to the "
				+ "rejected folder with an error report. A rejected file is not a failure of the job.")
public class IngestCommand implements Callable<Integer> {

	@Option(names = "--inbox", paramLabel = "DIR", description = "Inbox folder (default: safetystats.inbox, var/inbox)")
	private Path inbox;

	@Override
	public Integer call() throws Exception {
		Map<String, Object> properties = new HashMap<>();
		if (this.inbox != null) {
			// Checked before the database starts: a wrong argument is said at once.
			if (!Files.isDirectory(this.inbox)) {
				throw new UserFacingException("Inbox " + this.inbox.toAbsolutePath() + " is not a folder");
			}
			properties.put("safetystats.inbox", this.inbox.toString());
		}
		try (ConfigurableApplicationContext small = ApplicationContexts.startSmall(IdleInbox.Beans.class, properties)) {
			Path folder = inbox(small);
			if (small.getBean(IdleInbox.class).idle(folder)) {
				System.out.println("ingest " + folder + ": no files in the inbox, no moves pending and the catalogues "
						+ "as loaded: nothing to do, no job started");
				return 0;
			}
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(properties)) {
			Path folder = inbox(context);
			AdminService admin = context.getBean(AdminService.class);
			// the job reads the inbox from the settings, set above from --inbox
			JobExecution started = admin.start(IngestJob.NAME, Map.of(), AdminService.Request.byCurrentUser(null));
			int exit = Executions.awaitAndReport(admin, started, System.out);
			IngestSummary summary = IngestSummary.of(context.getBean(JdbcClient.class), started.getId());
			System.out.println("ingest " + folder + ": " + summary);
			return exit;
		}
	}

	private Path inbox(ConfigurableApplicationContext context) throws IOException {
		Path folder = context.getBean(SafetystatsProperties.class).inbox();
		if (this.inbox != null && !Files.isDirectory(folder)) {
			throw new UserFacingException("Inbox " + folder.toAbsolutePath() + " is not a folder");
		}
		Files.createDirectories(folder);
		return folder;
	}

}
