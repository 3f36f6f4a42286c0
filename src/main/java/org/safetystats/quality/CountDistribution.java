package org.safetystats.quality;

/**
 * What a unit's count for a month is expected to be, from the same count in earlier
 * months: a negative binomial with {@code size} r and probability p, P(X = k) = Γ(k + r)
 * / (k! Γ(r)) p^r (1 − p)^k. With a steady (Poisson-like) history it is the Poisson-gamma
 * predictive distribution (r = S + ½, p = n / (n + 1) for n months totalling S: the
 * Poisson mean estimated from the history, with its uncertainty, so a short history
 * widens the range instead of flagging everything). When the history is overdispersed
 * (variance clearly above the mean) the negative binomial is fitted by moments instead.
 *
 * @param size r
 * @param p p
 * @param mean the history's mean per month
 * @param model "Poisson" or "negative binomial"
 */
record CountDistribution(double size, double p, double mean, String model) {

	/** Upper limit of the terms summed; far beyond any count a ward reports. */
	private static final int MAX_TERMS = 100_000;

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
		double logPmf = this.size * Math.log(this.p);
		double total = 0;
		for (long k = 0; k <= x && k < MAX_TERMS; k++) {
			total += Math.exp(logPmf);
			logPmf += Math.log((k + this.size) / (k + 1)) + Math.log1p(-this.p);
		}
		return Math.min(total, 1);
	}

	/** P(X = x). */
	double pmf(long x) {
		return cdf(x) - cdf(x - 1);
	}

	/** P(X ≥ x): small when x is a jump. */
	double upperTail(long x) {
		return Math.max(0, 1 - cdf(x - 1));
	}

	/** P(X ≤ x): small when x is a fall. */
	double lowerTail(long x) {
		return cdf(x);
	}

	/** The values not flagged at the tail probability: [low, high]. */
	long[] range(double alpha) {
		long low = 0;
		while (lowerTail(low) < alpha) {
			low++;
		}
		long high = low;
		while (upperTail(high + 1) >= alpha && high < MAX_TERMS) {
			high++;
		}
		return new long[] { low, high };
	}

}
