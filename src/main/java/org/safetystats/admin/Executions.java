package org.safetystats.admin;

import java.io.PrintStream;
import java.util.Map;

import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.ExitCodes;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;

/**
 * How the command line waits for an execution and reports it: a progress line every 10
 * seconds, then the end.
 */
public final class Executions {

	private Executions() {
	}

	/** How a command starts its job, through a service of the context. */
	@FunctionalInterface
	public interface Start<T> {

		JobExecution start(T service) throws Exception;

	}

	/**
	 * The one runner of the commands that start a job and wait (run, rerun, restart,
	 * restore, build-warehouse): the whole application context, the job started through
	 * the admin service (on record, under the pipeline lock), then awaited and reported;
	 * returns the exit code.
	 */
	public static int startAndReport(Start<AdminService> start) throws Exception {
		return startAndReport(AdminService.class, start);
	}

	/**
	 * The same for a job a room's service starts (through the admin service): a rerun, a
	 * restore.
	 */
	public static <T> int startAndReport(Class<T> service, Start<T> start) throws Exception {
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			AdminService admin = context.getBean(AdminService.class);
			return awaitAndReport(admin, start.start(context.getBean(service)), System.out);
		}
	}

	/**
	 * Waits for the execution, prints its progress and outcome, and returns the exit
	 * code.
	 */
	public static int awaitAndReport(AdminService admin, JobExecution started, PrintStream out)
			throws InterruptedException {
		out.printf("%s: execution %d started%n", started.getJobInstance().getJobName(), started.getId());
		JobExecution ended = admin.await(started, (progress) -> out.println(progressLine(progress)));
		for (StepExecution step : ended.getStepExecutions()) {
			out.printf("  %-20s %-9s read %,d, written %,d%n", step.getStepName(), step.getStatus(),
					step.getReadCount(), step.getWriteCount());
		}
		boolean completed = ended.getStatus() == BatchStatus.COMPLETED;
		try {
			admin.runNotes(ended.getId()).forEach(out::println);
		}
		catch (DataAccessException unreadable) {
			if (completed) {
				throw unreadable;
			}
			// the database went away with the run: the line below says so; the files are
			// listed by the next run's report
		}
		if (completed) {
			return 0;
		}
		String hint = (ended.getStatus() == BatchStatus.FAILED || ended.getStatus() == BatchStatus.STOPPED)
				? "; `restart " + ended.getId() + "` resumes it" : "";
		System.err.println("error: " + ended.getJobInstance().getJobName() + " execution " + ended.getId() + " ended "
				+ ended.getStatus() + ": " + JobFailures.firstLine(ended) + hint);
		return ExitCodes.FAILED;
	}

	static String progressLine(JobExecution execution) {
		StepExecution current = execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus().isRunning())
			.reduce((first, second) -> second)
			.orElse(null);
		if (current == null) {
			return String.format("  ... execution %d %s", execution.getId(), execution.getStatus());
		}
		return String.format("  ... execution %d, step %s: read %,d, written %,d", execution.getId(),
				current.getStepName(), current.getReadCount(), current.getWriteCount());
	}

}
