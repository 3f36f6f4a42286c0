package org.safetystats.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopSignal;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.awaitility.Awaitility.await;

/**
 * The faults the integration suites inject into an ingest through {@link IngestFaults},
 * after a file's values are copied and before its transaction commits: a crash on one
 * named file, and a gate that holds every commit until the test lets it through (to catch
 * a run in the middle, whatever the machine's speed). A suite imports this configuration,
 * sets the fault it needs and calls {@link #reset} after each test.
 */
@TestConfiguration
public class InjectedIngestFaults {

	/**
	 * A held commit waits at most this long, then fails its file: a test that never lets
	 * it through fails instead of hanging.
	 */
	static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

	private static final AtomicReference<@Nullable String> crashOn = new AtomicReference<>();

	private static final AtomicReference<@Nullable Gate> gate = new AtomicReference<>();

	/** The ingest of this file fails before its commit. */
	public static void crashOn(String fileName) {
		crashOn.set(fileName);
	}

	/**
	 * From now on each file's commit waits at the gate until {@link #releaseCommits(int)}
	 * or {@link #releaseCommits()} lets it through.
	 */
	public static void holdCommits() {
		Gate previous = gate.getAndSet(new Gate());
		if (previous != null) {
			previous.open();
		}
	}

	/**
	 * Waits until {@code count} commits came to the gate since {@link #holdCommits()}
	 * (the last of them held there unless let through ahead); returns the files of all
	 * that came, in their order.
	 */
	public static List<String> awaitHeldCommits(int count) {
		Gate held = held();
		await().atMost(HOLD_LIMIT).until(() -> held.arrived.size() >= count);
		return List.copyOf(held.arrived);
	}

	/** The files whose commit came to the gate since {@link #holdCommits()}, in order. */
	public static List<String> heldCommits() {
		return List.copyOf(held().arrived);
	}

	/** Lets this many commits through the gate, held now or coming later. */
	public static void releaseCommits(int count) {
		held().passes.release(count);
	}

	/** Opens the gate: every commit held now or coming later goes through. */
	public static void releaseCommits() {
		held().open();
	}

	/**
	 * Whether the run whose commit came to the gate last has seen a stop request (its
	 * writer's {@link StopSignal}, polled on a thread of its own).
	 */
	public static boolean heldRunSeesStop() {
		return held().stop.requested();
	}

	/** No more faults; a held commit goes through. */
	public static void reset() {
		crashOn.set(null);
		Gate previous = gate.getAndSet(null);
		if (previous != null) {
			previous.open();
		}
	}

	private static Gate held() {
		Gate held = gate.get();
		if (held == null) {
			throw new IllegalStateException("No commits are held: call holdCommits() first");
		}
		return held;
	}

	@Bean
	IngestFaults ingestFaults() {
		return (fileName, stop) -> {
			if (fileName.equals(crashOn.get())) {
				throw new IllegalStateException("injected crash before commit of " + fileName);
			}
			Gate held = gate.get();
			if (held != null) {
				held.pass(fileName, stop);
			}
		};
	}

	/** The commits held until the test lets them through. */
	private static final class Gate {

		private final Semaphore passes = new Semaphore(0);

		private final List<String> arrived = new CopyOnWriteArrayList<>();

		private volatile boolean open;

		private volatile StopSignal stop = StopSignal.NEVER;

		void pass(String fileName, StopSignal stop) {
			this.stop = stop;
			this.arrived.add(fileName);
			if (this.open) {
				return;
			}
			try {
				if (!this.passes.tryAcquire(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException("The commit of " + fileName + " was held " + HOLD_LIMIT
							+ " and never let through: the test did not call releaseCommits");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the commit of " + fileName + " was held", ex);
			}
		}

		/**
		 * Lets every commit through: one pass for each that came (a commit that comes
		 * after sees the gate open), whether or not it was already let through.
		 */
		void open() {
			this.open = true;
			this.passes.release(this.arrived.size());
		}

	}

}
