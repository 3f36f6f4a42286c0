package org.safetystats.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.safetystats.system.SafetystatsProperties;

import org.springframework.stereotype.Component;

/**
 * The files waiting in the inbox for the next ingest: those the ingest would take (not
 * hidden, not {@code .tmp} or {@code .part}, not folders: the rule of the ingest's inbox
 * reader), and when the oldest of them arrived (its modification time).
 */
@Component
class InboxState {

	private final Path inbox;

	InboxState(SafetystatsProperties properties) {
		this.inbox = properties.inbox();
	}

	Waiting waiting() throws IOException {
		if (!Files.isDirectory(this.inbox)) {
			return new Waiting(0, Optional.empty());
		}
		long files = 0;
		Instant oldest = null;
		try (Stream<Path> entries = Files.list(this.inbox)) {
			for (Path path : (Iterable<Path>) entries::iterator) {
				String name = path.getFileName().toString();
				if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part")
						|| !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
					continue;
				}
				files++;
				Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
				if (oldest == null || modified.isBefore(oldest)) {
					oldest = modified;
				}
			}
		}
		return new Waiting(files, Optional.ofNullable(oldest));
	}

	record Waiting(long files, Optional<Instant> oldest) {

	}

}
