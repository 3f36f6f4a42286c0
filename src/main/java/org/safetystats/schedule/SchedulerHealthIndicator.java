package org.safetystats.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the Quartz scheduler: UP when started, with its instance id and the schedules
 * it holds; UNKNOWN in a one-shot command, which has no scheduler.
 */
@Component("scheduler")
class SchedulerHealthIndicator implements HealthIndicator {

	private final ObjectProvider<Scheduler> schedulers;

	SchedulerHealthIndicator(ObjectProvider<Scheduler> schedulers) {
		this.schedulers = schedulers;
	}

	@Override
	public Health health() {
		Scheduler scheduler = this.schedulers.getIfAvailable();
		if (scheduler == null) {
			// a one-shot command: no scheduler in this process
			return Health.unknown().build();
		}
		try {
			Health.Builder builder = (scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown())
					? Health.up() : Health.outOfService();
			return builder.withDetail("instanceId", scheduler.getSchedulerInstanceId())
				.withDetail("clustered", scheduler.getMetaData().isJobStoreClustered())
				.withDetail("schedules",
						scheduler
							.getTriggerKeys(
									org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(ScheduleReconciler.GROUP))
							.size())
				.build();
		}
		catch (SchedulerException ex) {
			return Health.down(ex).build();
		}
	}

}
