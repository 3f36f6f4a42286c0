package org.safetystats.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's submissions: history loaded straight into the submission tables in
 * set-based SQL (the months before the measured one, as if ingested earlier, by the
 * communes valid in each month), and national months written as files for the real
 * ingest. Values come from a hash of unit, month and indicator, so every run writes the
 * same bytes.
 */
final class BenchData {

	static final List<String> UNIT_INDICATORS = List.of("traffic_accidents", "traffic_deaths", "traffic_injuries",
			"traffic_black_spots", "active_security_models");

	static final List<String> VILLAGE_INDICATORS = List.of("crime_cases", "new_drug_addicts", "camera_model");

	private static final String HISTORY = """
			WITH months AS (
			    SELECT to_char(d, 'YYYY-MM') AS period, CAST(d AS date) AS day
			    FROM generate_series(CAST(:first AS date), CAST(:last AS date), INTERVAL '1 month') AS d
			), inserted AS (
			    INSERT INTO ops.submission (file_name, checksum_sha256, size_bytes, unit_code, period, received_at,
			                                version, status, row_count, stored_as, disposed_at)
			    SELECT u.code || '_' || m.period || '.csv', md5(u.code || m.period), 0, u.code, m.period,
			           to_date(m.period, 'YYYY-MM') + INTERVAL '1 month 2 days', 1, 'LOADED', :rows, 'bench-history', now()
			    FROM ref.unit u JOIN months m ON u.valid_from <= m.day AND u.valid_to > m.day WHERE u.level = 'commune'
			    RETURNING submission_id, unit_code, period
			)
			INSERT INTO ops.submission_value (submission_id, line, village_code, indicator, value, note)
			SELECT i.submission_id, row_number() OVER (PARTITION BY i.submission_id) + 1, x.village_code, x.indicator,
			       CASE WHEN x.indicator = 'camera_model' THEN abs(hashtext(i.unit_code || i.period || x.village_code)) % 2
			            ELSE abs(hashtext(i.unit_code || i.period || x.indicator || coalesce(x.village_code, ''))) % 3 END,
			       NULL
			FROM inserted i
			CROSS JOIN LATERAL (
			    SELECT NULL::text AS village_code, ind AS indicator FROM unnest(CAST(:unitIndicators AS text[])) AS ind
			    UNION ALL
			    SELECT i.unit_code || '-' || lpad(v::text, 2, '0'), ind
			    FROM generate_series(1, :villages) AS v, unnest(CAST(:villageIndicators AS text[])) AS ind
			) x
			""";

	private BenchData() {
	}

	/**
	 * Loads months {@code first..last} for every commune; returns the values inserted.
	 */
	static long loadHistory(JdbcClient jdbc, YearMonth first, YearMonth last, int villages) {
		return jdbc.sql(HISTORY)
			.param("first", first.atDay(1))
			.param("last", last.atDay(1))
			.param("rows", UNIT_INDICATORS.size() + villages * VILLAGE_INDICATORS.size())
			.param("villages", villages)
			.param("unitIndicators", "{" + String.join(",", UNIT_INDICATORS) + "}")
			.param("villageIndicators", "{" + String.join(",", VILLAGE_INDICATORS) + "}")
			.update();
	}

	/** Writes one file per commune for the month; returns the values written. */
	static long writeMonth(Path inbox, List<String> communes, YearMonth month, int villages, int variant)
			throws IOException {
		Files.createDirectories(inbox);
		long values = 0;
		for (String commune : communes) {
			try (Writer out = Files.newBufferedWriter(inbox.resolve(commune + "_" + month + ".csv"),
					StandardCharsets.UTF_8)) {
				values += writeSubmission(out, commune, month, villages, variant);
			}
		}
		return values;
	}

	static long writeSubmission(Writer out, String commune, YearMonth month, int villages, int variant)
			throws IOException {
		out.write("unit_code,period,village_code,indicator,value,note\n");
		String period = month.toString();
		long accidents = value(commune, period, "traffic_accidents", variant) + 1;
		for (String indicator : UNIT_INDICATORS) {
			long v = indicator.equals("traffic_accidents") ? accidents : value(commune, period, indicator, variant);
			out.write(commune + "," + period + ",," + indicator + "," + v + ",\n");
		}
		for (int village = 1; village <= villages; village++) {
			String code = NationalCatalogue.village(commune, village);
			for (String indicator : VILLAGE_INDICATORS) {
				long v = value(code, period, indicator, variant) % (indicator.equals("camera_model") ? 2 : 3);
				out.write(commune + "," + period + "," + code + "," + indicator + "," + v + ",\n");
			}
		}
		return UNIT_INDICATORS.size() + (long) villages * VILLAGE_INDICATORS.size();
	}

	// mixed, not the hash of the string with the variant: with 31 as its multiplier, a
	// string hash's remainder by 3 follows only the sum of the variant's digits, so
	// versions 12001 and 24001 wrote the same file
	private static long value(String unit, String period, String indicator, int variant) {
		long h = (unit + period + indicator).hashCode() * 0x9E3779B97F4A7C15L + variant * 0xBF58476D1CE4E5B9L;
		h ^= h >>> 31;
		h *= 0x94D049BB133111EBL;
		h ^= h >>> 29;
		return Math.floorMod(h, 3);
	}

}
