package org.safetystats.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files moved out of the inbox whose move ({@code disposed_at}) is not recorded yet:
 * recorded many at once, never in a transaction per file. Until then a crash leaves them
 * to {@link FileDisposer#finishPending()}, which sees each file already in place.
 */
@Component
class MoveRecords {

	private static final Logger logger = LoggerFactory.getLogger(MoveRecords.class);

	/** Records the moves of the submissions no open transaction holds; returns them. */
	private static final String RECORD_UNLOCKED = """
			UPDATE ops.submission s SET disposed_at = now()
			FROM (SELECT submission_id FROM ops.submission WHERE submission_id IN (:ids) AND disposed_at IS NULL
			      ORDER BY submission_id FOR NO KEY UPDATE SKIP LOCKED) AS free
			WHERE s.submission_id = free.submission_id
			RETURNING s.submission_id
			""";

	private static final String RECORD = """
			UPDATE ops.submission SET disposed_at = now() WHERE submission_id IN (:ids) AND disposed_at IS NULL
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate newTransaction;

	private final Queue<Long> moved = new ConcurrentLinkedQueue<>();

	MoveRecords(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The submission's file is in place: record it with the next call. */
	void moved(long submissionId) {
		this.moved.add(submissionId);
	}

	/** Records, in the caller's transaction, the files moved since the last call. */
	void record() {
		List<Long> ids = take();
		if (!ids.isEmpty()) {
			this.jdbc.sql(RECORD).param("ids", ids).update();
		}
	}

	/** Records this submission's move at once, in a transaction of its own. */
	void recordNow(long submissionId) {
		this.newTransaction
			.executeWithoutResult((tx) -> this.jdbc.sql(RECORD).param("ids", List.of(submissionId)).update());
	}

	/**
	 * Records, in a transaction of its own, the files moved since the last call, without
	 * waiting: a submission whose row an open transaction holds (the writer superseding
	 * it) is left for the next call.
	 */
	void recordAside() {
		List<Long> ids = take();
		if (ids.isEmpty()) {
			return;
		}
		Set<Long> left = new HashSet<>(ids);
		try {
			left.removeAll(this.newTransaction
				.execute((tx) -> this.jdbc.sql(RECORD_UNLOCKED).param("ids", ids).query(Long.class).list()));
		}
		catch (RuntimeException ex) {
			logger.debug("Recording {} moved files failed; a later call records them", ids.size(), ex);
		}
		this.moved.addAll(left);
	}

	private List<Long> take() {
		List<Long> ids = new ArrayList<>();
		for (Long id = this.moved.poll(); id != null; id = this.moved.poll()) {
			ids.add(id);
		}
		return ids;
	}

}
