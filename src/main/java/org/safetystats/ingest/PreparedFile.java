package org.safetystats.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.validate.AcceptedValue;
import org.safetystats.validate.Finding;
import org.safetystats.validate.SubmissionFileName;
import org.safetystats.validate.ValidationResult;

/**
 * A small file read and validated in memory, not yet written: what its group's batch
 * ({@link BatchLoader}) needs to register and load it.
 *
 * @param file the file in the inbox
 * @param reload whether known bytes load again as a new version (an admin's re-ingest)
 * @param checksum SHA-256 of the bytes, hex
 * @param size bytes
 * @param receivedAt when it was received ({@link ReceivedTime})
 * @param result the validation's findings and row count
 * @param values the accepted values, empty when the file cannot load
 * @param warnings its OUTLIER warnings when judged ahead ({@link WarningsAhead}),
 * {@code null} when the writer judges it
 */
record PreparedFile(Path file, boolean reload, String checksum, long size, Instant receivedAt, ValidationResult result,
		List<AcceptedValue> values, @Nullable List<Finding> warnings) {

	PreparedFile withWarnings(@Nullable List<Finding> judged) {
		return new PreparedFile(this.file, this.reload, this.checksum, this.size, this.receivedAt, this.result,
				this.values, judged);
	}

	String fileName() {
		return this.file.getFileName().toString();
	}

	@Nullable String unitCode() {
		SubmissionFileName name = this.result.name();
		return (name != null) ? name.unitCode() : null;
	}

	@Nullable String period() {
		SubmissionFileName name = this.result.name();
		return (name != null) ? name.periodText() : null;
	}

}
