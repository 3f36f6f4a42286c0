package org.safetystats.batch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Listens to every job: puts the execution id in the log context, counts items read and
 * written per job and step (Micrometer; the ingest counts the rows it rejects itself),
 * releases the pipeline lock of the run, and completes the future a waiting caller holds.
 */
@Component
public class JobLifecycleListener implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(JobLifecycleListener.class);

	public static final String MDC_KEY = "jobExecutionId";

	private final Map<Long, CompletableFuture<Void>> finished = new ConcurrentHashMap<>();

	private final Map<Long, AutoCloseable> locks = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	public JobLifecycleListener(MeterRegistry meters) {
		this.meters = meters;
	}

	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	@Override
	public void beforeJob(JobExecution execution) {
		this.running.add(execution.getId());
		MDC.put(MDC_KEY, Long.toString(execution.getId()));
	}

	/** Executions running in this process now. */
	public Set<Long> runningHere() {
		return Set.copyOf(this.running);
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			String job = execution.getJobInstance().getJobName();
			for (StepExecution step : execution.getStepExecutions()) {
				count("safetystats.rows.read", "Items a step read (files for ingestSubmissions)", job, step,
						step.getReadCount());
				count("safetystats.rows.written", "Items a step wrote (files for ingestSubmissions)", job, step,
						step.getWriteCount());
			}
		}
		finally {
			release(execution.getId());
			MDC.remove(MDC_KEY);
		}
	}

	private synchronized void release(long executionId) {
		this.running.remove(executionId);
		close(this.locks.remove(executionId));
		future(executionId).complete(null);
	}

	/**
	 * The job's thread ended by an exception that Batch let escape, before (or instead
	 * of) {@link #afterJob}: the execution (named by the thread's log context) ends here,
	 * its lock is released, and whoever waits for it gets the exception.
	 */
	public void abandoned(Throwable failure) {
		String id = MDC.get(MDC_KEY);
		logger.error("Execution {} ended without recording its end: {}", (id != null) ? id : "(unknown)",
				failure.toString(), failure);
		if (id == null) {
			return;
		}
		long executionId = Long.parseLong(id);
		synchronized (this) {
			this.running.remove(executionId);
			close(this.locks.remove(executionId));
			future(executionId).completeExceptionally(failure);
		}
		MDC.remove(MDC_KEY);
	}

	/** Holds a lock until the execution ends. */
	public synchronized void holdUntilEnd(long executionId, AutoCloseable lock) {
		if (future(executionId).isDone()) {
			close(lock);
		}
		else {
			this.locks.put(executionId, lock);
		}
	}

	private static void close(AutoCloseable lock) {
		if (lock == null) {
			return;
		}
		try {
			lock.close();
		}
		catch (Exception ex) {
			// the lock's connection is gone with its session: the lock went with it
		}
	}

	/** Completes when the execution ends (in this process). */
	public CompletableFuture<Void> future(long executionId) {
		return this.finished.computeIfAbsent(executionId, (id) -> new CompletableFuture<>());
	}

	public void forget(long executionId) {
		this.finished.remove(executionId);
	}

	private void count(String name, String description, String job, StepExecution step, long amount) {
		Counter.builder(name)
			.description(description)
			.tag("job", job)
			.tag("step", step.getStepName())
			.register(this.meters)
			.increment(amount);
	}

}
