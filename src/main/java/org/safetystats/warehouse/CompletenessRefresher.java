package org.safetystats.warehouse;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.SafetystatsProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes {@code warehouse.completeness} in one transaction: for every ward or commune
 * valid in every month from the first month anyone reported up to the last month that is
 * over, whether its report came on time, late, not at all, or was rejected and not yet
 * corrected.
 */
@Component
class CompletenessRefresher {

	private static final Logger logger = LoggerFactory.getLogger(CompletenessRefresher.class);

	private final JdbcClient jdbc;

	private final ReferenceCatalogLoader catalogue;

	private final Clock clock;

	private final SafetystatsProperties properties;

	public CompletenessRefresher(JdbcClient jdbc, Clock clock, SafetystatsProperties properties,
			ReferenceCatalogLoader catalogue) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Brings completeness up to date; returns the commune-months recomputed. Only the
	 * ward-months submissions touched since the last refresh are recomputed, and whole
	 * months whose status moves without a submission: those not due at the last refresh
	 * and due now, and those before or after the months refreshed so far (an earlier
	 * first report, months over since); every month is, on the first refresh or when the
	 * catalogues or the due-date settings changed; nothing is, when nothing was submitted
	 * since a refresh made the same day.
	 */
	@Transactional
	public int refresh() {
		long watermark = this.jdbc.sql("SELECT coalesce(max(change_seq), 0) FROM ops.submission")
			.query(Long.class)
			.single();
		// due dates follow these settings: a change of them is a change of every month
		String hash = this.catalogue.loadedFingerprint() + "|due " + this.properties.dueDayOfMonth() + " "
				+ this.properties.zone().getId();
		var last = this.jdbc.sql(
				"SELECT watermark, reference_hash, refreshed_at FROM warehouse.completeness_state ORDER BY refreshed_at DESC LIMIT 1")
			.query()
			.listOfRows()
			.stream()
			.findFirst();
		boolean all = last.isEmpty() || !hash.equals(last.get().get("reference_hash"));
		// nothing submitted since a refresh today: statuses move with the date only, so
		// none is recomputed (the refresh is still recorded, as of now)
		boolean current = !all && ((Number) last.get().get("watermark")).longValue() == watermark
				&& refreshedToday(last.get().get("refreshed_at"));
		int rows = 0;
		String scope;
		int months;
		if (all) {
			this.jdbc.sql("DELETE FROM warehouse.completeness").update();
			rows = months(true, List.of());
			scope = "every month";
			months = -1;
		}
		else if (current) {
			scope = "nothing submitted since today's refresh";
			months = 0;
		}
		else {
			List<String> moved = this.jdbc.sql(CompletenessStatements.MOVED_MONTHS)
				.param("today", LocalDate.now(this.clock))
				.param("now", Timestamp.from(this.clock.instant()))
				.query(String.class)
				.list();
			if (!moved.isEmpty()) {
				this.jdbc.sql("DELETE FROM warehouse.completeness WHERE period = ANY (:periods)")
					.param("periods", new SqlArrayValue("text", moved.toArray()))
					.update();
				rows = months(false, moved);
			}
			int touched = wardMonths(((Number) last.get().get("watermark")).longValue(), moved);
			rows += touched;
			scope = moved.size() + " whole month(s), and the ward-months submitted to";
			months = moved.size();
		}
		this.jdbc
			.sql("INSERT INTO warehouse.completeness_state (watermark, reference_hash, months) VALUES (:w, :h, :m)")
			.param("w", watermark)
			.param("h", hash)
			.param("m", months)
			.update();
		logger.info("Completeness refreshed: {} commune-months ({})", rows, scope);
		return rows;
	}

	/** Recomputes whole months (or every month), for every ward or commune. */
	private int months(boolean all, List<String> periods) {
		return this.jdbc.sql(CompletenessStatements.MONTHS)
			.params(due())
			.param("all", all)
			.param("periods", new SqlArrayValue("text", periods.toArray()))
			.update();
	}

	/**
	 * Recomputes the ward-months submissions touched since {@code since}, outside the
	 * whole months {@code recomputed}.
	 */
	private int wardMonths(long since, List<String> recomputed) {
		List<String> codes = new ArrayList<>();
		List<String> periods = new ArrayList<>();
		this.jdbc.sql(CompletenessStatements.TOUCHED).param("since", since).query((rs) -> {
			if (!recomputed.contains(rs.getString(2))) {
				codes.add(rs.getString(1));
				periods.add(rs.getString(2));
			}
		});
		if (codes.isEmpty()) {
			return 0;
		}
		this.jdbc.sql(CompletenessStatements.DELETE_WARD_MONTHS)
			.param("codes", new SqlArrayValue("text", codes.toArray()))
			.param("months", new SqlArrayValue("text", periods.toArray()))
			.update();
		return this.jdbc.sql(CompletenessStatements.WARD_MONTHS)
			.params(due())
			.param("codes", new SqlArrayValue("text", codes.toArray()))
			.param("months", new SqlArrayValue("text", periods.toArray()))
			.update();
	}

	private Map<String, Object> due() {
		return Map.of("today", LocalDate.now(this.clock), "now", Timestamp.from(this.clock.instant()), "dueDay",
				this.properties.dueDayOfMonth(), "zone", this.properties.zone().getId());
	}

	private boolean refreshedToday(Object refreshedAt) {
		LocalDate today = LocalDate.now(this.clock.withZone(this.properties.zone()));
		return refreshedAt instanceof Timestamp at
				&& at.toInstant().atZone(this.properties.zone()).toLocalDate().equals(today);
	}

}
