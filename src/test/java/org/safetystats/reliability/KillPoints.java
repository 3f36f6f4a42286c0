package org.safetystats.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The points at which the crash suite kills the program: a fixed list drawn from a seed
 * ({@code safetystats.crashSeed}, {@code safetystats.crashKills} points), of which each
 * run of the suite takes one share in turn, so that consecutive runs cover every point.
 * Point {@code i} belongs to share {@code i % shares}; the share a run takes is
 * {@code safetystats.crashRotation} when given, or else the next one after the last run's
 * on this machine (a counter in {@code ~/.cache/safetystats/crash-rotation}).
 * {@code -Dsafetystats.crashAll=true} takes every point in one run.
 */
record KillPoints(long seed, List<Point> all, int shares, int share) {

	/**
	 * One kill: in start-up (migrations and recovery, on a fresh database), at a fraction
	 * of the time start-up takes, or else at a fraction of the nightly job's run after
	 * its first step began.
	 */
	record Point(int index, boolean inStartUp, double fraction) {
	}

	/** A step of the reference run and how long it took. */
	record Step(String name, double seconds) {
	}

	/**
	 * Where a fraction of the reference run's step time falls: in which step, and how far
	 * into it. Time between steps is left out, so that a kill aims at a step, not at the
	 * moments the job moves from one to the next.
	 */
	record Moment(String step, long offsetMillis) {

		static Moment of(List<Step> steps, double fraction) {
			double total = steps.stream().mapToDouble(Step::seconds).sum();
			double at = fraction * total;
			for (Step step : steps) {
				if (at < step.seconds() || step == steps.get(steps.size() - 1)) {
					return new Moment(step.name(), (long) (1000 * Math.min(at, step.seconds())));
				}
				at -= step.seconds();
			}
			throw new IllegalArgumentException("the reference run had no steps");
		}

	}

	static KillPoints forThisRun() {
		long seed = Long.getLong("safetystats.crashSeed", 7243L);
		int count = Integer.getInteger("safetystats.crashKills", 20);
		int shares = Boolean.getBoolean("safetystats.crashAll") ? 1
				: Math.max(1, Math.min(count, Integer.getInteger("safetystats.crashShares", 5)));
		Integer given = Integer.getInteger("safetystats.crashRotation");
		int share = ((given != null) ? given : nextRotation()) % shares;
		return new KillPoints(seed, draw(seed, count), shares, share);
	}

	/**
	 * The same points for a seed whatever share a run takes: a quarter of them in
	 * start-up, the rest inside the job.
	 */
	static List<Point> draw(long seed, int count) {
		Random random = new Random(seed);
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean inStartUp = random.nextDouble() < 0.25;
			points.add(new Point(i, inStartUp, inStartUp ? 0.3 + 0.7 * random.nextDouble() : random.nextDouble()));
		}
		return points;
	}

	/** The points of this run's share. */
	List<Point> thisRun() {
		return this.all.stream().filter((point) -> point.index() % this.shares == this.share).toList();
	}

	boolean everyPoint() {
		return this.shares == 1;
	}

	/** What a reader of the run's output needs to repeat it or to go on. */
	String describe() {
		String indexes = String.join(", ", thisRun().stream().map((p) -> Integer.toString(p.index())).toList());
		if (everyPoint()) {
			return "crash points: all %d of seed %d".formatted(this.all.size(), this.seed);
		}
		return ("crash points %s of %d (seed %d, share %d of %d; the next run takes share %d; "
				+ "-Dsafetystats.crashRotation=%d repeats this one, -Dsafetystats.crashAll=true kills at every point)")
			.formatted(indexes, this.all.size(), this.seed, this.share, this.shares, (this.share + 1) % this.shares,
					this.share);
	}

	/**
	 * Reads and advances this machine's counter of crash-suite runs (0 when unreadable).
	 */
	private static int nextRotation() {
		Path counter = Path.of(System.getProperty("user.home"), ".cache", "safetystats", "crash-rotation");
		int runs = 0;
		try {
			if (Files.exists(counter)) {
				runs = Integer.parseInt(Files.readString(counter).trim());
			}
			Files.createDirectories(counter.getParent());
			Files.writeString(counter, Integer.toString(runs + 1));
		}
		catch (IOException | NumberFormatException ex) {
			// the first share then: a run still kills at its points, only the rotation
			// stalls
		}
		return Math.floorMod(runs, Integer.MAX_VALUE);
	}

}
