package org.safetystats.batch;

import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown (SIGTERM, Ctrl-C), asks every job execution running in this process to stop
 * after its current chunk and waits for them, so each is left STOPPED and restartable
 * instead of dead in STARTED.
 */
@Component
class GracefulJobShutdown implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(GracefulJobShutdown.class);

	static final Duration PATIENCE = Duration.ofMinutes(2);

	/** Made only when an execution runs here: a command that runs none never needs it. */
	private final ObjectProvider<StopRequests> stopRequests;

	private final JobLifecycleListener lifecycle;

	private volatile boolean running;

	GracefulJobShutdown(ObjectProvider<StopRequests> stopRequests, JobLifecycleListener lifecycle) {
		this.stopRequests = stopRequests;
		this.lifecycle = lifecycle;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Set<Long> inProcess = this.lifecycle.runningHere();
		for (Long id : inProcess) {
			if (this.stopRequests.getObject().request(id)) {
				logger.warn("Shutting down: asking execution {} to stop after its current chunk", id);
			}
		}
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		for (Long id : inProcess) {
			try {
				this.lifecycle.future(id)
					.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
				logger.warn("Execution {} stopped; `restart {}` resumes it", id, id);
			}
			catch (Exception ex) {
				logger.error("Execution {} did not stop within {}: it will be recovered as FAILED at the next start",
						id, PATIENCE);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stop before the scheduler, the web server and the data source. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
