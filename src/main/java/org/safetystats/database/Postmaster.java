package org.safetystats.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a data folder's {@code postmaster.pid} says about the server on it: its process,
 * port and state ({@code starting}, {@code ready}, {@code stopping}). A file whose
 * process is gone, or is not a server on this folder (its number reused after a restart
 * of the machine), is stale.
 */
record Postmaster(long pid, int port, String state) {

	static Optional<Postmaster> read(Path dataDir) {
		try {
			List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
			String state = (lines.size() > 7) ? lines.get(7).strip() : "";
			return Optional.of(new Postmaster(Long.parseLong(lines.get(0).strip()),
					Integer.parseInt(lines.get(3).strip()), state));
		}
		catch (IOException | RuntimeException ex) {
			// absent, or caught half-written by a server starting: nothing to join yet
			return Optional.empty();
		}
	}

	/**
	 * Whether the process lives and serves {@code dataDir}: a postmaster works in its
	 * data folder, so its working directory says which folder it serves (where
	 * {@code /proc} does not tell, a live process is taken for the server).
	 */
	boolean servesFolder(Path dataDir) {
		if (!ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false)) {
			return false;
		}
		try {
			Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(this.pid), "cwd"));
			return cwd.equals(dataDir.toRealPath());
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return true;
		}
	}

	boolean ready() {
		return "ready".equals(this.state);
	}

	boolean alive() {
		return ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
