package org.safetystats.quality;

import java.util.function.LongPredicate;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * What a unit's count for a month is expected to be, from the same count in earlier
 * months: a negative binomial with {@code size} r and probability p, P(X = k) = Γ(k + r)
 * / (k! Γ(r)) p^r (1 − p)^k. With a steady (Poisson-like) history it is the Poisson-gamma
 * predictive distribution (r = S + ½, p = n / (n + 1) for n months totalling S: the
 * Poisson mean estimated from the history, with its uncertainty, so a short history
 * widens the range instead of flagging everything). When the history is overdispersed
 * (variance clearly above the mean) the negative binomial is fitted by moments instead.
 * <p>
 * Its tails are computed in closed form, so that judging a count costs the same for any
 * value a file can hold: P(X ≤ k) is the regularized incomplete beta I_p(r, k + 1)
 * (Commons Numbers). Beyond {@link #NORMAL_SIZE} the distribution is normal to far better
 * than a warning needs, and the incomplete beta's continued fraction would need millions
 * of terms near the mean: there, and should that fraction ever fail to converge, the
 * normal with the same mean and variance is used.
 *
 * @param size r
 * @param p p
 * @param mean the history's mean per month
 * @param model "Poisson" or "negative binomial"
 */
record CountDistribution(double size, double p, double mean, String model) {

	/**
	 * Above this size r the normal approximation is used: its skewness, (2 − p) / sqrt(r
	 * (1 − p)), is then below 3·10⁻⁴ (the months of a history number at most 16, so 1 − p
	 * ≥ 1/17, or the mean is above 7·10⁸ for an overdispersed fit).
	 */
	static final double NORMAL_SIZE = 1e9;

	static CountDistribution fromHistory(long[] history) {
		int n = history.length;
		double sum = 0;
		for (long x : history) {
			sum += x;
		}
		double mean = sum / n;
		double squares = 0;
		for (long x : history) {
			squares += (x - mean) * (x - mean);
		}
		double variance = (n > 1) ? squares / (n - 1) : 0;
		// Under a Poisson history the dispersion index variance/mean has a standard
		// error of about sqrt(2 / (n - 1)): overdispersed beyond two of them.
		if (n > 1 && mean > 0 && variance / mean > 1 + 2 * Math.sqrt(2.0 / (n - 1))) {
			double size = mean * mean / (variance - mean);
			return new CountDistribution(size, size / (size + mean), mean, "negative binomial");
		}
		return new CountDistribution(sum + 0.5, n / (n + 1.0), mean, "Poisson");
	}

	/** P(X ≤ x). */
	double cdf(long x) {
		if (x < 0) {
			return 0;
		}
		if (this.size <= NORMAL_SIZE) {
			try {
				return RegularizedBeta.value(this.p, this.size, x + 1.0);
			}
			catch (ArithmeticException ex) {
				// the continued fraction did not converge: the normal below
			}
		}
		return normalAbove((expected() - x - 0.5) / deviation());
	}

	/** P(X = x). */
	double pmf(long x) {
		if (x < 0) {
			return 0;
		}
		if (x == 0) {
			return Math.pow(this.p, this.size);
		}
		// d/dp I_p(r, x) = p^(r-1) (1-p)^(x-1) / B(r, x), and P(X = x) = p (1 - p) / x
		// times that
		return this.p * (1 - this.p) / x * RegularizedBeta.derivative(this.p, this.size, x);
	}

	/** P(X ≥ x): small when x is a jump. */
	double upperTail(long x) {
		if (x <= 0) {
			return 1;
		}
		if (this.size <= NORMAL_SIZE) {
			try {
				// 1 - I_p(r, x), without the loss of 1 minus a number near 1
				return RegularizedBeta.complement(this.p, this.size, x);
			}
			catch (ArithmeticException ex) {
				// the continued fraction did not converge: the normal below
			}
		}
		return normalAbove((x - 0.5 - expected()) / deviation());
	}

	/** P(X ≤ x): small when x is a fall. */
	double lowerTail(long x) {
		return cdf(x);
	}

	/**
	 * The values not flagged at the tail probability: [low, high], found by bisection (at
	 * most 64 steps each, whatever the values).
	 */
	long[] range(double alpha) {
		long low = first(0, (k) -> lowerTail(k) >= alpha);
		long high = first(low, (k) -> k == Long.MAX_VALUE || upperTail(k + 1) < alpha);
		return new long[] { low, high };
	}

	/**
	 * The first k from {@code from} on where the test holds, for a test that holds from
	 * some k on; {@link Long#MAX_VALUE} when it never does.
	 */
	private static long first(long from, LongPredicate test) {
		if (test.test(from)) {
			return from;
		}
		long below = from;
		long above = Long.MAX_VALUE;
		if (!test.test(above)) {
			return above;
		}
		while (above - below > 1) {
			long middle = below + (above - below) / 2;
			if (test.test(middle)) {
				above = middle;
			}
			else {
				below = middle;
			}
		}
		return above;
	}

	/** The distribution's mean, r (1 − p) / p. */
	private double expected() {
		return this.size * (1 - this.p) / this.p;
	}

	/** The distribution's standard deviation, sqrt(r (1 − p)) / p. */
	private double deviation() {
		return Math.sqrt(this.size * (1 - this.p)) / this.p;
	}

	/** P(Z ≥ z) of the standard normal (continuity-corrected by the callers). */
	private static double normalAbove(double z) {
		return 0.5 * Erfc.value(z / Math.sqrt(2));
	}

}
