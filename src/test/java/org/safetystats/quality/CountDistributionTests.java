package org.safetystats.quality;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The tails and the expected range of a count: the same as summing the probabilities term
 * by term for the small counts wards report, and found at once for any history a file can
 * make, from all zeros to months of {@link Long#MAX_VALUE} (which once looped for ever).
 */
class CountDistributionTests {

	private static final double ALPHA = 0.005;

	/** Time enough for hundreds of ranges; the old term-by-term sum never ended here. */
	private static final Duration HANG_GUARD = Duration.ofSeconds(5);

	@Test
	void smallCountsHaveTheTailsOfTheTermByTermSum() {
		CountDistribution poisson = CountDistribution.fromHistory(new long[] { 3, 5, 4, 2, 6, 4, 3, 5, 4, 4, 5, 3 });
		CountDistribution overdispersed = CountDistribution.fromHistory(new long[] { 0, 12, 1, 9, 0, 15, 2, 0 });
		assertThat(poisson.model()).isEqualTo("Poisson");
		assertThat(overdispersed.model()).isEqualTo("negative binomial");
		for (CountDistribution distribution : new CountDistribution[] { poisson, overdispersed }) {
			for (long x = 0; x <= 40; x++) {
				double sum = termByTerm(distribution, x);
				assertThat(distribution.cdf(x)).isCloseTo(sum, within(1e-12));
				assertThat(distribution.pmf(x)).isCloseTo(sum - termByTerm(distribution, x - 1), within(1e-12));
				assertThat(distribution.upperTail(x + 1)).isCloseTo(1 - sum, within(1e-12));
			}
		}
		// 12 months of 4 a month on average: 0 to 10 not flagged at 0.005
		assertThat(poisson.range(ALPHA)).containsExactly(0, 10);
		assertThat(poisson.lowerTail(0)).isGreaterThan(ALPHA);
		assertThat(poisson.upperTail(11)).isLessThan(ALPHA);
		assertThat(poisson.upperTail(10)).isGreaterThanOrEqualTo(ALPHA);
	}

	@Test
	void aHistoryOfZerosExpectsZeroToTwo() {
		CountDistribution zeros = CountDistribution.fromHistory(new long[6]);
		long[] range = assertTimeoutPreemptively(HANG_GUARD, () -> zeros.range(ALPHA));
		assertThat(range).containsExactly(0, 2);
		assertThat(zeros.upperTail(Long.MAX_VALUE)).isZero();
		assertThat(zeros.upperTail(1000)).isLessThan(1e-100);
	}

	@Test
	void monthsOfTheLargestValueGiveARangeAtOnce() {
		long max = Long.MAX_VALUE;
		long[][] histories = { { 3, 4, 2, 5, 3, 4, max, max }, { max, max, max, max, max, max },
				{ 0, 0, 0, 0, max, max }, { max, 0, max, 0, max, 0, max, 0 },
				{ 1L << 40, 1L << 41, 1L << 40, 1L << 42, 1L << 40, 1L << 41 } };
		assertTimeoutPreemptively(HANG_GUARD, () -> {
			for (long[] history : histories) {
				CountDistribution distribution = CountDistribution.fromHistory(history);
				long[] range = distribution.range(ALPHA);
				double mean = Arrays.stream(history).asDoubleStream().sum() / history.length;
				// a range around the mean, and the tails outside it small
				assertThat(range[0]).isLessThanOrEqualTo(range[1]);
				assertThat((double) range[0]).isLessThanOrEqualTo(mean);
				assertThat((double) range[1]).isGreaterThanOrEqualTo(Math.min(mean, max));
				assertThat(distribution.lowerTail(0)).isBetween(0.0, ALPHA);
				assertThat(distribution.upperTail(max)).isBetween(0.0, 1.0);
				for (long x : new long[] { 0, 7, max / 2, max }) {
					assertThat(distribution.cdf(x)).isBetween(0.0, 1.0);
					assertThat(distribution.pmf(x)).isBetween(0.0, 1.0);
				}
			}
		});
		// two months of the largest value among six small ones: the small count is a fall
		CountDistribution jumped = CountDistribution.fromHistory(new long[] { 3, 4, 2, 5, max, max });
		assertThat(jumped.model()).isEqualTo("negative binomial");
		assertThat(jumped.lowerTail(4)).isLessThan(ALPHA);
		// six months of it (the Poisson-gamma, a normal of deviation ~3·10⁹): a range of
		// a few deviations on each side of the mean, the top held at the largest value
		CountDistribution steady = CountDistribution.fromHistory(new long[] { max, max, max, max, max, max });
		assertThat(steady.model()).isEqualTo("Poisson");
		long[] range = steady.range(ALPHA);
		assertThat(range[1]).isEqualTo(max);
		assertThat((double) (max - range[0])).isBetween(2.0e9, 3.0e10);
		assertThat(steady.lowerTail(range[0])).isCloseTo(ALPHA, within(1e-3));
	}

	/** P(X ≤ x) summed term by term, as the distribution once did. */
	private static double termByTerm(CountDistribution distribution, long x) {
		double logPmf = distribution.size() * Math.log(distribution.p());
		double total = 0;
		for (long k = 0; k <= x; k++) {
			total += Math.exp(logPmf);
			logPmf += Math.log((k + distribution.size()) / (k + 1)) + Math.log1p(-distribution.p());
		}
		return total;
	}

}
