package org.safetystats.system;

import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Jobs run on a thread of their own, so that the HTTP API and the scheduler get the
 * execution id at once and the command line can show progress while it waits.
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	@Bean
	@BatchTaskExecutor
	TaskExecutor batchTaskExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("batch-");
		executor.setConcurrencyLimit(4);
		return executor;
	}

}
