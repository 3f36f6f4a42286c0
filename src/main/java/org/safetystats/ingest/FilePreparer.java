package org.safetystats.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopSignal;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.validate.AcceptedValue;
import org.safetystats.validate.SubmissionFileName;
import org.safetystats.validate.SubmissionValidator;
import org.safetystats.validate.ValidationResult;
import org.safetystats.validate.ValueSink;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads and validates a small file in memory, before anything of it is written, so that a
 * group's files can be written together ({@link BatchLoader}). A file that needs more
 * (larger than {@link #MAX_BYTES}, not a regular file, or in a unit-year a publication
 * may cover) is left to {@link SubmissionIngester}, which streams it file by file.
 */
@Component
class FilePreparer {

	/** Larger files are streamed, so that memory stays bounded by the group. */
	static final long MAX_BYTES = 256 * 1024;

	private final Clock clock;

	private final PublishedPeriodCheck published;

	private final IngestFaults faults;

	FilePreparer(Clock clock, PublishedPeriodCheck published, ObjectProvider<IngestFaults> faults) {
		this.clock = clock;
		this.published = published;
		this.faults = faults.getIfAvailable(() -> IngestFaults.NONE);
	}

	/**
	 * The file read and validated, or {@code null} when it must be ingested on its own
	 * ({@link SubmissionIngester}).
	 */
	@Nullable PreparedFile prepare(Path file, ReferenceCatalog catalog, boolean reload) throws IOException {
		String fileName = file.getFileName().toString();
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
			return null;
		}
		SubmissionFileName name = SubmissionFileName.parse(fileName);
		if (name != null && this.published.mayCover(name.unitCode(), name.periodText())) {
			return null;
		}
		byte[] bytes = Files.readAllBytes(file);
		MessageDigest sha256 = Checksums.newSha256();
		sha256.update(bytes);
		Values values = new Values();
		ValidationResult result = new SubmissionValidator(catalog, this.clock).validate(fileName,
				new ByteArrayInputStream(bytes), values);
		return new PreparedFile(file, reload, Checksums.hex(sha256), bytes.length,
				ReceivedTime.of(file, this.clock.instant()), result, values.accepted, null);
	}

	/**
	 * The test hook ({@link IngestFaults}) for a prepared file, run by the writer as it
	 * takes the file into a group: after the file was read and validated, before its
	 * group commits; one file after the other, as the writer writes them.
	 */
	void beforeWrite(String fileName, StopSignal stop) {
		this.faults.beforeCommit(fileName, stop);
	}

	/** The accepted values kept in memory; none once the file cannot load. */
	private static final class Values implements ValueSink {

		private List<AcceptedValue> accepted = new ArrayList<>();

		@Override
		public void accept(AcceptedValue value) {
			this.accepted.add(value);
		}

		@Override
		public void abandon() {
			this.accepted = List.of();
		}

	}

}
