package org.safetystats.ingest;

import java.nio.file.Path;
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

	/** Files read ahead of the writer at most. */
	static final int AHEAD = 32;

	private static final AtomicInteger threads = new AtomicInteger();

	private final InboxReader inbox;

	private final FilePreparer preparer;

	private final ReferenceCatalog catalog;

	private final Set<String> reloadFiles;

	private final ExecutorService workers;

	private final ArrayDeque<Next> ahead = new ArrayDeque<>();

	/**
	 * A file of the inbox and its preparation, under way.
	 *
	 * @param file the file
	 * @param reload whether known bytes load again (an admin's re-ingest)
	 * @param prepared the file read and validated, or {@code null} when it must be
	 * ingested on its own
	 */
	record Next(Path file, boolean reload, Future<@Nullable PreparedFile> prepared) {

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
		while (this.ahead.size() <= AHEAD) {
			Path file = this.inbox.read();
			if (file == null) {
				break;
			}
			boolean reload = this.reloadFiles.contains(file.getFileName().toString());
			this.ahead.add(new Next(file, reload,
					this.workers.submit(() -> this.preparer.prepare(file, this.catalog, reload))));
		}
		return this.ahead.poll();
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
		this.ahead.clear();
	}

}
