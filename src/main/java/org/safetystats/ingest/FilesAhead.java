package org.safetystats.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopSignal;
import org.safetystats.quality.OutlierWarnings;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.validate.Finding;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox's files in order, each read and validated in memory ({@link FilePreparer}) by
 * worker threads a few files ahead of the writer, so that the machine's cores validate
 * while the writer waits on the database. Reading ahead has no effect beyond memory:
 * nothing is written and no file moves before the writer takes it. Judges
 * ({@link WarningsAhead}) then give the files whose history is final their OUTLIER
 * warnings.
 */
final class FilesAhead implements AutoCloseable {

	/**
	 * Files read ahead of the writer at most: more than a batch, so that the workers
	 * validate the next batch while the writer writes one.
	 */
	static final int AHEAD = 320;

	/** Bytes of small files held in memory ahead of the writer at most. */
	static final long AHEAD_BYTES = 16L * 1024 * 1024;

	private static final AtomicInteger threads = new AtomicInteger();

	private final InboxReader inbox;

	private final FilePreparer preparer;

	private final ReferenceCatalog catalog;

	private final Set<String> reloadFiles;

	private final ExecutorService workers;

	private final WarningsAhead judge;

	private final ArrayDeque<Next> ahead = new ArrayDeque<>();

	private long bytesAhead;

	/**
	 * A file of the inbox and its preparation, under way.
	 *
	 * @param file the file
	 * @param reload whether known bytes load again (an admin's re-ingest)
	 * @param bytes what its preparation holds in memory at most (a large file is not read
	 * ahead)
	 * @param prepared the file read and validated, or {@code null} when it must be
	 * ingested on its own
	 * @param judged its place in the judge's queue ({@link WarningsAhead})
	 * @param preparer what prepared it, whose test hook runs as the writer takes it
	 */
	record Next(Path file, boolean reload, long bytes, Future<@Nullable PreparedFile> prepared,
			WarningsAhead.Ticket judged, FilePreparer preparer) {

		/**
		 * Waits for the preparation and the judge (with its warnings when judged ahead);
		 * the preparation's failure is the file's. On the writer's thread, as the file
		 * enters its group; a stop asked meanwhile ends the wait with
		 * {@link StopRequested}.
		 */
		@Nullable PreparedFile await(StopSignal stop) throws Exception {
			PreparedFile file;
			try {
				file = waitFor(this.prepared, stop);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			if (file != null) {
				this.preparer.beforeWrite(file.fileName(), stop);
			}
			List<Finding> warnings = waitFor(this.judged.warnings, stop);
			return (file != null) ? file.withWarnings(warnings) : null;
		}

		private <T> T waitFor(Future<T> future, StopSignal stop) throws Exception {
			while (true) {
				if (stop.requested()) {
					throw new StopRequested("waiting for " + this.file.getFileName() + " to be checked");
				}
				try {
					return future.get(StopSignal.POLL.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					// look at the stop signal again
				}
			}
		}

	}

	/** Opens the inbox of a run. */
	@FunctionalInterface
	interface Opener {

		/**
		 * @param catalog the run's catalogue
		 * @param reloadFiles the files an admin's re-ingest restored from the archive
		 */
		FilesAhead open(ReferenceCatalog catalog, Set<String> reloadFiles);

	}

	/**
	 * @param reloadFiles the files an admin's re-ingest restored from the archive: only
	 * these load again over known bytes
	 */
	FilesAhead(InboxReader inbox, FilePreparer preparer, ReferenceCatalog catalog, Set<String> reloadFiles,
			OutlierWarnings outliers) {
		this.judge = new WarningsAhead(outliers);
		this.inbox = inbox;
		this.preparer = preparer;
		this.catalog = catalog;
		this.reloadFiles = reloadFiles;
		int cores = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
		this.workers = Executors.newFixedThreadPool(cores, (task) -> {
			Thread thread = new Thread(task, "ingest-prepare-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The next file of the inbox, or {@code null} when there is none. */
	@Nullable Next next() {
		while (this.ahead.size() <= AHEAD && this.bytesAhead < AHEAD_BYTES) {
			Path file = this.inbox.read();
			if (file == null) {
				break;
			}
			boolean reload = this.reloadFiles.contains(file.getFileName().toString());
			long bytes = inMemory(file);
			this.bytesAhead += bytes;
			Future<@Nullable PreparedFile> prepared = this.workers
				.submit(() -> this.preparer.prepare(file, this.catalog, reload));
			this.ahead.add(new Next(file, reload, bytes, prepared, this.judge.add(prepared), this.preparer));
		}
		Next next = this.ahead.poll();
		if (next != null) {
			this.bytesAhead -= next.bytes();
		}
		return next;
	}

	private static long inMemory(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			return (attributes.isRegularFile() && attributes.size() <= FilePreparer.MAX_BYTES) ? attributes.size() : 0;
		}
		catch (IOException ex) {
			// the preparation reports it
			return 0;
		}
	}

	/**
	 * A list for the files the current transaction takes: once it commits, their units'
	 * later files may be judged ahead.
	 */
	List<Next> takenUntilCommit() {
		List<Next> taken = new ArrayList<>();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				FilesAhead.this.judge.committed(taken.stream().map(Next::judged).toList());
			}

		});
		return taken;
	}

	@Override
	public void close() {
		this.judge.close();
		this.workers.shutdownNow();
		this.ahead.clear();
	}

}
