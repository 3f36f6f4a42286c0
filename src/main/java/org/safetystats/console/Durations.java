package org.safetystats.console;

import java.time.Duration;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * How long a run took, as the pages show it; public because templates call it
 * ({@code T(org.safetystats.console.Durations).between(...)}).
 */
final class Durations {

	private Durations() {
	}

	/** {@code 1 min 05 s}, {@code 4.2 s}, or empty while the run has not ended. */
	public static String between(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null || end == null) {
			return "";
		}
		Duration d = Duration.between(start, end);
		return (d.toMinutes() > 0) ? "%d min %02d s".formatted(d.toMinutes(), d.toSecondsPart())
				: "%d.%01d s".formatted(d.toSeconds(), d.toMillisPart() / 100);
	}

}
