package org.safetystats.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.AuditTrail;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.safetystats.validate.SubmissionValidator;
import org.safetystats.validate.ValidationResult;
import org.safetystats.validate.ValueSink;
import org.springframework.stereotype.Service;

/**
 * Checks an uploaded file the way ingest will ({@link SubmissionValidator}, loading
 * nothing) and submits it. The upload is kept as a hidden file in the inbox
 * ({@code .upload-<token>-<unit>_<period>.<ext>}, which ingest leaves alone); submitting
 * links it to {@code <unit>_<period>.<ext>} in one step, so ingest never sees half a
 * file, and the link fails rather than replace a file already waiting. Uploads not
 * submitted within a day are removed.
 */
@Service
public class Uploads {

	private static final Logger logger = LoggerFactory.getLogger(Uploads.class);

	private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern STAGED = Pattern
		.compile("\\.upload-([0-9a-f]{32})-((\\d{5})_(\\d{4}-\\d{2})\\.(csv|xlsx))");

	private static final Duration KEPT = Duration.ofDays(1);

	private final SafetystatsProperties properties;

	private final ReferenceCatalogLoader catalogs;

	private final Clock clock;

	private final AuditTrail audit;

	Uploads(SafetystatsProperties properties, ReferenceCatalogLoader catalogs, Clock clock, AuditTrail audit) {
		this.properties = properties;
		this.catalogs = catalogs;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * A checked upload.
	 *
	 * @param token names the kept file until it is submitted
	 * @param unit ward or commune code
	 * @param period month, YYYY-MM
	 * @param fileName the name it goes into the inbox under
	 * @param result the findings validation gives it
	 */
	public record Checked(String token, String unit, String period, String fileName, ValidationResult result) {

	}

	/** Keeps the upload aside and validates it as {@code <unit>_<period>.<ext>}. */
	public Checked check(String unit, YearMonth period, String originalName, InputStream content) throws IOException {
		String extension = extension(originalName);
		String fileName = unit + "_" + period + "." + extension;
		Files.createDirectories(this.properties.inbox());
		removeStale();
		String token = UUID.randomUUID().toString().replace("-", "");
		Path staged = this.properties.inbox().resolve(".upload-" + token + "-" + fileName);
		Files.copy(content, staged);
		return new Checked(token, unit, period.toString(), fileName, validate(staged, fileName));
	}

	/** An upload kept aside, by its token. */
	public Checked find(String token) throws IOException {
		Path staged = staged(token);
		Matcher m = STAGED.matcher(staged.getFileName().toString());
		if (!m.matches()) {
			throw new IllegalStateException("Unexpected upload file " + staged);
		}
		return new Checked(token, m.group(3), m.group(4), m.group(2), validate(staged, m.group(2)));
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
					checked.result().loadable() ? "would load" : "would be rejected"));
			return target;
		}
		catch (UserFacingException ex) {
			this.audit.record(
					new AuditTrail.Entry(requestedBy, "upload", parameters, null, null, "REFUSED", ex.getMessage()));
			throw ex;
		}
	}

	private Path place(Checked checked, boolean anyway) throws IOException {
		if (!checked.result().loadable() && !anyway) {
			throw new UsageException(checked.fileName() + " would be rejected: "
					+ checked.result().findings().errorCount() + " error(s); correct it, or submit it anyway");
		}
		Path staged = staged(checked.token());
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

	private Path staged(String token) throws IOException {
		if (!TOKEN.matcher(token).matches()) {
			throw new UsageException("No such upload " + token);
		}
		try (Stream<Path> files = Files.list(this.properties.inbox())) {
			return files.filter((f) -> f.getFileName().toString().startsWith(".upload-" + token + "-"))
				.findFirst()
				.orElseThrow(() -> new UsageException("No such upload " + token + " (submitted already?)"));
		}
	}

	private void removeStale() throws IOException {
		Instant before = this.clock.instant().minus(KEPT);
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
			throw new UsageException("The file name holds a control character: " + AuditTrail.clean(originalName));
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
