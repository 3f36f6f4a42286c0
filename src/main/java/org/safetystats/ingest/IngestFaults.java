package org.safetystats.ingest;

/**
 * A point where tests inject a crash: after a submission's values are copied and
 * registered, before its transaction commits. The default does nothing.
 */
@FunctionalInterface
interface IngestFaults {

	IngestFaults NONE = (fileName) -> {
	};

	void beforeCommit(String fileName);

}
