package org.safetystats.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the Quartz scheduler: UP when started, with its instance id and the schedules
 * it holds.
 */
@Component("scheduler")
class SchedulerHealthIndicator implements HealthIndicator {

	private final Scheduler scheduler;

	SchedulerHealthIndicator(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public Health health() {
		try {
			Health.Builder builder = (this.scheduler.isStarted() && !this.scheduler.isInStandbyMode()
					&& !this.scheduler.isShutdown()) ? Health.up() : Health.outOfService();
			return builder.withDetail("instanceId", this.scheduler.getSchedulerInstanceId())
				.withDetail("clustered", this.scheduler.getMetaData().isJobStoreClustered())
				.withDetail("schedules",
						this.scheduler
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
