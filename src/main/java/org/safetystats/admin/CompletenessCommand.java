package org.safetystats.admin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.system.ApplicationContexts;
import org.safetystats.system.DatabaseOnlyConfiguration;
import org.safetystats.warehouse.CompletenessMatrix;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code completeness --year Y [--unit CODE]}: the units × months matrix of reports
 * received.
 */
@Command(name = "completeness", mixinStandardHelpOptions = true,
		description = "Print, for each ward or commune and month of a year, whether its report came on time, late, "
				+ "not at all, or was rejected and not yet corrected.")
public class CompletenessCommand implements Callable<Integer> {

	static final Map<String, String> SYMBOLS = Map.of("ON_TIME", "o", "LATE", "L", "MISSING", "-", "REJECTED", "R",
			"NOT_DUE", ".");

	@Option(names = "--year", required = true, paramLabel = "Y")
	private int year;

	@Option(names = "--unit", paramLabel = "CODE", description = "A ward, or a city or province for all its wards")
	private String unit;

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = ApplicationContexts.startSmall(Beans.class, Map.of())) {
			CompletenessMatrix matrix = context.getBean(CompletenessMatrix.class);
			List<CompletenessMatrix.Row> rows = matrix.year(this.year, this.unit);
			System.out.print(render(this.year, rows));
			System.out.println(matrix.refreshedAt()
				.map((at) -> "as refreshed at " + at + " by the last nightly run or warehouse build")
				.orElse("completeness has not been refreshed yet: run the nightly job or build-warehouse"));
			return 0;
		}
	}

	/** What {@code completeness} reads with. */
	@Configuration(proxyBeanMethods = false)
	@Import({ DatabaseOnlyConfiguration.class, CompletenessMatrix.class })
	static class Beans {

	}

	static String render(int year, List<CompletenessMatrix.Row> rows) {
		StringBuilder out = new StringBuilder(String.format("%-7s %-24s", "unit", year));
		for (int month = 1; month <= 12; month++) {
			out.append(String.format(" %02d", month));
		}
		out.append("  on time / late / missing / rejected\n");
		for (CompletenessMatrix.Row row : rows) {
			out.append(String.format("%-7s %-24.24s", row.unitCode(), row.unitName()));
			int[] counts = new int[4];
			for (int month = 1; month <= 12; month++) {
				String status = row.statuses().get(month);
				out.append("  ").append((status != null) ? SYMBOLS.get(status) : " ");
				// no row: before the first report, or the unit did not exist (List.of
				// would throw on null)
				int index = (status != null) ? List.of("ON_TIME", "LATE", "MISSING", "REJECTED").indexOf(status) : -1;
				if (index >= 0) {
					counts[index]++;
				}
			}
			out.append(String.format("  %d / %d / %d / %d%n", counts[0], counts[1], counts[2], counts[3]));
		}
		if (rows.isEmpty()) {
			out.append("(no ward or commune owed a report in ").append(year).append(")\n");
		}
		out.append("o on time   L late   - missing   R rejected, not yet corrected   . not yet due\n");
		return out.toString();
	}

}
