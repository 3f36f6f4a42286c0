package org.safetystats.template;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.safetystats.system.SpreadsheetText;

/**
 * The template as a CSV file of the submission format: UTF-8 with a byte order mark (so
 * that Excel shows Vietnamese right), the header and one line per value, the value left
 * empty; a name a spreadsheet could take for a formula stays text
 * ({@link SpreadsheetText}, as in an error report). The format has no room for comments:
 * the instructions are the workbook's second sheet and docs/submission-format.md.
 */
final class CsvTemplate {

	private CsvTemplate() {
	}

	static void write(MonthTemplate template, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
		printer.printRecord(TemplateColumns.HEADER);
		for (MonthTemplate.Line line : template.lines()) {
			printer.printRecord(template.unit().code(), template.period(), line.villageCode(),
					SpreadsheetText.neutralised(line.villageName()), line.indicator().code(),
					SpreadsheetText.neutralised(line.indicator().nameVi()), "", "");
		}
		// flushed, not closed: the caller owns the stream
		printer.flush();
	}

}
