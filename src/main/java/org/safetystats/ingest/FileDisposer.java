package org.safetystats.ingest;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.SafetystatsProperties;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a file out of the inbox once its submission is committed: to the archive when
 * loaded, superseded or a duplicate, to the rejected folder with its error report
 * otherwise; then records {@code disposed_at}. Every step can be repeated, so a crash
 * between commit and move is finished by the next run ({@link #finishPending()}).
 */
@Component
class FileDisposer {

	private static final Logger logger = LoggerFactory.getLogger(FileDisposer.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate newTransaction;

	private final SafetystatsProperties properties;

	private final MoveRecords records;

	FileDisposer(JdbcClient jdbc, PlatformTransactionManager transactionManager, SafetystatsProperties properties,
			MoveRecords records) {
		this.jdbc = jdbc;
		this.records = records;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.properties = properties;
	}

	private record Pending(long id, String fileName, String checksum, SubmissionStatus status, String storedAs) {

	}

	/**
	 * Moves the file of a submission just committed. That it moved is recorded later, for
	 * many files at once ({@link #recordMovedAside()} after a group's moves,
	 * {@link #recordMoved()} at the end of the step), not in a transaction of its own: a
	 * crash before that is finished by {@link #finishPending()}, which sees the file
	 * already in place.
	 */
	public void dispose(Submission submission) {
		dispose(new Pending(submission.id(), submission.fileName(), submission.checksum(), submission.status(),
				submission.storedAs()), false, true);
	}

	/** Records, in the caller's transaction, the files moved since the last call. */
	public void recordMoved() {
		this.records.record();
	}

	/**
	 * Records, in a transaction of its own and without waiting, the files moved since the
	 * last call ({@link MoveRecords#recordAside()}).
	 */
	void recordMovedAside() {
		this.records.recordAside();
	}

	/** Moves the file of a committed submission and records it. */
	public void dispose(long submissionId) {
		Pending pending = this.newTransaction.execute((tx) -> this.jdbc
			.sql("""
					SELECT submission_id AS id, file_name, checksum_sha256 AS checksum, status, stored_as FROM ops.submission
					WHERE submission_id = :id
					""")
			.param("id", submissionId)
			.query(Pending.class)
			.single());
		dispose(pending, false, false);
	}

	/** Finishes the moves a crash interrupted; returns how many were finished. */
	public int finishPending() {
		List<Pending> pending = this.newTransaction.execute((tx) -> this.jdbc
			.sql("""
					SELECT submission_id AS id, file_name, checksum_sha256 AS checksum, status, stored_as FROM ops.submission
					WHERE disposed_at IS NULL ORDER BY submission_id
					""")
			.query(Pending.class)
			.list());
		int finished = 0;
		for (Pending p : pending) {
			logger.info("Finishing the move of submission {} ({}) interrupted by an earlier run", p.id(), p.fileName());
			finished += dispose(p, true, false) ? 1 : 0;
		}
		return finished;
	}

	/** Moves the file and records it; false when it could not be put in place. */
	private boolean dispose(Pending p, boolean verify, boolean recordLater) {
		Path source = this.properties.inbox().resolve(p.fileName());
		Path target = folder(p.status()).resolve(p.storedAs());
		try {
			if (verify && Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)
					&& !p.checksum().equals(Checksums.sha256(source))) {
				logger.warn("{} in the inbox is not the file submission {} registered (other bytes): it is left "
						+ "for ingest, and submission {} keeps its values", source, p.id(), p.id());
				source = target;
			}
			if (Files.exists(source, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target)) {
				Files.createDirectories(target.getParent());
				if (p.status() == SubmissionStatus.REJECTED) {
					ErrorReportWriter.write(target.resolveSibling(target.getFileName() + ".errors.csv"),
							findings(p.id()));
				}
				move(source, target);
			}
			else if (Files.exists(source, LinkOption.NOFOLLOW_LINKS) && !source.equals(target)) {
				if (p.status() != SubmissionStatus.REJECTED || p.storedAs().startsWith(p.id() + "_")) {
					logger.warn("{} is already kept as {}: the copy left in the inbox is removed", source, target);
				}
				else {
					// rejected again as before, byte for byte: kept once
					// (SubmissionRegistry.keepRejectedOnce)
					logger.info("{} was rejected before as it is now and is kept as {}: the copy in the inbox is "
							+ "removed", source, target);
				}
				Files.delete(source);
			}
			if (!isInPlace(p, target, verify)) {
				// Not in this inbox (an ingest of another inbox), or gone: the move stays
				// pending.
				logger.warn("Submission {} ({}) is not in {} nor kept as {}: its move stays pending", p.id(),
						p.fileName(), this.properties.inbox(), target);
				return false;
			}
			if (recordLater) {
				this.records.moved(p.id());
			}
			else {
				this.records.recordNow(p.id());
			}
			try (FileLogContext context = FileLogContext.of(p.fileName())) {
				SubmissionWriter.PER_FILE.debug("{} {} -> {}", p.status(), p.fileName(), target);
			}
			return true;
		}
		catch (IOException ex) {
			logger.error("Submission {} is committed as {} but {} could not be moved to {}: {}. The next run retries.",
					p.id(), p.status(), source, target, ex.toString());
			return false;
		}
	}

	/**
	 * The file is at its destination; when finishing an earlier run's move, with the
	 * bytes registered (a link or special file is kept as the entry itself).
	 */
	private static boolean isInPlace(Pending p, Path target, boolean verify) throws IOException {
		if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		return !verify || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
				|| p.checksum().equals(Checksums.sha256(target));
	}

	private List<Finding> findings(long submissionId) {
		return this.newTransaction.execute((tx) -> this.jdbc.sql("""
				SELECT line, field, value, rule, message_vi, message_en, cell FROM ops.finding
				WHERE submission_id = :id ORDER BY seq
				""")
			.param("id", submissionId)
			.query((rs, n) -> new Finding((Long) rs.getObject(1), rs.getString(2), rs.getString(3),
					Rule.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list());
	}

	private Path folder(SubmissionStatus status) {
		return status.archived() ? this.properties.archive() : this.properties.rejected();
	}

	private static void move(Path source, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Path temp = target.resolveSibling(target.getFileName() + ".tmp");
			Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			Files.delete(source);
		}
	}

}
