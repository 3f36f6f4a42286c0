package org.safetystats.ingest;

import java.nio.file.Path;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingests each file of a chunk in the chunk's transaction (one file per chunk), and moves
 * it out of the inbox only after that transaction has committed. The data rows of the
 * files it rejected count in the metric {@value #ROWS_REJECTED} (per job and step), once
 * committed.
 */
class SubmissionWriter implements ItemWriter<Path>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(SubmissionWriter.class);

	/**
	 * One line per file: to the log file only (logging.threshold.console keeps them off
	 * the console).
	 */
	static final Logger PER_FILE = LoggerFactory.getLogger("org.safetystats.files");

	static final String ROWS_REJECTED = "safetystats.rows.rejected";

	private final SubmissionIngester ingester;

	private final FileDisposer disposer;

	private final TransactionTemplate transactions;

	private final ReferenceCatalogLoader catalogLoader;

	private @Nullable ReferenceCatalog catalog;

	private final MeterRegistry meters;

	private @Nullable Long jobExecutionId;

	private @Nullable Counter rowsRejected;

	SubmissionWriter(SubmissionIngester ingester, FileDisposer disposer, ReferenceCatalogLoader catalogLoader,
			PlatformTransactionManager transactionManager, MeterRegistry meters) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.meters = meters;
		this.ingester = ingester;
		this.disposer = disposer;
		this.catalogLoader = catalogLoader;
	}

	// the files an admin's re-ingest restored from the archive: only these load again
	// over known bytes
	private Set<String> reloadFiles = Set.of();

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.jobExecutionId = stepExecution.getJobExecutionId();
		this.rowsRejected = this.meters.counter(ROWS_REJECTED, "job",
				stepExecution.getJobExecution().getJobInstance().getJobName(), "step", stepExecution.getStepName());
		this.reloadFiles = Set.copyOf(IngestJob.filesToReload(stepExecution.getJobParameters()));
		this.catalog = this.catalogLoader.snapshot();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.transactions.executeWithoutResult((tx) -> this.disposer.recordMoved());
		return null;
	}

	@Override
	public void write(Chunk<? extends Path> files) throws Exception {
		this.disposer.recordMoved();
		Counter rejectedRows = this.rowsRejected;
		for (Path file : files) {
			boolean reload = this.reloadFiles.contains(file.getFileName().toString());
			Submission submission = this.ingester.ingest(file, this.catalog, this.jobExecutionId, reload);
			PER_FILE.debug("{}: {} ({} rows, {} errors, {} warnings)", file.getFileName(), submission.status(),
					submission.rows(), submission.errors(), submission.warnings());
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					SubmissionWriter.this.disposer.dispose(submission);
					if (submission.status() == SubmissionStatus.REJECTED && rejectedRows != null) {
						rejectedRows.increment(submission.rows());
					}
				}

			});
		}
	}

}
