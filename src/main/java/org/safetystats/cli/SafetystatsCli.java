package org.safetystats.cli;

import java.util.List;
import java.util.Optional;

import org.safetystats.admin.OneLineErrors;
import org.safetystats.admin.RestartCommand;
import org.safetystats.admin.RunCommand;
import org.safetystats.admin.ServeCommand;
import org.safetystats.admin.StatusCommand;
import org.safetystats.admin.StopCommand;
import org.safetystats.backup.BackupCommand;
import org.safetystats.bench.BenchCommand;
import org.safetystats.demo.DemoCommand;
import org.safetystats.ingest.IngestCommand;
import org.safetystats.ingest.RestoreCommand;
import org.safetystats.ingest.ValidateCommand;
import org.safetystats.publish.ApprovalCommands;
import org.safetystats.publish.PublishCommand;
import org.safetystats.report.ReportCommand;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.startup.DatabaseCommand;
import org.safetystats.system.RequestFields;
import org.safetystats.template.TemplateCommand;
import org.safetystats.users.UserCommand;
import org.safetystats.warehouse.BuildWarehouseCommand;
import org.safetystats.warehouse.CompletenessCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code safetystats <command> [options]}. Each command starts the
 * application context only when it runs, so {@code --help} needs no database.
 * <p>
 * This package is the top of the house: it lists every feature's commands and nothing
 * imports it back; commands start their context through {@link ApplicationContexts}.
 */
@Command(name = "safetystats", mixinStandardHelpOptions = true, version = "safetystats 0.1.0",
		description = "Batch pipeline for ward and commune public-security statistics.",
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:the work failed (a job failed, a file would be rejected)", "2:wrong usage",
				"3:a setting, the database or an input folder is not usable" })
public class SafetystatsCli implements Runnable {

	/** The commands, in the order the help lists them. */
	private static final List<Class<?>> COMMANDS = List.of(IngestCommand.class, ValidateCommand.class,
			TemplateCommand.class, BuildWarehouseCommand.class, RunCommand.class, RerunCommand.class,
			RestoreCommand.class, RestartCommand.class, StopCommand.class, StatusCommand.class,
			CompletenessCommand.class, PublishCommand.class, ApprovalCommands.Approve.class,
			ApprovalCommands.Refuse.class, ReportCommand.class, DemoCommand.class, BenchCommand.class,
			ServeCommand.class, DatabaseCommand.class, UserCommand.class, BackupCommand.class,
			CommandLine.HelpCommand.class);

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	/**
	 * Runs one command line; every context a command starts is built from
	 * {@code application} (the {@code @SpringBootApplication} class).
	 */
	public static int execute(Class<?> application, String... args) {
		ApplicationContexts.use(application);
		// Numbers of ASCII digits only: picocli's own converters take Arabic-Indic digits
		// too.
		int exit = withCommands(new CommandLine(new SafetystatsCli()), args)
			.registerConverter(Long.class, RequestFields::longValue)
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

	/**
	 * The command named first, alone (picocli reads every option of every command it is
	 * given: a tenth of a short command's start), or every command for the help, a usage
	 * error and its suggestions. Converters are registered after this: they reach only
	 * the commands added before them.
	 */
	static CommandLine withCommands(CommandLine line, String... args) {
		String first = (args.length > 0) ? args[0] : "";
		Optional<Class<?>> named = COMMANDS.stream()
			.filter((command) -> command != CommandLine.HelpCommand.class)
			.filter((command) -> command.getAnnotation(Command.class).name().equals(first))
			.findFirst();
		named.ifPresentOrElse(line::addSubcommand, () -> COMMANDS.forEach(line::addSubcommand));
		return line;
	}

	@Override
	public void run() {
		this.spec.commandLine().usage(System.out);
	}

}
