package org.safetystats.system;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.core.env.Environment;

/**
 * A moment as the command line prints it: in the reporting time zone (setting
 * {@code safetystats.zone}), with its offset, so that a time never reads as another
 * zone's ({@code 2026-12-07 19:27:20 +07:00}).
 */
public final class ReportingTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	private final ZoneId zone;

	public ReportingTime(ZoneId zone) {
		this.zone = zone;
	}

	/** The reporting zone of a context's settings (Asia/Ho_Chi_Minh unless set). */
	public static ReportingTime of(Environment environment) {
		return new ReportingTime(ZoneId.of(environment.getProperty("safetystats.zone", "Asia/Ho_Chi_Minh")));
	}

	public String format(Instant instant) {
		return FORMAT.format(instant.atZone(this.zone));
	}

	/**
	 * A time Spring Batch recorded: a local date-time of this JVM's default zone, as the
	 * job repository keeps it.
	 */
	public String formatBatchTime(LocalDateTime time) {
		return format(time.atZone(ZoneId.systemDefault()).toInstant());
	}

}
