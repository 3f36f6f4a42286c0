package org.safetystats.ingest;

/**
 * A point where tests inject a crash: after a file is read and validated (and, for a file
 * ingested on its own, its values copied and registered), before its transaction commits.
 * The default does nothing.
 */
@FunctionalInterface
interface IngestFaults {

	IngestFaults NONE = (fileName) -> {
	};

	void beforeCommit(String fileName);

}
