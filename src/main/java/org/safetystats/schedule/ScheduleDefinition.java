package org.safetystats.schedule;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * One file of {@code jobs/}: when and how a job runs unattended.
 *
 * @param file the file it came from
 * @param name schedule name (the Quartz trigger's)
 * @param description what it does, for admins
 * @param job Spring Batch job to run
 * @param cron Quartz cron expression
 * @param zone time zone of the cron expression
 * @param misfire what to do with fire times missed while no instance was up
 * @param enabled whether it runs
 * @param parameters job parameters
 */
record ScheduleDefinition(Path file, String name, String description, String job, String cron, ZoneId zone,
		MisfirePolicy misfire, boolean enabled, Map<String, String> parameters) {

	/** What a trigger does about fire times missed during downtime. */
	public enum MisfirePolicy {

		/**
		 * Fire once as soon as an instance is up, however many fire times were missed;
		 * then keep the schedule.
		 */
		FIRE_ONCE_NOW,
		/** Skip missed fire times; wait for the next one. */
		SKIP

	}

}
