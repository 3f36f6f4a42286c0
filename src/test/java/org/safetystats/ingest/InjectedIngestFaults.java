package org.safetystats.ingest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The faults the integration suites inject into an ingest through {@link IngestFaults},
 * after a file's values are copied and before its transaction commits: a crash on one
 * named file, and a pause before every commit (to catch a run in the middle). A suite
 * imports this configuration, sets the fault it needs and calls {@link #reset} after each
 * test.
 */
@TestConfiguration
public class InjectedIngestFaults {

	private static final AtomicReference<String> crashOn = new AtomicReference<>();

	private static final AtomicLong pauseMillis = new AtomicLong();

	/** The ingest of this file fails before its commit. */
	public static void crashOn(String fileName) {
		crashOn.set(fileName);
	}

	/** Each file's commit waits this long. */
	public static void pauseBeforeEachCommit(long millis) {
		pauseMillis.set(millis);
	}

	/** No more faults. */
	public static void reset() {
		crashOn.set(null);
		pauseMillis.set(0);
	}

	@Bean
	IngestFaults ingestFaults() {
		return (fileName) -> {
			if (fileName.equals(crashOn.get())) {
				throw new IllegalStateException("injected crash before commit of " + fileName);
			}
			try {
				Thread.sleep(pauseMillis.get());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

}
