package org.safetystats.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code safetystats <command> [options]}. Each command starts the
 * application context only when it runs, so {@code --help} needs no database.
 */
@Command(name = "safetystats", mixinStandardHelpOptions = true, version = "safetystats 0.1.0",
		description = "Batch pipeline for ward and commune public-security statistics.",
		subcommands = { IngestCommand.class, ValidateCommand.class, BuildWarehouseCommand.class, RunCommand.class,
				RerunCommand.class, RestoreCommand.class, RestartCommand.class, StopCommand.class, StatusCommand.class,
				CompletenessCommand.class, PublishCommand.class, ApprovalCommands.Approve.class,
				ApprovalCommands.Refuse.class, org.safetystats.report.ReportCommand.class,
				org.safetystats.demo.DemoCommand.class, org.safetystats.bench.BenchCommand.class, ServeCommand.class,
				DatabaseCommand.class, HashPasswordCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:the work failed (a job failed, a file would be rejected)", "2:wrong usage",
				"3:a setting, the database or an input folder is not usable" })
public class SafetystatsCli implements Runnable {

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	/**
	 * Starts the application context for a command of another package (the embedded
	 * database first when no server is named).
	 */
	public static org.springframework.context.ConfigurableApplicationContext startContext(
			java.util.Map<String, Object> properties) {
		return ApplicationContexts.start(properties);
	}

	public static int execute(String... args) {
		// Numbers of ASCII digits only: picocli's own converters take Arabic-Indic digits
		// too.
		int exit = new CommandLine(new SafetystatsCli()).registerConverter(Long.class, RequestFields::longValue)
			.registerConverter(long.class, RequestFields::longValue)
			.registerConverter(Integer.class, (value) -> RequestFields.integer("number", value))
			.registerConverter(int.class, (value) -> RequestFields.integer("number", value))
			.setExecutionExceptionHandler(new OneLineErrors())
			.execute(args);
		if ("1".equals(System.getenv("SAFETYSTATS_REPORT_PEAK_HEAP"))) {
			long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter((pool) -> pool.getType() == java.lang.management.MemoryType.HEAP)
				.mapToLong((pool) -> pool.getPeakUsage().getUsed())
				.sum();
			System.out.printf("peak heap %d MB%n", peak / (1024 * 1024));
		}
		return exit;
	}

	@Override
	public void run() {
		this.spec.commandLine().usage(System.out);
	}

}
