package org.safetystats.batch;

import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Jobs run on a thread of their own, so that the HTTP API and the scheduler get the
 * execution id at once and the command line can show progress while it waits. A job whose
 * thread ends by an exception that escaped Batch (its repository unreachable when it
 * records the end, as when PostgreSQL restarts in the middle of a step) is reported to
 * whoever waits for it ({@link JobLifecycleListener#abandoned}), which would otherwise
 * wait for an end that is never recorded.
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	@Bean
	@BatchTaskExecutor
	TaskExecutor batchTaskExecutor(JobLifecycleListener lifecycle) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("batch-");
		executor.setConcurrencyLimit(4);
		executor.setTaskDecorator((task) -> () -> {
			try {
				task.run();
			}
			catch (RuntimeException | Error ex) {
				lifecycle.abandoned(ex);
			}
		});
		return executor;
	}

}
