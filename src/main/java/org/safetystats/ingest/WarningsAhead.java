package org.safetystats.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.quality.OutlierWarnings;
import org.safetystats.validate.Finding;

/**
 * The OUTLIER warnings of the files read ahead, judged outside the writer's transaction
 * while it writes the files before them: the history reads and the judging, most of a
 * small file's cost, leave the writer's path. One thread decides, in the inbox's order,
 * which files are judged ahead; two judges, each on a connection of its own, judge
 * batches of them (one reads while the other judges).
 * <p>
 * A file is judged ahead only when its history is final: every earlier file of the run
 * with its unit (or of a unit not known here, a file ingested on its own) has committed,
 * so the judge's read sees what the writer's would. Any other file, and every file when
 * the read fails, is left to the writer ({@code null} warnings), which judges it in its
 * transaction as before. Later files of the inbox are written after the file, so they are
 * never in the history either way.
 */
final class WarningsAhead implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WarningsAhead.class);

	/** Files judged with one read of their histories at most. */
	static final int BATCH = 64;

	/** Batches judged at once. */
	static final int JUDGES = 2;

	/** Counts files of a unit not known to the judge. */
	private static final String UNKNOWN = "";

	private final OutlierWarnings outliers;

	private final BlockingQueue<Ticket> queue = new LinkedBlockingQueue<>();

	/** Files judged (or passed) and not yet committed, by unit. */
	private final Map<String, Integer> uncommitted = new HashMap<>();

	private final Thread thread;

	private final ExecutorService judges;

	private static final AtomicInteger judgeThreads = new AtomicInteger();

	/** A file's place in the judge's queue. */
	static final class Ticket {

		private final Future<@Nullable PreparedFile> prepared;

		/** Its warnings, or {@code null} when the writer judges it. */
		final CompletableFuture<@Nullable List<Finding>> warnings = new CompletableFuture<>();

		/** Its unit while uncommitted, set by the judge before the warnings. */
		private @Nullable String unit;

		private Ticket(Future<@Nullable PreparedFile> prepared) {
			this.prepared = prepared;
		}

	}

	WarningsAhead(OutlierWarnings outliers) {
		this.outliers = outliers;
		this.judges = Executors.newFixedThreadPool(JUDGES, (task) -> {
			Thread judge = new Thread(task, "ingest-judge-" + judgeThreads.incrementAndGet());
			judge.setDaemon(true);
			return judge;
		});
		this.thread = new Thread(this::run, "ingest-judge-dispatch");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Queues a file, in the inbox's order. */
	Ticket add(Future<@Nullable PreparedFile> prepared) {
		Ticket ticket = new Ticket(prepared);
		this.queue.add(ticket);
		return ticket;
	}

	/** The files' transaction has committed: their units' later files may be judged. */
	synchronized void committed(List<Ticket> tickets) {
		for (Ticket ticket : tickets) {
			String unit = ticket.unit;
			if (unit != null) {
				this.uncommitted.computeIfPresent(unit, (u, n) -> (n == 1) ? null : n - 1);
			}
		}
	}

	private void run() {
		List<Ticket> tickets = new ArrayList<>();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				tickets.clear();
				tickets.add(this.queue.take());
				this.queue.drainTo(tickets, BATCH - 1);
				dispatch(tickets);
			}
		}
		catch (InterruptedException ex) {
			// closed
		}
	}

	/**
	 * Decides, in order, which files are judged ahead and hands them to a judge: two
	 * judges at once, so that one reads while the other judges.
	 */
	private void dispatch(List<Ticket> tickets) throws InterruptedException {
		List<Ticket> judged = new ArrayList<>();
		List<OutlierWarnings.Candidate> candidates = new ArrayList<>();
		for (Ticket ticket : tickets) {
			PreparedFile file = prepared(ticket);
			if (judgeable(ticket, file)) {
				judged.add(ticket);
				candidates.add(new OutlierWarnings.Candidate(file.unitCode(), file.period(), file.values()));
			}
			else {
				ticket.warnings.complete(null);
			}
		}
		if (judged.isEmpty()) {
			return;
		}
		try {
			this.judges.execute(() -> judge(judged, candidates));
		}
		catch (RejectedExecutionException ex) { // closed
			judged.forEach((j) -> j.warnings.complete(null));
		}
	}

	private void judge(List<Ticket> judged, List<OutlierWarnings.Candidate> candidates) {
		List<List<Finding>> warnings = null;
		try {
			warnings = this.outliers.checkAll(candidates);
		}
		catch (RuntimeException | Error ex) {
			logger.debug("Judging {} files ahead failed; the writer judges them", candidates.size(), ex);
		}
		for (int i = 0; i < judged.size(); i++) {
			judged.get(i).warnings.complete((warnings != null) ? List.copyOf(warnings.get(i)) : null);
		}
	}

	/**
	 * Whether the file's history is final; counts a file that may load as uncommitted
	 * under its unit (a later file of the unit judged in the same read would miss it, so
	 * it waits), and a file ingested on its own under a unit not known here.
	 */
	private synchronized boolean judgeable(Ticket ticket, @Nullable PreparedFile file) {
		boolean mayLoad = file == null || file.result().loadable();
		String unit = (file == null) ? UNKNOWN : file.unitCode();
		boolean finalHistory = file != null && mayLoad && unit != null && file.period() != null
				&& !this.uncommitted.containsKey(unit) && !this.uncommitted.containsKey(UNKNOWN);
		if (mayLoad && unit != null) {
			ticket.unit = unit;
			this.uncommitted.merge(unit, 1, Integer::sum);
		}
		return finalHistory;
	}

	private static @Nullable PreparedFile prepared(Ticket ticket) throws InterruptedException {
		try {
			return ticket.prepared.get();
		}
		catch (ExecutionException | CancellationException ex) {
			// the writer reports it
			return null;
		}
	}

	@Override
	public void close() {
		this.thread.interrupt();
		this.judges.shutdownNow();
	}

}
