package org.safetystats.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows of a benchmark run: printed as they come, with the machine's load at that
 * moment ({@code /proc/loadavg}, since the figures are only as quiet as the machine), and
 * written to {@code results.csv} at the end.
 */
final class BenchResults {

	private static final String[] HEADER = { "measure", "value", "unit", "baseline", "ratio", "target", "load" };

	private final List<String[]> rows = new ArrayList<>();

	void record(String measure, double value, String unit, String baseline, String ratio, String target) {
		String[] row = { measure, format(value), unit, baseline, ratio, target, load() };
		this.rows.add(row);
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
