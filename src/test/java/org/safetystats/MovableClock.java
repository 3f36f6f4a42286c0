package org.safetystats;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in a suite that imports {@link Configuration}: the time now
 * until a test sets another ({@link #set}), so that a test moves time instead of waiting.
 */
public final class MovableClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>();

	/** From now on the clock says this instant. */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	/** Back to the time now. */
	public void reset() {
		this.now.set(null);
	}

	@Override
	public ZoneId getZone() {
		return ZoneId.of("Asia/Ho_Chi_Minh");
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

	@Override
	public Instant instant() {
		Instant set = this.now.get();
		return (set != null) ? set : Instant.now();
	}

	/** Makes the movable clock the application's. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

}
