package org.safetystats.batch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a stop of a running execution was asked, as {@link StopRequests#watch} polls
 * it: a step's long loops (reading a large file, waiting for the files read ahead) ask
 * {@link #requested()} as often as they like, a read of a field, and end their chunk
 * early, so that the step sees STOPPING at its chunk boundary within about a second
 * wherever it was.
 */
public final class StopSignal implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(StopSignal.class);

	/** How often the execution's status is read. */
	public static final Duration POLL = Duration.ofMillis(500);

	private static final AtomicInteger threads = new AtomicInteger();

	/** A signal never raised: for a caller outside a job. */
	public static final StopSignal NEVER = new StopSignal();

	private final @Nullable ScheduledExecutorService poller;

	private volatile boolean requested;

	StopSignal(BooleanSupplier stopAsked) {
		ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "stop-watch-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.poller = poller;
		poller.scheduleWithFixedDelay(() -> {
			try {
				if (stopAsked.getAsBoolean()) {
					this.requested = true;
					poller.shutdown();
				}
			}
			catch (RuntimeException ex) {
				// the next poll tries again; the step's own chunk boundary still reads it
				logger.debug("Reading whether a stop was asked failed", ex);
			}
		}, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
	}

	private StopSignal() {
		this.poller = null;
	}

	/** Whether a stop was asked (seen within {@link #POLL} of the request). */
	public boolean requested() {
		return this.requested;
	}

	@Override
	public void close() {
		if (this.poller != null) {
			this.poller.shutdownNow();
		}
	}

}
