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
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingests the inbox's files in groups, one transaction per group (one call of the
 * tasklet), each file in a savepoint of its own: a file's rows, findings and status are
 * in or out as a whole, and the group shares one commit, one lock of the change feed and
 * one update of the job repository, which is what a file cost most when it had a
 * transaction of its own. A file that fails (an error, not a rejection) is rolled back to
 * its savepoint alone: the files before it in the group commit and move, and the next
 * call fails the step. Files move out of the inbox only after their group has committed.
 * The data rows of the files it rejected count in the metric {@value #ROWS_REJECTED} (per
 * job and step), once committed.
 */
class SubmissionWriter implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(SubmissionWriter.class);

	/**
	 * One line per file: to the log file only (logging.threshold.console keeps them off
	 * the console).
	 */
	static final Logger PER_FILE = LoggerFactory.getLogger("org.safetystats.files");

	static final String ROWS_REJECTED = "safetystats.rows.rejected";

	/** At most this many files share a transaction. */
	static final int GROUP_FILES = 250;

	/** A group closes after this long, so that a stop request is seen soon. */
	static final long GROUP_NANOS = 2_000_000_000L;

	private final SubmissionIngester ingester;

	private final FileDisposer disposer;

	private final TransactionTemplate transactions;

	private final ReferenceCatalogLoader catalogLoader;

	private final InboxReader inbox;

	private @Nullable ReferenceCatalog catalog;

	private final MeterRegistry meters;

	private @Nullable Long jobExecutionId;

	private @Nullable Counter rowsRejected;

	private @Nullable Exception failed;

	SubmissionWriter(SubmissionIngester ingester, FileDisposer disposer, ReferenceCatalogLoader catalogLoader,
			PlatformTransactionManager transactionManager, InboxReader inbox, MeterRegistry meters) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.meters = meters;
		this.ingester = ingester;
		this.disposer = disposer;
		this.catalogLoader = catalogLoader;
		this.inbox = inbox;
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
		this.failed = null;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.transactions.executeWithoutResult((tx) -> this.disposer.recordMoved());
		return null;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		Exception failure = this.failed;
		if (failure != null) {
			throw failure;
		}
		this.disposer.recordMoved();
		this.ingester.beginGroup();
		long started = System.nanoTime();
		for (int files = 0; files < GROUP_FILES && System.nanoTime() - started < GROUP_NANOS; files++) {
			Path file = this.inbox.read();
			if (file == null) {
				return RepeatStatus.FINISHED;
			}
			contribution.incrementReadCount();
			try {
				ingest(file);
			}
			catch (Exception ex) {
				// The ingester rolled back this file alone: the files before it in
				// the group still commit.
				logger.debug("{} failed; the files before it in its group commit", file.getFileName(), ex);
				this.failed = ex;
				return RepeatStatus.CONTINUABLE;
			}
			contribution.incrementWriteCount(1);
		}
		return RepeatStatus.CONTINUABLE;
	}

	private void ingest(Path file) throws Exception {
		boolean reload = this.reloadFiles.contains(file.getFileName().toString());
		Submission submission = this.ingester.ingest(file, this.catalog, this.jobExecutionId, reload);
		PER_FILE.debug("{}: {} ({} rows, {} errors, {} warnings)", file.getFileName(), submission.status(),
				submission.rows(), submission.errors(), submission.warnings());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				SubmissionWriter.this.disposer.dispose(submission);
				Counter rejectedRows = SubmissionWriter.this.rowsRejected;
				if (submission.status() == SubmissionStatus.REJECTED && rejectedRows != null) {
					rejectedRows.increment(submission.rows());
				}
			}

		});
	}

}
