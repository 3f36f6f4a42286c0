package org.safetystats.schedule;

import java.util.List;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.admin.AdminService;
import org.safetystats.system.SafetystatsProperties;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the service starts ({@code serve}, {@code safetystats.scheduler.enabled=true}):
 * recovers executions a crash left STARTED, reconciles {@code jobs/} into Quartz triggers
 * (a bad file stops start-up with its message), then starts the clustered scheduler. On
 * shutdown the scheduler stops first, letting running jobs finish their chunk.
 */
@Component
@ConditionalOnProperty(name = "safetystats.scheduler.enabled", havingValue = "true")
class SchedulerStartup implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerStartup.class);

	private final Scheduler scheduler;

	private final ScheduleReconciler reconciler;

	private final AdminService admin;

	private final SafetystatsProperties properties;

	private final ListableBeanFactory beans;

	private volatile boolean running;

	SchedulerStartup(Scheduler scheduler, ScheduleReconciler reconciler, AdminService admin,
			SafetystatsProperties properties, ListableBeanFactory beans) {
		this.scheduler = scheduler;
		this.reconciler = reconciler;
		this.admin = admin;
		this.properties = properties;
		this.beans = beans;
	}

	@Override
	public void start() {
		try {
			int recovered = this.admin.recoverOrphans();
			if (recovered > 0) {
				logger.warn("{} execution(s) left running by a crash were marked FAILED", recovered);
			}
			List<ScheduleDefinition> definitions = ScheduleFiles.read(this.properties.jobsDir(), java.util.Set
				.copyOf(List.of(this.beans.getBeanNamesForType(org.springframework.batch.core.job.Job.class))));
			this.reconciler.reconcile(definitions);
			this.scheduler.start();
			this.running = true;
			logger.info("Scheduler started ({} schedule file(s) in {})", definitions.size(), this.properties.jobsDir());
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz scheduler could not start: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		try {
			this.scheduler.standby();
		}
		catch (SchedulerException ex) {
			logger.warn("Scheduler did not pause cleanly: {}", ex.getMessage());
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
