package org.safetystats.ingest;

import org.safetystats.batch.StopSignal;

/**
 * A point where tests inject a crash or hold a run: after a file is read and validated
 * (and, for a file ingested on its own, its values copied and registered), before its
 * transaction commits. It is given the run's stop signal, so that a test holding the run
 * here can tell when the writer has seen a stop. The default does nothing.
 */
@FunctionalInterface
interface IngestFaults {

	IngestFaults NONE = (fileName, stop) -> {
	};

	void beforeCommit(String fileName, StopSignal stop);

}
