package org.safetystats.monitor;

import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the last nightly run: UP when the last one that ended completed, within
 * {@code safetystats.health.nightly-max-age} (26 hours: a nightly run a day, and two
 * hours' grace); DOWN when it failed or the last success is older; UNKNOWN before the
 * first one. Not part of the readiness group: a failed night is the team's to mend, not a
 * reason to stop serving.
 */
@Component("nightly")
class NightlyHealthIndicator implements HealthIndicator {

	private final PipelineState state;

	private final Duration maxAge;

	NightlyHealthIndicator(PipelineState state, @Value("${safetystats.health.nightly-max-age:26h}") Duration maxAge) {
		this.state = state;
		this.maxAge = maxAge;
	}

	@Override
	public Health health() {
		Optional<PipelineState.EndedRun> last = this.state.lastNightly();
		if (last.isEmpty()) {
			return Health.unknown().withDetail("lastRun", "none yet").build();
		}
		Optional<PipelineState.EndedRun> success = this.state.lastSuccessfulNightly();
		Health.Builder health = Health.up()
			.withDetail("lastStatus", last.get().status())
			.withDetail("lastEndedAt", last.get().endedAt().toString());
		success.ifPresent((run) -> health.withDetail("lastSuccessAt", run.endedAt().toString()));
		if (!"COMPLETED".equals(last.get().status())) {
			return health.down().withDetail("problem", "the last nightly run ended " + last.get().status()).build();
		}
		Duration age = this.state.since(success.get().endedAt());
		if (age.compareTo(this.maxAge) > 0) {
			return health.down()
				.withDetail("problem", "no nightly run completed in the last " + this.maxAge.toHours() + " hours")
				.build();
		}
		return health.build();
	}

}
