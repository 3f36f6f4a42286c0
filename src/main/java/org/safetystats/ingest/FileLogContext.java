package org.safetystats.ingest;

import org.safetystats.validate.SubmissionFileName;
import org.slf4j.MDC;

/**
 * Names the submission a thread works on in the log context ({@value #FILE},
 * {@value #UNIT} and {@value #PERIOD} where the file's name gives them), beside the
 * execution id the job listener puts there: the structured log file
 * ({@code logging.structured.format.file}) carries them as fields of every line about the
 * file.
 */
final class FileLogContext implements AutoCloseable {

	static final String FILE = "file";

	static final String UNIT = "unit";

	static final String PERIOD = "period";

	private FileLogContext() {
	}

	static FileLogContext of(String fileName) {
		MDC.put(FILE, fileName);
		SubmissionFileName name = SubmissionFileName.parse(fileName);
		if (name != null) {
			MDC.put(UNIT, name.unitCode());
			MDC.put(PERIOD, name.periodText());
		}
		return new FileLogContext();
	}

	@Override
	public void close() {
		MDC.remove(FILE);
		MDC.remove(UNIT);
		MDC.remove(PERIOD);
	}

}
