package org.safetystats.batch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Asks a running execution, in this process or another, to stop after its current chunk,
 * by marking the job execution STOPPING in the job repository; the step reads that status
 * at its next chunk and ends STOPPED. {@code JobOperator.stop} of Spring Batch 6 also
 * writes the running step's execution from the calling thread, which races with the
 * step's own writes (an optimistic-locking failure turns the stop into a FAILED step):
 * this touches only the job execution, as the step's own status check expects.
 */
@Component
public class StopRequests {

	private final JobRepository jobRepository;

	public StopRequests(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * Watches an execution running in this process for a stop request, made here (a
	 * SIGTERM, the console) or by another process (the {@code stop} command), by reading
	 * its status every {@link StopSignal#POLL} on a thread and a connection of its own: a
	 * step's long loops ask {@link StopSignal#requested()} without touching the database
	 * (whose connection may be in the middle of a COPY). Close it when the step ends.
	 */
	public StopSignal watch(long executionId) {
		return new StopSignal(() -> {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			return execution == null || execution.getStatus() == BatchStatus.STOPPING
					|| execution.getStatus() == BatchStatus.STOPPED;
		});
	}

	/** Returns whether the execution was running and is now asked to stop. */
	public boolean request(long executionId) {
		for (int attempt = 0; attempt < 5; attempt++) {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution == null || !execution.isRunning()) {
				return false;
			}
			execution.setStatus(BatchStatus.STOPPING);
			try {
				this.jobRepository.update(execution);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				// the job itself wrote in between: read it again and retry
			}
		}
		return false;
	}

}
