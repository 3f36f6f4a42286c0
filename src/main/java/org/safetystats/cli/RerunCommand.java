package org.safetystats.cli;

import org.safetystats.ingest.RerunIngestCommand;
import org.safetystats.warehouse.RerunWarehouseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rerun warehouse|ingest ...}: redoes completed work, on record with who asked and
 * why; each subcommand lives in its room.
 */
@Command(name = "rerun", mixinStandardHelpOptions = true,
		description = "Redo completed work, recorded with who asked and why.",
		subcommands = { RerunWarehouseCommand.class, RerunIngestCommand.class })
class RerunCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	/** Without a subcommand there is nothing to redo: a usage error, with the usage. */
	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "rerun needs what to redo: warehouse or ingest");
	}

}
