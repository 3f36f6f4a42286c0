package org.safetystats.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.safetystats.batch.StopSignal;
import org.safetystats.quality.OutlierWarnings;
import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Findings;
import org.safetystats.validate.Rule;
import org.safetystats.validate.SubmissionFileName;
import org.safetystats.validate.SubmissionValidator;
import org.safetystats.validate.ValidationResult;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Registers, validates and loads one file in the caller's transaction: reads it once
 * (checksum, validation and COPY in the same pass), then keeps the values (LOADED,
 * superseding the previous version; or PENDING_APPROVAL, a correction of a published
 * period waiting for an admin) or rolls them back to a savepoint (REJECTED, DUPLICATE),
 * and stores the submission row and all its findings. Nothing is visible to anyone until
 * the transaction commits.
 */
@Component
class SubmissionIngester {

	private final DataSource dataSource;

	private final SubmissionRegistry registry;

	private final Clock clock;

	private final IngestFaults faults;

	private final PublishedPeriodCheck published;

	private final OutlierWarnings outliers;

	private final FindingRows rows;

	/** Whether a file of the current group has its savepoint (one group at a time). */
	private volatile boolean fileBegun;

	SubmissionIngester(DataSource dataSource, SubmissionRegistry registry, Clock clock,
			ObjectProvider<IngestFaults> faults, PublishedPeriodCheck published, OutlierWarnings outliers,
			FindingRows rows) {
		this.outliers = outliers;
		this.rows = rows;
		this.dataSource = dataSource;
		this.registry = registry;
		this.clock = clock;
		this.faults = faults.getIfAvailable(() -> IngestFaults.NONE);
		this.published = published;
	}

	/**
	 * Starts a transaction of several files: holds the change feed for it
	 * ({@link SubmissionRegistry#holdChangeFeed()}) and reads which units have published
	 * years.
	 */
	void beginGroup() {
		this.registry.holdChangeFeed();
		this.published.refresh();
		this.fileBegun = false;
	}

