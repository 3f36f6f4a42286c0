package org.safetystats.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.safetystats.reference.ReferenceCatalog;

/**
 * The inbox's files in order, each read and validated in memory ({@link FilePreparer}) by
 * worker threads a few files ahead of the writer, so that the machine's cores validate
 * while the writer waits on the database. Reading ahead has no effect beyond memory:
 * nothing is written and no file moves before the writer takes it.
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
	 */
	record Next(Path file, boolean reload, long bytes, Future<@Nullable PreparedFile> prepared) {

		/** Waits for the preparation; its failure is the file's. */
		@Nullable PreparedFile await() throws Exception {
			try {
				return this.prepared.get();
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
		}

	}

	/**
	 * @param reloadFiles the files an admin's re-ingest restored from the archive: only
	 * these load again over known bytes
	 */
	FilesAhead(InboxReader inbox, FilePreparer preparer, ReferenceCatalog catalog, Set<String> reloadFiles) {
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
			this.ahead.add(new Next(file, reload, bytes,
					this.workers.submit(() -> this.preparer.prepare(file, this.catalog, reload))));
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

	@Override
	public void close() {
		this.workers.shutdownNow();
		this.ahead.clear();
	}

}
