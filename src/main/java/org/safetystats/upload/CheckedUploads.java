package org.safetystats.upload;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.safetystats.system.UsageException;
import org.safetystats.validate.Finding;
import org.safetystats.validate.Rule;
import org.safetystats.validate.ValidationResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rows of {@code ops.upload} and {@code ops.upload_finding}: who holds which checked
 * upload, how big it is, and what its check found. An account's quota is counted here,
 * under a table lock, so two checks at once, even on two servers, cannot both pass it.
 */
@Repository
class CheckedUploads {

	private static final String HELD = """
			SELECT count(*) AS files, coalesce(sum(bytes), 0) AS bytes FROM ops.upload
			WHERE requested_by = :user AND NOT (unit_code = :unit AND period = :period)
			""";

	private static final String INSERT_FINDINGS = """
			INSERT INTO ops.upload_finding (token, seq, line, field, value, rule, message_vi, message_en, cell)
			SELECT :token, * FROM unnest(CAST(:seqs AS integer[]), CAST(:lines AS bigint[]), CAST(:fields AS text[]),
			    CAST(:values AS text[]), CAST(:rules AS text[]), CAST(:messagesVi AS text[]),
			    CAST(:messagesEn AS text[]), CAST(:cells AS text[]))
			""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	CheckedUploads(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Records an upload about to be checked, replacing the same account's earlier upload
	 * of that unit and month; refused when the account would hold more than its limits.
	 * @return the files of the uploads it replaced
	 */
	List<String> reserve(Uploads.Checked upload, String requestedBy, long bytes, UploadLimits limits, Instant now) {
		return this.transaction.execute((status) -> {
			this.jdbc.sql("LOCK TABLE ops.upload IN SHARE ROW EXCLUSIVE MODE").update();
			Held held = this.jdbc.sql(HELD)
				.param("user", requestedBy)
				.param("unit", upload.unit())
				.param("period", upload.period())
				.query((rs, n) -> new Held(rs.getLong("files"), rs.getLong("bytes")))
				.single();
			if (held.files() + 1 > limits.perAccount() || held.bytes() + bytes > limits.sizePerAccount().toBytes()) {
				throw new UsageException(String.format(
						"%s holds %d checked uploads of %,d bytes not submitted: at most %d, %,d bytes in all, per account; submit or check again a month already checked, or wait %d minutes until they are removed",
						requestedBy, held.files(), held.bytes(), limits.perAccount(), limits.sizePerAccount().toBytes(),
						limits.kept().toMinutes()));
			}
			List<String> replaced = this.jdbc.sql("""
					DELETE FROM ops.upload WHERE requested_by = :user AND unit_code = :unit AND period = :period
					RETURNING '.upload-' || token || '-' || file_name
					""")
				.param("user", requestedBy)
				.param("unit", upload.unit())
				.param("period", upload.period())
				.query(String.class)
				.list();
			this.jdbc.sql("""
					INSERT INTO ops.upload (token, requested_by, unit_code, period, file_name, bytes, checked_at)
					VALUES (:token, :user, :unit, :period, :fileName, :bytes, :now)
					""")
				.param("token", upload.token())
				.param("user", requestedBy)
				.param("unit", upload.unit())
				.param("period", upload.period())
				.param("fileName", upload.fileName())
				.param("bytes", bytes)
				.param("now", Timestamp.from(now))
				.update();
			return replaced;
		});
	}

	/** Stores what the check of a reserved upload found. */
	void recordCheck(String token, ValidationResult result) {
		List<Finding> findings = result.findings().list();
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc
				.sql("UPDATE ops.upload SET rows = :rows, errors = :errors, warnings = :warnings WHERE token = :token")
				.param("rows", result.rows())
				.param("errors", result.findings().errorCount())
				.param("warnings", result.findings().warningCount())
				.param("token", token)
				.update();
			if (!findings.isEmpty()) {
				this.jdbc.sql(INSERT_FINDINGS)
					.param("token", token)
					.param("seqs",
							java.util.stream.IntStream.rangeClosed(1, findings.size())
								.mapToObj(String::valueOf)
								.toArray(String[]::new))
					.param("lines", text(findings, Finding::line))
					.param("fields", text(findings, Finding::field))
					.param("values", text(findings, Finding::value))
					.param("rules", text(findings, (f) -> f.rule().name()))
					.param("messagesVi", text(findings, Finding::messageVi))
					.param("messagesEn", text(findings, Finding::messageEn))
					.param("cells", text(findings, Finding::cell))
					.update();
			}
		});
	}

	/** A held upload with its check's findings. */
	Optional<Uploads.Checked> find(String token) {
		return this.jdbc.sql("""
				SELECT token, unit_code, period, file_name, rows, errors, warnings FROM ops.upload WHERE token = :token
				""")
			.param("token", token)
			.query((rs, n) -> new Uploads.Checked(rs.getString("token"), rs.getString("unit_code"),
					rs.getString("period"), rs.getString("file_name"), rs.getLong("rows"), rs.getLong("errors"),
					rs.getLong("warnings"), findings(token)))
			.optional();
	}

	private List<Finding> findings(String token) {
		return this.jdbc.sql("""
				SELECT line, field, value, rule, message_vi, message_en, cell FROM ops.upload_finding
				WHERE token = :token ORDER BY seq
				""")
			.param("token", token)
			.query((rs, n) -> new Finding((Long) rs.getObject("line"), rs.getString("field"), rs.getString("value"),
					Rule.valueOf(rs.getString("rule")), rs.getString("message_vi"), rs.getString("message_en"),
					rs.getString("cell")))
			.list();
	}

	void remove(String token) {
		this.jdbc.sql("DELETE FROM ops.upload WHERE token = :token").param("token", token).update();
	}

	/** Removes the rows of uploads checked before a time; returns their files. */
	List<String> removeCheckedBefore(Instant before) {
		return this.jdbc.sql("""
				DELETE FROM ops.upload WHERE checked_at < :before RETURNING '.upload-' || token || '-' || file_name
				""").param("before", Timestamp.from(before)).query(String.class).list();
	}

	private static String[] text(List<Finding> findings, Function<Finding, @Nullable Object> field) {
		return findings.stream().map(field).map((v) -> (v != null) ? v.toString() : null).toArray(String[]::new);
	}

	private record Held(long files, long bytes) {

	}

}
