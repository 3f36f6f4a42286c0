package org.safetystats.warehouse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.startup.DatabaseOnlyConfiguration;
import org.safetystats.system.ReportingTime;
import org.safetystats.system.RequestFields;
import org.safetystats.warehouse.CompletenessMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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

	/** The statuses counted, in the order of the last column. */
	private static final List<String> COUNTED = List.of("ON_TIME", "LATE", "MISSING", "REJECTED");

	@Option(names = "--year", required = true, paramLabel = "Y")
	private int year;

	@Option(names = "--unit", paramLabel = "CODE",
			description = "A ward, or a city or province for all its wards (default: the deployment's own unit, "
					+ "setting safetystats.unit; all: every unit)")
	private String unit;

	@Override
	public Integer call() throws Exception {
		RequestFields.year("--year", Integer.toString(this.year));
		try (ConfigurableApplicationContext context = ApplicationContexts.startSmall(Beans.class, Map.of())) {
			CompletenessMatrix matrix = context.getBean(CompletenessMatrix.class);
			String scope = (this.unit != null) ? this.unit : context.getEnvironment().getProperty("safetystats.unit");
			if (scope != null && (scope.isBlank() || scope.equalsIgnoreCase("all"))) {
				scope = null;
			}
			List<CompletenessMatrix.Row> rows = matrix.year(this.year, scope);
			System.out.println(summary(this.year, scope, (scope != null) ? matrix.unitName(scope) : null, rows));
			System.out.print(render(this.year, rows));
			ReportingTime time = ReportingTime.of(context.getEnvironment());
			System.out.println(matrix.refreshedAt()
				.map((at) -> "as refreshed at " + time.format(at) + " by the last nightly run or warehouse build")
				.orElse("completeness has not been refreshed yet: run the nightly job or build-warehouse"));
			return 0;
		}
	}

	/** What {@code completeness} reads with. */
	@Configuration(proxyBeanMethods = false)
	@Import({ DatabaseOnlyConfiguration.class, CompletenessMatrix.class })
	static class Beans {

	}

	/**
	 * The line printed first: the scope, how many wards and communes, and the months owed
	 * by status.
	 */
	static String summary(int year, @Nullable String unit, @Nullable String unitName,
			List<CompletenessMatrix.Row> rows) {
		int[] counts = new int[4];
		for (CompletenessMatrix.Row row : rows) {
			for (String status : row.statuses().values()) {
				int index = COUNTED.indexOf(status);
				if (index >= 0) {
					counts[index]++;
				}
			}
		}
		String scope = (unit == null) ? "every unit"
				: unit + ((unitName != null) ? " " + unitName : "") + " and the wards and communes under it";
		return String.format(Locale.ROOT,
				"completeness %d, %s: %,d wards and communes, %,d reports owed: %,d on time, %,d late, %,d missing, "
						+ "%,d rejected",
				year, scope, rows.size(), counts[0] + counts[1] + counts[2] + counts[3], counts[0], counts[1],
				counts[2], counts[3]);
	}

	/**
	 * The matrix as text, padded by hand: {@code String.format} for each of a national
	 * year's 3,321 rows took a sixth of the command's time.
	 */
	static String render(int year, List<CompletenessMatrix.Row> rows) {
		StringBuilder out = new StringBuilder(80 * (rows.size() + 3));
		pad(out, "unit", 7).append(' ');
		pad(out, Integer.toString(year), 24);
		for (int month = 1; month <= 12; month++) {
			out.append((month < 10) ? " 0" : " ").append(month);
		}
		out.append("  on time / late / missing / rejected\n");
		for (CompletenessMatrix.Row row : rows) {
			String name = String.valueOf(row.unitName());
			pad(out, row.unitCode(), 7).append(' ');
			pad(out, (name.length() > 24) ? name.substring(0, 24) : name, 24);
			int[] counts = new int[4];
			for (int month = 1; month <= 12; month++) {
				// no row: before the first report, or the unit did not exist
				String status = row.statuses().get(month);
				out.append("  ").append((status != null) ? SYMBOLS.get(status) : " ");
				int index = (status != null) ? COUNTED.indexOf(status) : -1;
				if (index >= 0) {
					counts[index]++;
				}
			}
			out.append("  ").append(counts[0]).append(" / ").append(counts[1]).append(" / ").append(counts[2]);
			out.append(" / ").append(counts[3]).append(System.lineSeparator());
		}
		if (rows.isEmpty()) {
			out.append("(no ward or commune owed a report in ").append(year).append(")\n");
		}
		out.append("o on time   L late   - missing   R rejected, not yet corrected   . not yet due\n");
		return out.toString();
	}

	/** Appends {@code text} left-aligned in {@code width} characters (longer: whole). */
	private static StringBuilder pad(StringBuilder out, String text, int width) {
		out.append(text);
		for (int i = text.length(); i < width; i++) {
			out.append(' ');
		}
		return out;
	}

}
