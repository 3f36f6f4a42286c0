package org.safetystats.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import org.safetystats.system.UserFacingException;

/**
 * Reads and checks the schedule files of {@code jobs/} ({@code *.yml}, one job each).
 * Anything wrong (an unknown job or key, an invalid cron expression, time zone or misfire
 * policy, two files with the same name) is refused with a message naming the file and the
 * field.
 */
final class ScheduleFiles {

	static final Set<String> KEYS = Set.of("name", "description", "job", "cron", "time-zone", "misfire-policy",
			"enabled", "parameters");

	static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

	private ScheduleFiles() {
	}

	public static List<ScheduleDefinition> read(Path folder, Set<String> jobs) {
		if (!Files.isDirectory(folder)) {
			throw new UserFacingException("Schedule folder " + folder.toAbsolutePath()
					+ " not found: set safetystats.jobs-dir (SAFETYSTATS_JOBS_DIR)");
		}
		List<ScheduleDefinition> definitions = new ArrayList<>();
		Set<String> names = new HashSet<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
				.sorted()
				.toList()) {
				ScheduleDefinition definition = readFile(file, jobs);
				if (!names.add(definition.name())) {
					throw error(file, "name", "\"" + definition.name() + "\" is used by another file");
				}
				definitions.add(definition);
			}
		}
		catch (IOException ex) {
			throw new UserFacingException("Cannot read the schedule folder " + folder + ": " + ex.getMessage(), ex);
		}
		return definitions;
	}

	static ScheduleDefinition readFile(Path file, Set<String> jobs) {
		Map<String, Object> yaml = load(file);
		for (String key : yaml.keySet()) {
			if (!KEYS.contains(key)) {
				throw error(file, key, "unknown key; keys are " + String.join(", ", KEYS.stream().sorted().toList()));
			}
		}
		String name = text(file, yaml, "name", true);
		String job = text(file, yaml, "job", true);
		if (!jobs.contains(job)) {
			throw error(file, "job",
					"unknown job \"" + job + "\"; jobs are " + String.join(", ", jobs.stream().sorted().toList()));
		}
		String cron = text(file, yaml, "cron", true);
		if (!CronExpression.isValidExpression(cron)) {
			throw error(file, "cron", "\"" + cron + "\" is not a Quartz cron expression (seconds minutes hours "
					+ "day-of-month month day-of-week, e.g. \"0 30 1 * * ?\")");
		}
		return new ScheduleDefinition(file, name, text(file, yaml, "description", true), job, cron, zone(file, yaml),
				misfire(file, yaml), enabled(file, yaml), parameters(file, yaml));
	}

	private static Map<String, Object> load(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			if (!(root instanceof Map<?, ?> map)) {
				throw error(file, "(file)", "must be a YAML mapping of keys to values");
			}
			Map<String, Object> yaml = new LinkedHashMap<>();
			map.forEach((k, v) -> yaml.put(String.valueOf(k), v));
			return yaml;
		}
		catch (IOException | YAMLException ex) {
			throw error(file, "(file)", "not valid YAML: " + ex.getMessage().lines().findFirst().orElse(""));
		}
	}

	private static String text(Path file, Map<String, Object> yaml, String key, boolean required) {
		Object value = yaml.get(key);
		if (value == null || value.toString().isBlank()) {
			if (required) {
				throw error(file, key, "is required");
			}
			return "";
		}
		if (value instanceof Map || value instanceof List) {
			throw error(file, key, "must be a single value");
		}
		return value.toString().strip();
	}

	private static ZoneId zone(Path file, Map<String, Object> yaml) {
		String zone = text(file, yaml, "time-zone", false);
		try {
			return zone.isEmpty() ? DEFAULT_ZONE : ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw error(file, "time-zone", "\"" + zone + "\" is not a time zone (e.g. Asia/Ho_Chi_Minh)");
		}
	}

	private static ScheduleDefinition.MisfirePolicy misfire(Path file, Map<String, Object> yaml) {
		String policy = text(file, yaml, "misfire-policy", false);
		try {
			return policy.isEmpty() ? ScheduleDefinition.MisfirePolicy.FIRE_ONCE_NOW
					: ScheduleDefinition.MisfirePolicy.valueOf(policy.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw error(file, "misfire-policy", "\"" + policy + "\" is not FIRE_ONCE_NOW or SKIP");
		}
	}

	private static boolean enabled(Path file, Map<String, Object> yaml) {
		Object value = yaml.getOrDefault("enabled", Boolean.TRUE);
		if (!(value instanceof Boolean enabled)) {
			throw error(file, "enabled", "must be true or false, not \"" + value + "\"");
		}
		return enabled;
	}

	private static Map<String, String> parameters(Path file, Map<String, Object> yaml) {
		Object value = yaml.get("parameters");
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw error(file, "parameters", "must be a mapping of names to values");
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		map.forEach((k, v) -> parameters.put(String.valueOf(k), String.valueOf(v)));
		return parameters;
	}

	private static UserFacingException error(Path file, String field, String reason) {
		return new UserFacingException("Schedule file " + file + ", field " + field + ": " + reason);
	}

}
