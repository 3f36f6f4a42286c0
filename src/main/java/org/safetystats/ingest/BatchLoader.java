package org.safetystats.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.safetystats.quality.OutlierWarnings;
import org.safetystats.validate.Finding;
import org.safetystats.validate.ValidationResult;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes a batch of files read and validated in memory ({@link FilePreparer}) in the
 * caller's transaction, with a few statements for the whole batch instead of several per
 * file: ids and locks, duplicate and version checks, the outlier histories, one COPY of
 * every loaded value, one registration statement, one batch of findings. The outcome of
 * each file is the one {@link SubmissionIngester} would give it: LOADED (superseding the
 * previous version), DUPLICATE or REJECTED, with its findings. The batch's files have
 * distinct units and distinct checksums (so no file of it is a version or a duplicate of
 * another), and none is in a unit-year a publication may cover. The batch is in a
 * savepoint: when a statement fails, the caller rolls it back ({@link #rollback()}) and
 * ingests the files one by one.
 */
@Component
class BatchLoader {

	private final DataSource dataSource;

	private final BatchRegistry batches;

	private final SubmissionRegistry registry;

	private final FindingRows rows;

	private final OutlierWarnings outliers;

	BatchLoader(DataSource dataSource, BatchRegistry batches, SubmissionRegistry registry, FindingRows rows,
			OutlierWarnings outliers) {
		this.dataSource = dataSource;
		this.batches = batches;
		this.registry = registry;
		this.rows = rows;
		this.outliers = outliers;
	}

	/** Writes the files; returns their submissions, in the files' order. */
	List<Submission> load(List<PreparedFile> files, @Nullable Long jobExecutionId) throws SQLException {
		List<Long> ids = this.batches.begin(files);
		List<PreparedFile> loadable = files.stream().filter((f) -> f.result().loadable()).toList();
		Iterator<SubmissionRegistry.Prior> priors = this.registry
			.priors(loadable.stream()
				.map((f) -> new SubmissionRegistry.FileKey(f.checksum(), f.unitCode(), f.period()))
				.toList())
			.iterator();
		Iterator<List<Finding>> warnings = warnings(loadable).iterator();
		List<Submission> submissions = new ArrayList<>();
		Map<Long, List<Finding>> findings = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			PreparedFile file = files.get(i);
			ValidationResult result = file.result();
			SubmissionRegistry.Prior prior = null;
			if (result.loadable()) {
				warnings.next().forEach(result.findings()::add);
				prior = priors.next();
			}
			Submission submission = decide(ids.get(i), file, prior, jobExecutionId);
			submissions.add(submission);
			findings.put(submission.id(), result.findings().list());
		}
		copy(files, submissions);
		this.registry.register(submissions, jobExecutionId);
		this.rows.insertFindings(findings);
		List<Submission> kept = this.registry.keepRejectedOnce(submissions);
		this.batches.release();
		return kept;
	}

	/** One COPY of the loaded files' values. */
	private void copy(List<PreparedFile> files, List<Submission> submissions) throws SQLException {
		ValueCopier copier = new ValueCopier(DataSourceUtils.getConnection(this.dataSource), 0);
		try {
			for (int i = 0; i < files.size(); i++) {
				if (submissions.get(i).status() == SubmissionStatus.LOADED) {
					copier.submission(submissions.get(i).id());
					files.get(i).values().forEach(copier::accept);
				}
			}
		}
		catch (RuntimeException ex) {
			copier.abandon();
			throw ex;
		}
		copier.finish();
	}

	/** Undoes everything the batch wrote, after a failure of {@link #load}. */
	void rollback() {
		this.batches.rollback();
	}

	/**
	 * The outlier warnings of each loadable file: those judged ahead, the others judged
	 * here (none for a file without a name).
	 */
	private List<List<Finding>> warnings(List<PreparedFile> loadable) {
		List<OutlierWarnings.Candidate> candidates = new ArrayList<>();
		for (PreparedFile file : loadable) {
			if (file.warnings() == null && file.unitCode() != null && file.period() != null) {
				candidates.add(new OutlierWarnings.Candidate(file.unitCode(), file.period(), file.values()));
			}
		}
		Iterator<List<Finding>> judged = this.outliers.checkAll(candidates).iterator();
		return loadable.stream()
			.map((f) -> (f.warnings() != null) ? f.warnings()
					: (f.unitCode() != null && f.period() != null) ? judged.next() : List.<Finding>of())
			.toList();
	}

	private Submission decide(long id, PreparedFile file, SubmissionRegistry.@Nullable Prior prior,
			@Nullable Long jobExecutionId) {
		ValidationResult result = file.result();
		Long duplicateOf = (prior != null && !file.reload()) ? prior.duplicateOf() : null;
		SubmissionStatus status = (prior == null) ? SubmissionStatus.REJECTED
				: (duplicateOf != null) ? SubmissionStatus.DUPLICATE : SubmissionStatus.LOADED;
		if (duplicateOf != null && prior.duplicateSuperseded()) {
			this.registry.supersededDuplicate(duplicateOf).ifPresent(result.findings()::add);
		}
		Integer version = (status == SubmissionStatus.LOADED) ? prior.nextVersion() : null;
		return new Submission(id, file.fileName(), file.checksum(), file.size(), file.unitCode(), file.period(),
				file.receivedAt(), status, version, result.rows(), result.findings().errorCount(),
				result.findings().warningCount(), duplicateOf,
				Submission.storedAs(id, file.fileName(), status, file.period()), jobExecutionId);
	}

}
