package org.safetystats.ingest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;
import org.safetystats.system.SpreadsheetText;
import org.safetystats.validate.Finding;

/**
 * Writes a rejected file's findings beside it as {@code <name>.errors.csv}: UTF-8 with a
 * byte order mark so that Excel shows Vietnamese correctly, every cell quoted, and any
 * cell that a spreadsheet could take for a formula kept as text
 * ({@link SpreadsheetText}). A CSV file's report locates each finding by its
 * {@code line}; a workbook's ({@code .xlsx}) by its {@code cell} ({@code Sheet1!C7}).
 */
final class ErrorReportWriter {

	static final List<String> HEADER = List.of("line", "field", "value", "rule", "severity", "message_vi",
			"message_en");

	static final List<String> WORKBOOK_HEADER = List.of("cell", "field", "value", "rule", "severity", "message_vi",
			"message_en");

	private ErrorReportWriter() {
	}

	/** Writes the report atomically: a reader never sees half a file. */
	static void write(Path target, List<Finding> findings) throws IOException {
		Path temp = target.resolveSibling(target.getFileName() + ".tmp");
		CSVFormat format = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();
		try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(out, format)) {
			out.write('\uFEFF');
			boolean workbook = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx.errors.csv");
			printer.printRecord(workbook ? WORKBOOK_HEADER : HEADER);
			for (Finding f : findings) {
				// a workbook's finding on a row has its cell; one about the whole file
				// has neither
				String where = (f.cell() != null) ? f.cell() : f.lineText();
				printer.printRecord(safe(where), safe(f.field()), safe(f.value()), f.rule().name(), f.severity().name(),
						safe(f.messageVi()), safe(f.messageEn()));
			}
		}
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static String safe(@Nullable String cell) {
		return SpreadsheetText.neutralised(cell);
	}

}
