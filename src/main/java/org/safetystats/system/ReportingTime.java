package org.safetystats.system;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * A moment as the command line and the console show it: in the reporting time zone
 * (setting {@code safetystats.zone}), with its offset, so that a time never reads as
 * another zone's ({@code 2026-12-07 19:27:20 +07:00}).
 */
public final class ReportingTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

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
	 * A time of any kind the console shows (an {@link Instant}, a {@link Date}, an offset
	 * or zoned date-time, a file time, or a local date-time as Spring Batch records it,
	 * in this JVM's default zone) to the minute, with the offset; empty for none.
	 */
	public String minutes(@Nullable Object time) {
		return (time != null) ? MINUTES.format(instant(time).atZone(this.zone)) : "";
	}

	/**
	 * The same time in the reporting zone as an offset date-time (ISO 8601 with its
	 * offset in JSON).
	 */
	public OffsetDateTime offset(Object time) {
		return instant(time).atZone(this.zone).toOffsetDateTime();
	}

	/** The same to the second. */
	public String seconds(@Nullable Object time) {
		return (time != null) ? FORMAT.format(instant(time).atZone(this.zone)) : "";
	}

	private static Instant instant(Object time) {
		if (time instanceof Instant instant) {
			return instant;
		}
		if (time instanceof Date date) {
			return date.toInstant();
		}
		if (time instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		if (time instanceof ZonedDateTime zoned) {
			return zoned.toInstant();
		}
		if (time instanceof FileTime file) {
			return file.toInstant();
		}
		if (time instanceof LocalDateTime local) {
			return local.atZone(ZoneId.systemDefault()).toInstant();
		}
		throw new IllegalArgumentException("not a time: " + time.getClass().getName());
	}

}
