package org.safetystats.startup;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The auto-configurations a one-shot command ({@code safetystats.one-shot}, set by
 * {@link ApplicationContexts}) may use: the database, transactions, Flyway, Batch, the
 * report's template engine and a meter registry for the jobs' counters. The rest (web
 * server, security, actuator, health, JVM metrics, Quartz, Jackson, validation) is left
 * out before its conditions are evaluated: judging the conditions of the hundred-odd
 * auto-configurations on the class path was the largest part of a short command's start.
 * {@code serve} and the tests' contexts get every auto-configuration.
 */
final class OneShotAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String PROPERTY = "safetystats.one-shot";

	private static final String BOOT = "org.springframework.boot.";

	private static final String METRICS = BOOT + "micrometer.metrics.autoconfigure.";

	/** Left out, by name prefix. */
	private static final List<String> LEFT_OUT = List.of(BOOT + "quartz.", BOOT + "actuate.", BOOT + "health.",
			BOOT + "jdbc.autoconfigure.health.", BOOT + "jdbc.autoconfigure.metrics.", METRICS + "MetricsEndpoint",
			METRICS + "export.prometheus.", METRICS + "jvm.", METRICS + "logging.", METRICS + "ssl.",
			METRICS + "startup.", METRICS + "system.", METRICS + "task.",
			BOOT + "micrometer.observation.autoconfigure.ScheduledTasks", BOOT + "autoconfigure.task.TaskScheduling",
			BOOT + "jackson.", BOOT + "validation.", BOOT + "http.", "org.springdoc.");

	/** But kept: a meter registry for the jobs' counters. */
	private static final List<String> KEPT = List.of(METRICS + "MetricsAutoConfiguration",
			METRICS + "CompositeMeterRegistryAutoConfiguration", METRICS + "export.simple.");

	private boolean oneShot;

	@Override
	public void setEnvironment(Environment environment) {
		this.oneShot = environment.getProperty(PROPERTY, Boolean.class, false);
	}

	@Override
	public boolean[] match(@Nullable String[] candidates, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[candidates.length];
		for (int i = 0; i < candidates.length; i++) {
			matches[i] = !this.oneShot || allowed(candidates[i]);
		}
		return matches;
	}

	static boolean allowed(@Nullable String candidate) {
		return candidate == null || LEFT_OUT.stream().noneMatch(candidate::startsWith)
				|| KEPT.stream().anyMatch(candidate::startsWith);
	}

}
