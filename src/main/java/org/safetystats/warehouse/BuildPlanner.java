package org.safetystats.warehouse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.safetystats.ingest.SubmissionRegistry;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UserFacingException;
import org.safetystats.validate.CoveredMonths;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides what a build rebuilds. By default: the years and communes of submissions loaded
 * or superseded since the last build (a whole year when more than
 * {@value #WHOLE_YEAR_ABOVE} communes changed in it); everything on the first build or
 * when the reference catalogues changed; with {@code full}, every year that has data;
 * years and a unit ask for an explicit rebuild.
 */
@Component
class BuildPlanner {

	private static final String LAST_BUILD = """
			SELECT watermark, reference_hash, as_of FROM warehouse.build ORDER BY build_id DESC LIMIT 1
			""";

	private static final String CHANGED_SLICES = """
			SELECT DISTINCT p.year, s.unit_code AS commune
			FROM ops.submission s
			JOIN warehouse.dim_period p ON p.period_text = s.period
			WHERE s.change_seq > :watermark AND s.status IN ('LOADED', 'SUPERSEDED')
			""";

	private static final String YEARS_WITH_DATA = """
			SELECT DISTINCT p.year FROM ops.submission s JOIN warehouse.dim_period p ON p.period_text = s.period
			WHERE s.status = 'LOADED'
			UNION
			SELECT DISTINCT year FROM warehouse.commune_month
			""";

	private static final String COMMUNES_OF_UNIT = """
			WITH RECURSIVE below AS (
			    SELECT code, level FROM ref.unit WHERE code = :code AND level <> 'village'
			    UNION
			    SELECT u.code, u.level FROM ref.unit u JOIN below b ON u.parent_code = b.code WHERE u.level <> 'village'
			)
			SELECT DISTINCT code FROM below WHERE level = 'commune'
			""";

	// a year never built, or built as of a day on which other months were owed (months
	// have come due since, or the build is as of an earlier day), or whose as-now rows
	// were re-aggregated with other maps: its rows are not those of a full build as of
	// this day. Asked of every incremental build, so no scan of every commune month: the
	// years the warehouse holds are found by the first column of the primary key's index
	// (a loose scan, a few index probes), the months built as not owed by their partial
	// index, and months built as owed can be not owed today only from two months before
	// the day on (a month is due within the next: the due day is 1 to 28), so only the
	// partitions from that year on are read for them (0.35 s -> 70 ms at national scale)
	private static final String YEARS_TO_BUILD_WHOLE = """
			WITH RECURSIVE built (year) AS (
			    SELECT min(year) FROM warehouse.commune_month
			    UNION ALL
			    SELECT (SELECT min(m.year) FROM warehouse.commune_month m WHERE m.year > b.year)
			    FROM built b WHERE b.year IS NOT NULL
			)
			SELECT year FROM unnest(:years) AS y (year)
			WHERE y.year NOT IN (SELECT year FROM built WHERE year IS NOT NULL)
			UNION
			SELECT year FROM warehouse.commune_month
			WHERE NOT expected AND warehouse.owed(period, CAST(:asOf AS date), :dueDay)
			UNION
			SELECT year FROM warehouse.commune_month
			WHERE expected
			  AND year >= CAST(extract(year FROM CAST(:asOf AS date) - INTERVAL '2 months') AS integer)
			  AND NOT warehouse.owed(period, CAST(:asOf AS date), :dueDay)
			UNION
			SELECT year FROM built
			WHERE year IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM warehouse.as_now_built b WHERE b.year = built.year AND b.maps = :maps)
			""";

	private static final String COVERED = """
			SELECT min(period_text) || ' to ' || max(period_text) FROM warehouse.dim_period
			""";

	/**
	 * Beyond this many changed communes in a year, the whole year is rebuilt (cheaper
	 * than a long list).
	 */
	static final int WHOLE_YEAR_ABOVE = 2000;

	private final JdbcClient jdbc;

	private final ReferenceCatalogLoader catalogue;

	private final Clock clock;

	private final SafetystatsProperties properties;

	private final AsNowMaps asNowMaps;

	public BuildPlanner(JdbcClient jdbc, ReferenceCatalogLoader catalogue, Clock clock,
			SafetystatsProperties properties, AsNowMaps asNowMaps) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
		this.clock = clock;
		this.properties = properties;
		this.asNowMaps = asNowMaps;
	}

	/**
	 * Plans a build. With {@code year} or {@code unit} it is an explicit rebuild of that
	 * year (every year with data otherwise) for the communes under that unit (every
	 * commune otherwise); such a build does not move the watermark, so changes elsewhere
	 * still reach the next default build. Every build is as of a day ({@code asOf}, else
	 * today in the reporting zone): the years whose owed months differ on that day from
	 * those they were built with are rebuilt whole, so the whole warehouse is as of one
	 * day. The as-now maps are made as of that day here, before any slice reads them (in
	 * this transaction, committed with the plan); the years whose as-now rows were built
	 * with other maps are rebuilt whole too.
	 */
	@Transactional
	public BuildPlan plan(boolean full, @Nullable Integer fromYear, @Nullable Integer toYear, @Nullable String unit,
			@Nullable LocalDate asOf) {
		LocalDate day = (asOf != null) ? asOf : LocalDate.now(this.clock.withZone(this.properties.zone()));
		this.jdbc.sql("LOCK TABLE " + SubmissionRegistry.CHANGE_FEED_GATE + " IN EXCLUSIVE MODE").update();
		checkCoveredMonths();
		long watermark = this.jdbc.sql("SELECT coalesce(max(change_seq), 0) FROM ops.submission")
			.query(Long.class)
			.single();
		String hash = this.catalogue.loadedFingerprint();
		Optional<Map<String, Object>> last = this.jdbc.sql(LAST_BUILD).query().listOfRows().stream().findFirst();
		long lastWatermark = last.map((row) -> ((Number) row.get("watermark")).longValue()).orElse(0L);
		String lastHash = last.map((row) -> (String) row.get("reference_hash")).orElse("");
		String maps = this.asNowMaps.refresh(hash, day);
		if (fromYear != null || toYear != null || unit != null) {
			Set<String> communes = (unit != null) ? communesOf(unit) : Set.of();
			Map<Integer, Set<String>> slices = new TreeMap<>();
			List<Integer> years = yearsWithData().stream()
				.filter((y) -> (fromYear == null || y >= fromYear) && (toYear == null || y <= toYear))
				.toList();
			if (fromYear != null && fromYear.equals(toYear)) {
				years = List.of(fromYear);
			}
			years.forEach((y) -> slices.put(y, communes));
			return new BuildPlan(false, lastWatermark, lastHash, widen(slices, day, maps), day, maps);
		}
		Map<Integer, Set<String>> slices = new TreeMap<>();
		boolean rebuildAll = full || last.isEmpty() || !hash.equals(lastHash);
		if (rebuildAll) {
			yearsWithData().forEach((y) -> slices.put(y, Set.of()));
		}
		else {
			this.jdbc.sql(CHANGED_SLICES)
				.param("watermark", lastWatermark)
				.query()
				.listOfRows()
				.forEach((row) -> slices.computeIfAbsent(((Number) row.get("year")).intValue(), (k) -> new TreeSet<>())
					.add((String) row.get("commune")));
			slices.replaceAll((y, communes) -> (communes.size() > WHOLE_YEAR_ABOVE) ? Set.of() : communes);
			widen(slices, day, maps);
		}
		return new BuildPlan(rebuildAll, watermark, hash, slices, day, maps);
	}

	/**
	 * Rebuilds whole the years of the plan the warehouse has never built (a slice of a
	 * few communes would leave the others out of the year), and adds whole the built
	 * years whose owed months differ as of {@code asOf} (their owed months and
	 * completeness would differ from a full build's) or whose as-now rows were built with
	 * other maps than {@code maps}.
	 */
	private Map<Integer, Set<String>> widen(Map<Integer, Set<String>> slices, LocalDate asOf, String maps) {
		this.jdbc.sql(YEARS_TO_BUILD_WHOLE)
			.param("years", new SqlArrayValue("integer", slices.keySet().toArray()))
			.param("asOf", asOf)
			.param("maps", maps)
			.param("dueDay", this.properties.dueDayOfMonth())
			.query(Integer.class)
			.list()
			.forEach((year) -> slices.put(year, Set.of()));
		return slices;
	}

	// the validator lets in the months of CoveredMonths: the database must hold the same
	private void checkCoveredMonths() {
		String covered = this.jdbc.sql(COVERED).query(String.class).single();
		String expected = CoveredMonths.FIRST + " to " + CoveredMonths.LAST;
		if (!expected.equals(covered)) {
			throw new IllegalStateException(
					"warehouse.dim_period covers " + covered + " but the validator lets in " + expected);
		}
	}

	private List<Integer> yearsWithData() {
		return this.jdbc.sql(YEARS_WITH_DATA).query(Integer.class).list().stream().sorted().toList();
	}

	private Set<String> communesOf(String unit) {
		List<String> communes = this.jdbc.sql(COMMUNES_OF_UNIT).param("code", unit).query(String.class).list();
		if (communes.isEmpty()) {
			throw new UserFacingException(
					"Unit " + unit + " is not a ward, commune, district or province of the catalogues");
		}
		return new TreeSet<>(communes);
	}

}
