package org.safetystats.ingest;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.safetystats.reference.ReferenceCatalog;
import org.springframework.stereotype.Component;

/**
 * The catalogue that a run's {@code syncReference} step loaded, handed to the same run's
 * {@code ingestSubmissions} step, so that the national catalogue is read into memory once
 * per run rather than twice. Safe because the reference tables change only in
 * {@code syncReference}, under the pipeline lock.
 */
@Component
class RunCatalog {

	private @Nullable Long jobExecutionId;

	private @Nullable ReferenceCatalog catalog;

	/** Keeps the catalogue the run just loaded. */
	synchronized void keep(long jobExecutionId, ReferenceCatalog catalog) {
		this.jobExecutionId = jobExecutionId;
		this.catalog = catalog;
	}

	/**
	 * The catalogue the run loaded (given up by this holder), or a fresh one when the run
	 * kept none (a restart that resumed after {@code syncReference}).
	 */
	synchronized ReferenceCatalog take(long jobExecutionId, Supplier<ReferenceCatalog> fresh) {
		ReferenceCatalog kept = (this.jobExecutionId != null && this.jobExecutionId == jobExecutionId) ? this.catalog
				: null;
		this.jobExecutionId = null;
		this.catalog = null;
		return (kept != null) ? kept : fresh.get();
	}

}
