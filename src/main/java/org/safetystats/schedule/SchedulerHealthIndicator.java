package org.safetystats.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Health of the clustered Quartz scheduler: whether a node of the cluster fires the
 * schedules. UP when this process's scheduler is started, or when another node checked in
 * within two of its check-in intervals (this process then only serves); OUT_OF_SERVICE
 * when no node fires; UNKNOWN in a one-shot command, which has no scheduler. The details
 * name this node, the schedules it holds and every node of the cluster with its last
 * check-in.
 */
@Component("scheduler")
class SchedulerHealthIndicator implements HealthIndicator {

	private static final String NODES = """
			SELECT instance_name, last_checkin_time, checkin_interval
			FROM quartz.qrtz_scheduler_state WHERE sched_name = :scheduler ORDER BY instance_name
			""";

	private final ObjectProvider<Scheduler> schedulers;

	private final JdbcClient jdbc;

	SchedulerHealthIndicator(ObjectProvider<Scheduler> schedulers, JdbcClient jdbc) {
		this.schedulers = schedulers;
		this.jdbc = jdbc;
	}

	@Override
	public Health health() {
		Scheduler scheduler = this.schedulers.getIfAvailable();
		if (scheduler == null) {
			// a one-shot command: no scheduler in this process
			return Health.unknown().build();
		}
		try {
			List<Node> nodes = this.jdbc.sql(NODES)
				.param("scheduler", scheduler.getSchedulerName())
				.query((rs, row) -> new Node(rs.getString("instance_name"), rs.getLong("last_checkin_time"),
						rs.getLong("checkin_interval")))
				.list();
			boolean firingHere = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
			String here = scheduler.getSchedulerInstanceId();
			// Quartz stamps its check-ins with the wall clock and judges a node gone by
			// it: so does this
			long now = System.currentTimeMillis();
			boolean firingElsewhere = nodes.stream()
				.anyMatch((node) -> !node.name().equals(here) && now - node.checkedIn() <= 2 * node.interval());
			Health.Builder builder = (firingHere || firingElsewhere) ? Health.up() : Health.outOfService();
			return builder.withDetail("instanceId", here)
				.withDetail("firingHere", firingHere)
				.withDetail("clustered", scheduler.getMetaData().isJobStoreClustered())
				.withDetail("schedules",
						scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ScheduleReconciler.GROUP)).size())
				.withDetail("nodes",
						nodes.stream()
							.map((node) -> Map.of("instanceId", node.name(), "lastCheckin",
									Instant.ofEpochMilli(node.checkedIn()).toString()))
							.toList())
				.build();
		}
		catch (SchedulerException ex) {
			return Health.down(ex).build();
		}
	}

	private record Node(String name, long checkedIn, long interval) {

	}

}