	/**
	 * Ingests a file; with {@code reload}, bytes already accepted load again as a new
	 * version instead of being a DUPLICATE (an admin's re-ingest from the archive).
	 */
	Submission ingest(Path file, ReferenceCatalog catalog, @Nullable Long jobExecutionId, boolean reload,
			StopSignal stop) throws IOException, SQLException {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"a submission must be ingested inside a transaction");
		String fileName = file.getFileName().toString();
		SubmissionFileName name = SubmissionFileName.parse(fileName);
		long id = this.registry.beginFile((name != null) ? name.unitCode() : null,
				(name != null) ? name.periodText() : null, this.fileBegun);
		this.fileBegun = true;
		try {
			return ingest(file, name, catalog, jobExecutionId, reload, id, stop);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			this.registry.rollbackFile();
			throw ex;
		}
	}

	private Submission ingest(Path file, @Nullable SubmissionFileName name, ReferenceCatalog catalog,
			@Nullable Long jobExecutionId, boolean reload, long id, StopSignal stop) throws IOException, SQLException {
		String fileName = file.getFileName().toString();
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			return notAFile(file, id, name, jobExecutionId);
		}
		ValueCopier copier = new ValueCopier(DataSourceUtils.getConnection(this.dataSource), id);
		MessageDigest sha256 = Checksums.newSha256();
		ValidationResult result;
		try (InputStream in = new DigestInputStream(
				new StoppableInputStream(Files.newInputStream(file), stop, fileName), sha256)) {
			result = new SubmissionValidator(catalog, this.clock).validate(fileName, in, copier);
			in.transferTo(OutputStream.nullOutputStream());
			if (stop.requested()) {
				// the validator may have taken the cut-off read for a bad file
				throw new StopRequested("checking " + fileName);
			}
		}
		catch (IOException | RuntimeException ex) {
			// the connection must be out of COPY before the caller rolls back
			copier.abandon();
			throw ex;
		}
		copier.finish();
		boolean held = result.loadable() && name != null && warnAgainstPast(id, name, result);
		String checksum = Checksums.hex(sha256);
		Submission decided = decide(id, file, result, checksum, jobExecutionId, reload, held);
		this.rows.insertFindings(id, result.findings().list());
		Submission submission = this.registry.keepRejectedOnce(List.of(decided)).get(0);
		this.faults.beforeCommit(fileName, stop);
		return submission;
	}

	/**
	 * Adds the warnings that need the past (a publication the file changes, outliers
	 * against the unit's history); returns whether the file must wait for approval.
	 */
	private boolean warnAgainstPast(long id, SubmissionFileName name, ValidationResult result) {
		this.outliers.check(id, name.unitCode(), name.periodText()).forEach(result.findings()::add);
		Finding publication = this.published.warning(name.unitCode(), name.periodText()).orElse(null);
		if (publication == null) {
			return false;
		}
		result.findings().add(publication);
		return this.published.requireApproval();
	}

	private Submission decide(long id, Path file, ValidationResult result, String checksum,
			@Nullable Long jobExecutionId, boolean reload, boolean held) throws IOException {
		String fileName = file.getFileName().toString();
		SubmissionFileName name = result.name();
		String unit = (name != null) ? name.unitCode() : null;
		String period = (name != null) ? name.periodText() : null;
		SubmissionRegistry.Prior prior = result.loadable()
				? this.registry.priors(List.of(new SubmissionRegistry.FileKey(checksum, unit, period))).get(0) : null;
		Long duplicateOf = (prior != null && !reload) ? prior.duplicateOf() : null;
		SubmissionStatus status = !result.loadable() ? SubmissionStatus.REJECTED : (duplicateOf != null)
				? SubmissionStatus.DUPLICATE : held ? SubmissionStatus.PENDING_APPROVAL : SubmissionStatus.LOADED;
		if (duplicateOf != null) {
			this.registry.supersededDuplicate(duplicateOf).ifPresent(result.findings()::add);
		}
		Integer version = null;
		if (status == SubmissionStatus.LOADED) {
			version = prior.nextVersion();
		}
		else if (status != SubmissionStatus.PENDING_APPROVAL) {
			// A held file keeps its values (they count nowhere until approved); the
			// others
			// go back to the file's start, with its lock (the pipeline lock serialises
			// runs).
			this.registry.rollbackFile();
		}
		Submission submission = new Submission(id, fileName, checksum, Files.size(file), unit, period,
				ReceivedTime.of(file, this.clock.instant()), status, version, result.rows(),
				result.findings().errorCount(), result.findings().warningCount(), duplicateOf,
				Submission.storedAs(id, fileName, status, period), jobExecutionId);
		this.registry.register(List.of(submission), jobExecutionId);
		return submission;
	}

	/** A symbolic link or special file: rejected without reading what it points to. */
	private Submission notAFile(Path file, long id, @Nullable SubmissionFileName name, @Nullable Long jobExecutionId)
			throws IOException {
		String fileName = file.getFileName().toString();
		MessageDigest digest = Checksums.newSha256();
		digest.update(("not a regular file: " + fileName).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Findings findings = new Findings();
		findings.add(Finding.of(Rule.NOT_A_FILE, null, "file_name", fileName));
		Submission submission = new Submission(id, fileName, Checksums.hex(digest), 0,
				(name != null) ? name.unitCode() : null, (name != null) ? name.periodText() : null,
				ReceivedTime.of(file, this.clock.instant()), SubmissionStatus.REJECTED, null, 0, 1, 0, null,
				Submission.storedAs(id, fileName, SubmissionStatus.REJECTED, null), jobExecutionId);
		this.registry.register(List.of(submission), jobExecutionId);
		this.rows.insertFindings(id, findings.list());
		return submission;
	}

}
