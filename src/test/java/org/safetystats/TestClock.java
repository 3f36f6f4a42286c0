package org.safetystats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in the integration suites: a fixed instant, the same whatever
 * day the suite runs (it passes under {@code faketime} years ahead), that a test may move
 * ({@link #at(String)}); {@link IntegrationTestSupport} sets it back before each test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

	/**
	 * 20 November 2026, 10:00 in Ho Chi Minh City: October 2026 is owed (due on the 5th),
	 * November is not.
	 */
	public static final Instant DEFAULT = Instant.parse("2026-11-20T03:00:00Z");

	private static final AtomicReference<Instant> NOW = new AtomicReference<>(DEFAULT);

	/** Moves the clock to an instant ({@code 2019-02-03T10:00:00Z}). */
	public static void at(String instant) {
		NOW.set(Instant.parse(instant));
	}

	/**
	 * Moves the clock ahead ({@code Retry-After} seconds, say), the wall clock staying.
	 */
	public static void advance(Duration duration) {
		NOW.updateAndGet((now) -> now.plus(duration));
	}

	static void reset() {
		NOW.set(DEFAULT);
	}

	@Bean
	@Primary
	Clock testClock() {
		return new Moving(ZoneId.of("Asia/Ho_Chi_Minh"));
	}

	private static final class Moving extends Clock {

		private final ZoneId zone;

		Moving(ZoneId zone) {
			this.zone = zone;
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new Moving(zone);
		}

		@Override
		public Instant instant() {
			return NOW.get();
		}

	}

}
