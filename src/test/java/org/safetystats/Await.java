package org.safetystats;

import java.time.Duration;

/** Waits for a condition that background work (a job, the scheduler) makes true. */
public final class Await {

	@FunctionalInterface
	public interface Condition {

		boolean holds() throws Exception;

	}

	private Await() {
	}

	public static void until(Condition condition, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		try {
			while (!condition.holds()) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("condition not met within " + patience);
				}
				Thread.sleep(100);
			}
		}
		catch (AssertionError ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
