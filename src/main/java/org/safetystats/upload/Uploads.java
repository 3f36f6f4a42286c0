package org.safetystats.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.safetystats.audit.AuditTrail;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.RequesterText;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Findings;
import org.safetystats.validate.SubmissionValidator;
import org.safetystats.validate.ValidationResult;
import org.safetystats.validate.ValueSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Checks an uploaded file the way ingest will ({@link SubmissionValidator}, loading
 * nothing) and submits it. The upload is kept as a hidden file in the inbox
 * ({@code .upload-<token>-<unit>_<period>.<ext>}, which ingest leaves alone) and its
 * check's findings in {@code ops.upload} ({@link CheckedUploads}), so that showing it
 * again validates nothing; submitting links it to {@code <unit>_<period>.<ext>} in one
 * step, so ingest never sees half a file, and the link fails rather than replace a file
 * already waiting. An account holds a limited number and size of checked uploads
 * ({@link UploadLimits}); one is removed when it is submitted, when the same account
 * checks the same unit and month again, or once it is older than
 * {@code safetystats.uploads.kept}.
 */
@Service
public class Uploads {

	private static final Logger logger = LoggerFactory.getLogger(Uploads.class);

	private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern STAGED = Pattern
		.compile("\\.upload-([0-9a-f]{32})-((\\d{5})_(\\d{4}-\\d{2})\\.(csv|xlsx))");

	private final SafetystatsProperties properties;

	private final ReferenceCatalogLoader catalogs;

	private final Clock clock;

	private final AuditTrail audit;

	private final CheckedUploads held;

	private final UploadLimits limits;

	Uploads(SafetystatsProperties properties, ReferenceCatalogLoader catalogs, Clock clock, AuditTrail audit,
			CheckedUploads held, UploadLimits limits) {
		this.properties = properties;
		this.catalogs = catalogs;
		this.clock = clock;
		this.audit = audit;
		this.held = held;
		this.limits = limits;
	}

	/**
	 * A checked upload.
	 *
	 * @param token names the kept file until it is submitted
	 * @param unit ward or commune code
	 * @param period month, YYYY-MM
	 * @param fileName the name it goes into the inbox under
	 * @param rows data rows read
	 * @param errors errors found
	 * @param warnings warnings found
	 * @param findings the findings kept (at most {@link Findings#DEFAULT_LIMIT} and a
	 * closing note)
	 */
	public record Checked(String token, String unit, String period, String fileName, long rows, long errors,
			long warnings, List<Finding> findings) {

		public boolean loadable() {
			return this.errors == 0;
		}

	}

	/**
	 * Keeps the upload aside and validates it as {@code <unit>_<period>.<ext>}; refused
	 * when the account would hold more checked uploads than it may.
	 */
	public Checked check(String unit, YearMonth period, String originalName, InputStream content, String requestedBy)
			throws IOException {
		String extension = extension(originalName);
		String fileName = unit + "_" + period + "." + extension;
		Files.createDirectories(this.properties.inbox());
		removeExpired();
		removeOrphans();
		String token = UUID.randomUUID().toString().replace("-", "");
		Path staged = this.properties.inbox().resolve(".upload-" + token + "-" + fileName);
		Files.copy(content, staged);
		Checked reserved = new Checked(token, unit, period.toString(), fileName, 0, 0, 0, List.of());
		try {
			for (String replaced : this.held.reserve(reserved, requestedBy, Files.size(staged), this.limits,
					this.clock.instant())) {
				Files.deleteIfExists(this.properties.inbox().resolve(replaced));
			}
			ValidationResult result = validate(staged, fileName);
			this.held.recordCheck(token, result);
		}
		catch (IOException | RuntimeException ex) {
			this.held.remove(token);
			Files.deleteIfExists(staged);
			throw ex;
		}
		return find(token);
	}

	/** An upload kept aside, by its token, with the findings of its check. */
	public Checked find(String token) throws IOException {
		if (!TOKEN.matcher(token).matches()) {
			throw new UsageException("No such upload " + token);
		}
		removeExpired();
		Checked checked = this.held.find(token)
			.orElseThrow(() -> new UsageException("No such upload " + token + " (submitted, replaced or expired?)"));
		if (!Files.exists(staged(checked))) {
			this.held.remove(token);
			throw new UsageException("No such upload " + token + " (its file is gone)");
		}
		return checked;
	}

