package org.safetystats.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a group waiting to be written together ({@link BatchLoader}): at most one
 * per unit and per checksum, so that no file of a batch is a version, a duplicate or part
 * of the history of another; a file that would be closes the batch first.
 */
final class FileBatch {

	/** A batch holds at most this many bytes of files (their values are in memory). */
	static final long MAX_BYTES = 8L * 1024 * 1024;

	private final List<PreparedFile> files = new ArrayList<>();

	private long bytes;

	private final Set<String> units = new HashSet<>();

	private final Set<String> checksums = new HashSet<>();

	/** Whether the file must wait for the batch to be written. */
	boolean conflicts(PreparedFile file) {
		return (file.unitCode() != null && this.units.contains(file.unitCode()))
				|| this.checksums.contains(file.checksum()) || this.bytes + file.size() > MAX_BYTES;
	}

	void add(PreparedFile file) {
		this.files.add(file);
		if (file.unitCode() != null) {
			this.units.add(file.unitCode());
		}
		this.checksums.add(file.checksum());
		this.bytes += file.size();
	}

	List<PreparedFile> files() {
		return List.copyOf(this.files);
	}

	boolean isEmpty() {
		return this.files.isEmpty();
	}

	void clear() {
		this.files.clear();
		this.units.clear();
		this.checksums.clear();
		this.bytes = 0;
	}

}
