package org.safetystats.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a file was received: its modification time, or now when that time is in the future
 * (a wrong clock, or a copy that preserves times), so that such a file is neither held
 * back until then nor recorded as received in the future.
 */
final class ReceivedTime {

	private static final Logger logger = LoggerFactory.getLogger(ReceivedTime.class);

	// file systems and the JVM read slightly different clocks: only beyond this is a time
	// "in the future"
	private static final long TOLERANCE_SECONDS = 1;

	private ReceivedTime() {
	}

	static Instant of(Path file, Instant now) throws IOException {
		Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
		return isFuture(modified, now) ? now : modified;
	}

	static boolean isFuture(Instant modified, Instant now) {
		return modified.isAfter(now.plusSeconds(TOLERANCE_SECONDS));
	}

	/** Logs the warning for a file whose time is in the future; returns whether it is. */
	static boolean warnIfFuture(Path file, Instant now) throws IOException {
		Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
		if (isFuture(modified, now)) {
			logger.warn("{} was modified in the future ({}): a wrong clock or a copy that kept the time; taken as "
					+ "received now", file.getFileName(), modified);
			return true;
		}
		return false;
	}

}
