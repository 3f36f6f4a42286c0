package org.safetystats.schedule;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Brings the Quartz job store in line with the schedule files: adds triggers for new
 * files, replaces those whose file changed, removes those whose file is gone or disabled,
 * and logs each change. Triggers live in the PostgreSQL job store, so a restart loses
 * none and a running cluster shares them.
 */
@Component
class ScheduleReconciler {

	static final String GROUP = "safetystats";

	static final String JOB = "job";

	static final String PARAMETERS_PREFIX = "param.";

	private static final Logger logger = LoggerFactory.getLogger(ScheduleReconciler.class);

	private final Scheduler scheduler;

	public ScheduleReconciler(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** Returns a line per change made. */
	public List<String> reconcile(List<ScheduleDefinition> definitions) throws SchedulerException {
		List<String> changes = new java.util.ArrayList<>();
		Set<String> wanted = new HashSet<>();
		for (ScheduleDefinition definition : definitions) {
			if (!definition.enabled()) {
				continue;
			}
			wanted.add(definition.name());
			TriggerKey key = TriggerKey.triggerKey(definition.name(), GROUP);
			Trigger existing = this.scheduler.getTrigger(key);
			if (existing == null) {
				this.scheduler.scheduleJob(jobDetail(definition), trigger(definition));
				changes.add("added " + describe(definition));
			}
			else if (!same(existing, definition)) {
				this.scheduler.addJob(jobDetail(definition), true);
				this.scheduler.rescheduleJob(key, trigger(definition));
				changes.add("changed " + describe(definition));
			}
		}
		for (JobKey job : this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
			if (!wanted.contains(job.getName())) {
				this.scheduler.deleteJob(job);
				changes.add("removed " + job.getName() + " (file gone or disabled)");
			}
		}
		changes.forEach((change) -> logger.info("Schedule {}", change));
		if (changes.isEmpty()) {
			logger.info("Schedules unchanged: {}", definitions.stream().map(ScheduleDefinition::name).toList());
		}
		return changes;
	}

	private static String describe(ScheduleDefinition d) {
		return d.name() + " (" + d.job() + ", \"" + d.cron() + "\" " + d.zone() + ", misfire " + d.misfire() + ")";
	}

	private boolean same(Trigger existing, ScheduleDefinition definition) throws SchedulerException {
		if (!(existing instanceof CronTrigger cron)) {
			return false;
		}
		JobDetail job = this.scheduler.getJobDetail(existing.getJobKey());
		return cron.getCronExpression().equals(definition.cron())
				&& cron.getTimeZone().getID().equals(definition.zone().getId())
				&& cron.getMisfireInstruction() == misfireInstruction(definition)
				&& Objects.equals(existing.getDescription(), definition.description()) && job != null
				&& jobData(definition).getWrappedMap().equals(job.getJobDataMap().getWrappedMap());
	}

	private static JobDetail jobDetail(ScheduleDefinition definition) {
		return JobBuilder.newJob(PipelineQuartzJob.class)
			.withIdentity(definition.name(), GROUP)
			.withDescription(definition.description())
			.usingJobData(jobData(definition))
			.storeDurably()
			.build();
	}

	private static JobDataMap jobData(ScheduleDefinition definition) {
		JobDataMap data = new JobDataMap();
		data.put(JOB, definition.job());
		for (Map.Entry<String, String> parameter : definition.parameters().entrySet()) {
			data.put(PARAMETERS_PREFIX + parameter.getKey(), parameter.getValue());
		}
		return data;
	}

	private static Trigger trigger(ScheduleDefinition definition) {
		CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(definition.cron())
			.inTimeZone(TimeZone.getTimeZone(definition.zone()));
		schedule = (definition.misfire() == ScheduleDefinition.MisfirePolicy.SKIP)
				? schedule.withMisfireHandlingInstructionDoNothing()
				: schedule.withMisfireHandlingInstructionFireAndProceed();
		return TriggerBuilder.newTrigger()
			.withIdentity(definition.name(), GROUP)
			.withDescription(definition.description())
			.forJob(definition.name(), GROUP)
			.withSchedule(schedule)
			.build();
	}

	private static int misfireInstruction(ScheduleDefinition definition) {
		return (definition.misfire() == ScheduleDefinition.MisfirePolicy.SKIP)
				? CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING : CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
	}

}
