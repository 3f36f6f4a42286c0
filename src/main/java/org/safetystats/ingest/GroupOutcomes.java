package org.safetystats.ingest;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What follows the files of a group once its transaction has committed: each file moves
 * out of the inbox ({@link FileDisposer}), on a thread of its own while the next group is
 * written, the moves are recorded there in a transaction of their own, and the data rows
 * of the rejected ones count in the metric {@value SubmissionWriter#ROWS_REJECTED}.
 * Nothing happens on a rollback. A crash before a move leaves it to the next run's
 * {@code finishPendingMoves}, as ever.
 */
final class GroupOutcomes {

	private static final Logger logger = LoggerFactory.getLogger(GroupOutcomes.class);

	private final FileDisposer disposer;

	private final Counter rowsRejected;

	private final ExecutorService mover = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "ingest-move");
		thread.setDaemon(true);
		return thread;
	});

	GroupOutcomes(FileDisposer disposer, Counter rowsRejected) {
		this.disposer = disposer;
		this.rowsRejected = rowsRejected;
	}

	/** Logs the files' outcomes and moves the files once the transaction commits. */
	void done(List<Submission> submissions) {
		for (Submission submission : submissions) {
			try (FileLogContext context = FileLogContext.of(submission.fileName())) {
				SubmissionWriter.PER_FILE.debug("{}: {} ({} rows, {} errors, {} warnings)", submission.fileName(),
						submission.status(), submission.rows(), submission.errors(), submission.warnings());
			}
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				GroupOutcomes.this.mover.execute(() -> move(submissions));
			}

		});
	}

	private void move(List<Submission> submissions) {
		for (Submission submission : submissions) {
			try {
				this.disposer.dispose(submission);
			}
			catch (RuntimeException ex) {
				logger.error("Submission {} is committed but its file {} could not be moved: {}. The next run retries.",
						submission.id(), submission.fileName(), ex.toString());
			}
			if (submission.status() == SubmissionStatus.REJECTED) {
				this.rowsRejected.increment(submission.rows());
			}
		}
		this.disposer.recordMovedAside();
	}

	/** Waits for the moves of the committed groups to end. */
	void finish() {
		this.mover.shutdown();
		try {
			if (!this.mover.awaitTermination(10, TimeUnit.MINUTES)) {
				logger.warn("File moves still running after 10 minutes; the next run finishes them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
