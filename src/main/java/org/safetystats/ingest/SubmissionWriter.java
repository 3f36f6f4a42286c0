package org.safetystats.ingest;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopSignal;
import org.safetystats.reference.ReferenceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingests the inbox's files in groups, one transaction per group (one call of the
 * tasklet): the group shares one commit, one lock of the change feed and one update of
 * the job repository. Worker threads read and validate the files in memory a few files
 * ahead ({@link FilesAhead}), and judges give most of them their OUTLIER warnings ahead
 * ({@link WarningsAhead}); the group's small files are written in batches, a few
 * statements for the whole batch ({@link BatchLoader}), each file's rows, findings and
 * status in or out as a whole (a rejected or duplicate file writes only its row and
 * findings). A file that needs more (large, not a regular file, in a published year) is
 * ingested on its own, in a savepoint of its own ({@link SubmissionIngester}), after the
 * batch before it. When a batch fails it goes back to its savepoint and its files are
 * ingested one by one, so that a file that fails (an error, not a rejection) fails alone:
 * the files before it in the group commit and move, and the next call fails the step.
 * Files move out of the inbox only after their group has committed. A stop request
 * ({@link StopSignal}) ends the group early, also in the middle of reading a large file
 * or of waiting for the files read ahead: the file under way goes back to its savepoint
 * and stays in the inbox, the files before it commit, and the step stops at the chunk's
 * end.
 */
class SubmissionWriter implements Tasklet, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(SubmissionWriter.class);

	/** One line per file, to the log file only (logging.threshold.console). */
	static final Logger PER_FILE = LoggerFactory.getLogger("org.safetystats.files");

	static final String ROWS_REJECTED = "safetystats.rows.rejected";

	/** At most this many files share a transaction. */
	static final int GROUP_FILES = 250;

	/** A group closes after this long, so that a stop request is seen soon. */
	static final long GROUP_NANOS = 2_000_000_000L;

	private final SubmissionIngester ingester;

	private final BatchLoader batchLoader;

	private final FileDisposer disposer;

	private final TransactionTemplate transactions;

	/** The catalogue of a run (by job execution id). */
	private final LongFunction<ReferenceCatalog> catalogs;

	private @Nullable ReferenceCatalog catalog;

	private final MeterRegistry meters;

	private final FilesAhead.Opener inbox;

	private @Nullable Long jobExecutionId;

	private @Nullable GroupOutcomes outcomes;

	private @Nullable FilesAhead files;

	private @Nullable Exception failed;

	/** Watches the run for a stop request (by job execution id). */
	private final LongFunction<StopSignal> stopWatch;

	private StopSignal stop = StopSignal.NEVER;

	SubmissionWriter(SubmissionIngester ingester, FilesAhead.Opener inbox, BatchLoader batchLoader,
			FileDisposer disposer, LongFunction<ReferenceCatalog> catalogs,
			PlatformTransactionManager transactionManager, MeterRegistry meters, LongFunction<StopSignal> stopWatch) {
		this.stopWatch = stopWatch;
		this.batchLoader = batchLoader;
		this.transactions = new TransactionTemplate(transactionManager);
		this.meters = meters;
		this.ingester = ingester;
		this.disposer = disposer;
		this.catalogs = catalogs;
		this.inbox = inbox;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.jobExecutionId = stepExecution.getJobExecutionId();
		this.outcomes = new GroupOutcomes(this.disposer,
				Counter.builder(ROWS_REJECTED)
					.description("Data rows of the files the ingest rejected, counted once the rejection committed")
					.tag("job", stepExecution.getJobExecution().getJobInstance().getJobName())
					.tag("step", stepExecution.getStepName())
					.register(this.meters));
		this.catalog = this.catalogs.apply(stepExecution.getJobExecutionId());
		this.files = this.inbox.open(this.catalog,
				Set.copyOf(IngestJob.filesToReload(stepExecution.getJobParameters())));
		this.failed = null;
		this.stop = this.stopWatch.apply(stepExecution.getJobExecutionId());
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.stop.close();
		if (this.files != null) {
			this.files.close();
		}
		if (this.outcomes != null) {
			this.outcomes.finish();
		}
		this.transactions.executeWithoutResult((tx) -> this.disposer.recordMoved());
		return null;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		Exception failure = this.failed;
		if (failure != null) {
			throw failure;
		}
		this.ingester.beginGroup();
		FileBatch batch = new FileBatch();
		FilesAhead ahead = Objects.requireNonNull(this.files, "beforeStep opens the inbox");
		List<FilesAhead.Next> taken = ahead.takenUntilCommit();
		long started = System.nanoTime();
		for (int count = 0; count < GROUP_FILES && System.nanoTime() - started < GROUP_NANOS
				&& !this.stop.requested(); count++) {
			FilesAhead.Next next = ahead.next();
			if (next == null) {
				return flush(batch, contribution) ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
			}
			taken.add(next);
			contribution.incrementReadCount();
			try {
				PreparedFile prepared = next.await(this.stop);
				if ((prepared == null || batch.conflicts(prepared)) && !flush(batch, contribution)) {
					return RepeatStatus.CONTINUABLE;
				}
				if (prepared != null) {
					batch.add(prepared);
				}
				else {
					ingest(next.file(), next.reload(), contribution);
				}
			}
			catch (StopRequested ex) {
				// The files before it in the group commit; the step stops at the chunk's
				// end.
				logger.info("{}", ex.getMessage());
				flush(batch, contribution);
				return RepeatStatus.CONTINUABLE;
			}
			catch (Exception ex) {
				// The files before it in the group still commit.
				logger.debug("{} failed; the files before it in its group commit", next.file().getFileName(), ex);
				this.failed = ex;
				flush(batch, contribution);
				return RepeatStatus.CONTINUABLE;
			}
		}
		flush(batch, contribution);
		return RepeatStatus.CONTINUABLE;
	}

	/**
	 * Writes the batch's files together; when that fails, goes back to the batch's start
	 * and ingests them one by one, so that a failing file fails alone. Returns false when
	 * a file failed (the step fails at the next call).
	 */
	private boolean flush(FileBatch batch, StepContribution contribution) throws Exception {
		if (batch.isEmpty()) {
			return true;
		}
		List<PreparedFile> files = batch.files();
		batch.clear();
		try {
			this.outcomes.done(this.batchLoader.load(files, this.jobExecutionId));
			contribution.incrementWriteCount(files.size());
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("A batch of {} files failed; they are ingested one by one", files.size(), ex);
			this.batchLoader.rollback();
		}
		for (PreparedFile file : files) {
			try {
				ingest(file.file(), file.reload(), contribution);
			}
			catch (Exception ex) {
				logger.debug("{} failed; the files before it in its group commit", file.fileName(), ex);
				if (this.failed == null && !(ex instanceof StopRequested)) {
					this.failed = ex;
				}
				return false;
			}
		}
		return true;
	}

	/** Ingests a file on its own, in a savepoint of its own. */
	private void ingest(Path file, boolean reload, StepContribution contribution) throws Exception {
		try (FileLogContext context = FileLogContext.of(file.getFileName().toString())) {
			this.outcomes
				.done(List.of(this.ingester.ingest(file, this.catalog, this.jobExecutionId, reload, this.stop)));
		}
		contribution.incrementWriteCount(1);
	}

}
