package org.safetystats.warehouse;

import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.Executions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rerun warehouse}: rebuilds the warehouse, on record with who asked and why. */
@Command(name = "warehouse", mixinStandardHelpOptions = true,
		description = "Rebuild the warehouse for a unit and/or a range of years (every year when none is given).")
public class RerunWarehouseCommand implements Callable<Integer> {

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
		return Executions.startAndReport(WarehouseReruns.class, (reruns) -> reruns.rerun(this.unit, this.fromYear,
				this.toYear, AdminService.Request.byCurrentUser(this.reason)));
	}

}
