package org.safetystats.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows of a benchmark run: printed as they come, with the machine's load at that
 * moment ({@code /proc/loadavg}, since the figures are only as quiet as the machine), and
 * written to {@code results.csv} at the end.
 */
final class BenchResults {

	private static final String[] HEADER = { "measure", "value", "unit", "baseline", "ratio", "target", "load",
			"history_months" };

	private final List<String[]> rows = new ArrayList<>();

	// the seconds of each measure (its months of history left out of its name) at each
	// size of history, in the order the sizes were measured
	private final Map<String, Map<Integer, Double>> growth = new LinkedHashMap<>();

	private int historyMonths;

	// the values of history loaded at each size (the data: before the reform a month
	// holds three times as many communes as after it)
	private final Map<Integer, Long> historyValues = new LinkedHashMap<>();

	/** The months of history loaded for the measures that follow. */
	void history(int months) {
		this.historyMonths = months;
	}

	/** The values of history loaded in all, at the current size. */
	void historyValues(long values) {
		this.historyValues.put(this.historyMonths, values);
	}

	void record(String measure, double value, String unit, String baseline, String ratio, String target) {
		String[] row = { measure, format(value), unit, baseline, ratio, target, load(),
				String.valueOf(this.historyMonths) };
		this.rows.add(row);
		if ("s".equals(unit) && !measure.startsWith("history loaded")) {
			this.growth.computeIfAbsent(measure.replaceAll(" \\(\\d+ months\\)", ""), (k) -> new LinkedHashMap<>())
				.put(this.historyMonths, value);
		}
		System.out.printf("  %-64s %12s %-9s %-40s %7s %-7s load %s%n", (Object[]) row);
	}

	/**
	 * A measure against a floor it should beat: the ratio is floor time over our time
	 * (higher is better).
	 */
	void againstFloor(String measure, double seconds, String floorName, double floorSeconds, double target) {
		double ratio = floorSeconds / seconds;
		record(measure, seconds, "s", floorName + " " + format(floorSeconds) + " s", format(ratio),
				(ratio >= target) ? "met" : "missed");
	}

	/**
	 * With more than one size of history: each measure's seconds at each size, and how
	 * much it grew from the first size to the last against how much the history grew (a
	 * cost growing faster than the data shows as a ratio above 1).
	 */
	void printGrowth() {
		growthTable().forEach(System.out::println);
	}

	List<String> growthTable() {
		List<Integer> sizes = this.growth.values()
			.stream()
			.flatMap((m) -> m.keySet().stream())
			.distinct()
			.sorted()
			.toList();
		if (sizes.size() < 2) {
			return List.of();
		}
		int first = sizes.get(0);
		int last = sizes.get(sizes.size() - 1);
		boolean byValues = this.historyValues.containsKey(first) && this.historyValues.containsKey(last);
		double data = byValues ? (double) this.historyValues.get(last) / this.historyValues.get(first)
				: (double) last / first;
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"Growth with the history (seconds at %s months; from %d to %d months the history grew %.1fx, in %s):",
				sizes, first, last, data, byValues ? "values" : "months"));
		this.growth.forEach((measure, bySize) -> {
			if (!bySize.containsKey(first) || !bySize.containsKey(last)) {
				return;
			}
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-64s", measure));
			sizes.forEach((size) -> line
				.append(String.format(Locale.ROOT, " %10s", bySize.containsKey(size) ? format(bySize.get(size)) : "")));
			double grew = bySize.get(last) / bySize.get(first);
			line.append(String.format(Locale.ROOT, "   %6.2fx, %5.2f of the history's", grew, grew / data));
			lines.add(line.toString());
		});
		return lines;
	}

	void write(Path csv) throws IOException {
		try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
			printer.printRecords(this.rows.stream().map(List::of).toList());
		}
		System.out.println("Results: " + csv);
	}

	/** The 1-, 5- and 15-minute load averages. */
	static String load() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "?";
		}
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

	static String format(double value) {
		return (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.3f", value);
	}

}
