package org.safetystats.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UserFacingException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts accepted files from the archive back into the inbox under their own names, for an
 * admin's re-ingest of a month or restore of an earlier version; the ingest that follows
 * ({@link IngestJob#reingest}) loads exactly the files named here again.
 */
@Component
class ArchivedFiles {

	private static final Logger logger = LoggerFactory.getLogger(ArchivedFiles.class);

	private final JdbcClient jdbc;

	private final SafetystatsProperties properties;

	ArchivedFiles(JdbcClient jdbc, SafetystatsProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** An archived version put back in the inbox: its month and its file name. */
	public record Restored(String period, String fileName) {

	}

	/** The current files of a month (of one unit, or all); returns the names restored. */
	public List<String> restoreMonth(String period, @Nullable String unit) throws IOException {
		List<Map<String, Object>> files = this.jdbc.sql("""
				SELECT file_name, stored_as FROM ops.submission
				WHERE status = 'LOADED' AND period = :period AND (CAST(:unit AS text) IS NULL OR unit_code = :unit)
				ORDER BY unit_code
				""").param("period", period).param("unit", unit).query().listOfRows();
		List<String> copied = new ArrayList<>();
		for (Map<String, Object> file : files) {
			String name = (String) file.get("file_name");
			if (copy((String) file.get("stored_as"), name)) {
				copied.add(name);
			}
			else {
				logger.info("{} is already in the inbox (a newer upload): it is ingested instead of the archived copy",
						name);
			}
		}
		return copied;
	}

	/**
	 * A superseded version; returns its period and file name.
	 * @throws UserFacingException when it is not a superseded version, or a file of that
	 * name waits in the inbox
	 */
	public Restored restoreVersion(long submissionId) throws IOException {
		Map<String, Object> submission = this.jdbc.sql("""
				SELECT status, period, file_name, stored_as, unit_code FROM ops.submission WHERE submission_id = :id
				""").param("id", submissionId).query().listOfRows().stream().findFirst().orElse(null);
		if (submission == null) {
			throw new UserFacingException("No submission " + submissionId);
		}
		if (!"SUPERSEDED".equals(submission.get("status"))) {
			throw new UserFacingException("Submission " + submissionId + " is " + submission.get("status")
					+ ": only a SUPERSEDED version can be restored");
		}
		if (!copy((String) submission.get("stored_as"), (String) submission.get("file_name"))) {
			throw new UserFacingException("A file named " + submission.get("file_name")
					+ " is waiting in the inbox: ingest it first, then restore");
		}
		return new Restored((String) submission.get("period"), (String) submission.get("file_name"));
	}

	private boolean copy(String storedAs, String fileName) throws IOException {
		Path source = this.properties.archive().resolve(storedAs);
		Path target = this.properties.inbox().resolve(fileName);
		if (Files.exists(target)) {
			return false;
		}
		Files.createDirectories(target.getParent());
		Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
		return true;
	}

}
