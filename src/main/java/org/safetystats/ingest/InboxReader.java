package org.safetystats.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UserFacingException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Lists the inbox when the step opens and hands out its files in the order they were
 * received (modification time, a time in the future counting as now), then by name, so
 * that of several files for the same unit-month the last received becomes the current
 * version. Hidden files and temporary files ({@code .tmp}, {@code .part}, as upload tools
 * write them) are left for a later run; sub-folders are reported and left alone.
 */
class InboxReader implements ItemStreamReader<Path> {

	private static final Logger logger = LoggerFactory.getLogger(InboxReader.class);

	private final Path inbox;

	private final int settleSeconds;

	private final boolean homeInbox;

	private final Supplier<Map<String, String>> pendingMoves;

	private Map<String, String> pending = Map.of();

	private @Nullable Iterator<Path> files;

	/**
	 * @param pendingMoves file name to checksum of the submissions whose file is still to
	 * be moved: those same bytes are not registered a second time
	 */
	InboxReader(SafetystatsProperties properties, Supplier<Map<String, String>> pendingMoves) {
		this.inbox = properties.inbox();
		this.settleSeconds = properties.inboxSettleSeconds();
		this.homeInbox = this.inbox.equals(properties.home().resolve("inbox"));
		this.pendingMoves = pendingMoves;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		if (this.homeInbox && !Files.exists(this.inbox)) {
			// The home's own folders are made on first use; a folder given explicitly
			// must exist.
			try {
				Files.createDirectories(this.inbox);
			}
			catch (IOException ex) {
				throw new UserFacingException("Cannot create the inbox " + this.inbox.toAbsolutePath() + ": " + ex);
			}
		}
		if (!Files.isDirectory(this.inbox)) {
			throw new UserFacingException("Inbox " + this.inbox.toAbsolutePath() + " is not a folder");
		}
		this.pending = this.pendingMoves.get();
		try (Stream<Path> entries = Files.list(this.inbox)) {
			Instant now = Instant.now();
			List<Path> listed = entries.filter(this::isSubmission)
				.map((path) -> new Received(path, receivedAt(path, now)))
				.sorted(Comparator.comparing(Received::at).thenComparing(Received::path))
				.map(Received::path)
				.toList();
			logger.info("Inbox {}: {} file(s) to ingest", this.inbox, listed.size());
			this.files = listed.iterator();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the inbox " + this.inbox, ex);
		}
	}

	private record Received(Path path, Instant at) {

	}

	private static Instant receivedAt(Path path, Instant now) {
		try {
			return ReceivedTime.of(path, now);
		}
		catch (IOException ex) {
			return now;
		}
	}

	@Override
	public @Nullable Path read() {
		return (this.files != null && this.files.hasNext()) ? this.files.next() : null;
	}

	/** A hidden file, or one an upload tool is still writing: left for a later run. */
	static boolean hiddenOrTemporary(String name) {
		return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part");
	}

	private boolean isSubmission(Path path) {
		String name = path.getFileName().toString();
		if (hiddenOrTemporary(name)) {
			logger.info("{} is hidden or temporary (an upload in progress?): left in the inbox", name);
			return false;
		}
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			logger.warn("{} is a folder, not a submission: left in the inbox", path);
			return false;
		}
		try {
			if (this.pending.containsKey(name) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
					&& this.pending.get(name).equals(Checksums.sha256(path))) {
				logger.warn("{} is already registered and waits to be moved: it is not registered again", name);
				return false;
			}
			Instant now = Instant.now();
			if (ReceivedTime.warnIfFuture(path, now)) {
				return true;
			}
			Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
			if (modified.isAfter(now.minusSeconds(this.settleSeconds))) {
				logger.info("{} changed less than {} s ago, so it may still be arriving: left for the next run",
						path.getFileName(), this.settleSeconds);
				return false;
			}
		}
		catch (IOException ex) {
			logger.warn("{} cannot be read ({}): left in the inbox", path, ex.getMessage());
			return false;
		}
		return true;
	}

}
