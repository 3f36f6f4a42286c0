package org.safetystats.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code build-warehouse [--full] [--year Y] [--unit CODE]}: rebuilds the warehouse
 * tables analysts query.
 */
@Command(name = "build-warehouse", mixinStandardHelpOptions = true,
		description = "Rebuild the warehouse: by default only the years and provinces whose submissions changed since "
				+ "the last build; each year is replaced in one transaction.")
class BuildWarehouseCommand implements Callable<Integer> {

	@Option(names = "--full", description = "Rebuild every year that has data")
	private boolean full;

	@Option(names = "--year", paramLabel = "Y", description = "Rebuild this year (all of it, or the unit's province)")
	private Integer year;

	@Option(names = "--unit", paramLabel = "CODE",
			description = "Rebuild the province holding this unit (every year, or --year)")
	private String unit;

	@Override
	public Integer call() throws Exception {
		Map<String, String> parameters = new HashMap<>();
		parameters.put("full", Boolean.toString(this.full));
		if (this.year != null) {
			parameters.put("year", this.year.toString());
		}
		if (this.unit != null) {
			parameters.put("unit", this.unit);
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			JobExecution execution = context.getBean(JobRunner.class).run("warehouseJob", parameters);
			StepExecution slices = execution.getStepExecutions()
				.stream()
				.filter((step) -> step.getStepName().equals("buildSlices"))
				.findFirst()
				.orElse(null);
			System.out.printf("build-warehouse: %d year slice(s) rebuilt, %d facts written%n",
					(slices != null) ? slices.getReadCount() : 0, (slices != null) ? slices.getWriteCount() : 0);
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				System.err.println("error: warehouse job execution " + execution.getId() + " ended "
						+ execution.getStatus() + ": " + JobFailures.firstLine(execution));
				return OneLineErrors.FAILED;
			}
			return 0;
		}
	}

}
