package org.safetystats.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.safetystats.system.SafetystatsProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Health of the folders files go through: the inbox, the archive and the rejected folder
 * each a writable folder with at least {@code safetystats.health.min-free-space} left on
 * its file system; DOWN otherwise, naming the folder and what is wrong.
 */
@Component("folders")
class FoldersHealthIndicator implements HealthIndicator {

	private final Map<String, Path> folders = new LinkedHashMap<>();

	private final DataSize minFree;

	FoldersHealthIndicator(SafetystatsProperties properties,
			@Value("${safetystats.health.min-free-space:1GB}") DataSize minFree) {
		this.folders.put("inbox", properties.inbox());
		this.folders.put("archive", properties.archive());
		this.folders.put("rejected", properties.rejected());
		this.minFree = minFree;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (Map.Entry<String, Path> folder : this.folders.entrySet()) {
			Map<String, Object> details = new LinkedHashMap<>();
			Path path = folder.getValue().toAbsolutePath();
			details.put("path", path.toString());
			String problem = problem(path, details);
			if (problem != null) {
				details.put("problem", problem);
				health.down();
			}
			health.withDetail(folder.getKey(), details);
		}
		return health.withDetail("minFreeBytes", this.minFree.toBytes()).build();
	}

	private @Nullable String problem(Path path, Map<String, Object> details) {
		if (Files.exists(path) && !Files.isDirectory(path)) {
			return "not a folder";
		}
		// the home's folders are made on first use: a missing one is fine when it can be
		// made
		Path folder = existing(path);
		if (!Files.isWritable(folder)) {
			return Files.exists(path) ? "not writable" : "missing, and " + folder + " is not writable";
		}
		try {
			long free = Files.getFileStore(folder).getUsableSpace();
			details.put("freeBytes", free);
			return (free < this.minFree.toBytes()) ? "less than " + this.minFree + " left" : null;
		}
		catch (IOException ex) {
			return "cannot read the space left: " + ex.getMessage();
		}
	}

	/** The folder itself, or its nearest ancestor that exists. */
	private static Path existing(Path path) {
		Path existing = path;
		while (!Files.exists(existing) && existing.getParent() != null) {
			existing = existing.getParent();
		}
		return existing;
	}

}
