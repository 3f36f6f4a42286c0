package org.safetystats.admin;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rerun warehouse|ingest ...}: redoes completed work, on record with who asked and
 * why.
 */
@Command(name = "rerun", mixinStandardHelpOptions = true,
		description = "Redo completed work, recorded with who asked and why.",
		subcommands = { RerunCommand.Warehouse.class, RerunCommand.Ingest.class })
public class RerunCommand implements Runnable {

	@picocli.CommandLine.Spec
	private picocli.CommandLine.Model.CommandSpec spec;

	/** Without a subcommand there is nothing to redo: a usage error, with the usage. */
	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
				"rerun needs what to redo: warehouse or ingest");
	}

	@Command(name = "warehouse", mixinStandardHelpOptions = true,
			description = "Rebuild the warehouse for a unit and/or a range of years (every year when none is given).")
	static class Warehouse implements Callable<Integer> {

		@Option(names = "--unit", paramLabel = "CODE", description = "Province, city or ward whose communes to rebuild")
		private String unit;

		@Option(names = "--from-year", paramLabel = "Y")
		private Integer fromYear;

		@Option(names = "--to-year", paramLabel = "Y")
		private Integer toYear;

		@Option(names = "--reason", required = true, description = "Why, for the record")
		private String reason;

		@Override
		public Integer call() throws Exception {
			return Executions.startAndReport((admin) -> admin.rerunWarehouse(this.unit, this.fromYear, this.toYear,
					AdminService.Request.byCurrentUser(this.reason)));
		}

	}

	@Command(name = "ingest", mixinStandardHelpOptions = true,
			description = "Re-ingest a month from the archive: each unit's current file (or one unit's) is validated "
					+ "and loaded again as a new version.")
	static class Ingest implements Callable<Integer> {

		@Option(names = "--period", required = true, paramLabel = "YYYY-MM")
		private String period;

		@Option(names = "--unit", paramLabel = "CODE")
		private String unit;

		@Option(names = "--reason", required = true, description = "Why, for the record")
		private String reason;

		@Override
		public Integer call() throws Exception {
			return Executions.startAndReport((admin) -> admin.rerunIngest(this.period, this.unit,
					AdminService.Request.byCurrentUser(this.reason)));
		}

	}

}