	/**
	 * Places the upload into the inbox; refused when it would be rejected, unless
	 * {@code anyway} (it is then rejected by ingest with its error report).
	 * @return the file in the inbox
	 */
	public Path submit(Checked checked, boolean anyway, String requestedBy) throws IOException {
		String parameters = "unit=" + checked.unit() + " period=" + checked.period() + " file=" + checked.fileName()
				+ " anyway=" + anyway;
		try {
			Path target = place(checked, anyway);
			this.audit.record(new AuditTrail.Entry(requestedBy, "upload", parameters, null, null, "SUBMITTED",
					checked.loadable() ? "would load" : "would be rejected"));
			return target;
		}
		catch (UserFacingException ex) {
			this.audit.record(
					new AuditTrail.Entry(requestedBy, "upload", parameters, null, null, "REFUSED", ex.getMessage()));
			throw ex;
		}
	}

	private Path place(Checked checked, boolean anyway) throws IOException {
		if (!checked.loadable() && !anyway) {
			throw new UsageException(checked.fileName() + " would be rejected: " + checked.errors()
					+ " error(s); correct it, or submit it anyway");
		}
		Path staged = staged(checked);
		Path target = this.properties.inbox().resolve(checked.fileName());
		try {
			// keeps the upload's time, which is past the ingest job's settle time by now
			Files.createLink(target, staged);
		}
		catch (FileAlreadyExistsException ex) {
			throw new UserFacingException(checked.fileName()
					+ " is already waiting in the inbox for the next run; submit again after it has been processed");
		}
		catch (UnsupportedOperationException | IOException ex) {
			// no hard links here: a copy under a hidden name, then a rename that refuses
			// to replace
			Path copy = this.properties.inbox().resolve("." + checked.token() + ".part");
			Files.copy(staged, copy, StandardCopyOption.REPLACE_EXISTING);
			if (Files.exists(target)) {
				Files.delete(copy);
				throw new UserFacingException(checked.fileName() + " is already waiting in the inbox");
			}
			Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE);
		}
		Files.delete(staged);
		this.held.remove(checked.token());
		logger.info("Upload {} submitted into the inbox as {}", checked.token(), target.getFileName());
		return target;
	}

	private ValidationResult validate(Path staged, String fileName) throws IOException {
		// a database no run has loaded the catalogues into yet gets them once, as
		// `validate` does
		var catalog = this.catalogs.loadedFingerprint().isEmpty() ? this.catalogs.load() : this.catalogs.snapshot();
		SubmissionValidator validator = new SubmissionValidator(catalog, this.clock);
		try (InputStream in = Files.newInputStream(staged)) {
			return validator.validate(fileName, in, ValueSink.DISCARD);
		}
	}

	private Path staged(Checked checked) {
		return this.properties.inbox().resolve(".upload-" + checked.token() + "-" + checked.fileName());
	}

	/** Removes the uploads checked longer ago than {@code safetystats.uploads.kept}. */
	private void removeExpired() throws IOException {
		for (String file : this.held.removeCheckedBefore(this.clock.instant().minus(this.limits.kept()))) {
			Files.deleteIfExists(this.properties.inbox().resolve(file));
		}
	}

	/**
	 * Removes kept files as old that no row names: a crash between copy and record, or
	 * the uploads of a version that kept them a day.
	 */
	private void removeOrphans() throws IOException {
		Instant before = this.clock.instant().minus(this.limits.kept());
		try (Stream<Path> files = Files.list(this.properties.inbox())) {
			for (Path file : files.filter((f) -> STAGED.matcher(f.getFileName().toString()).matches()).toList()) {
				if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private static String extension(String originalName) {
		if (originalName.chars().anyMatch(Character::isISOControl)) {
			throw new UsageException("The file name holds a control character: " + RequesterText.clean(originalName));
		}
		String lower = originalName.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".csv")) {
			return "csv";
		}
		if (lower.endsWith(".xlsx")) {
			return "xlsx";
		}
		throw new UsageException("Upload a .csv or .xlsx file, not " + originalName);
	}

}
