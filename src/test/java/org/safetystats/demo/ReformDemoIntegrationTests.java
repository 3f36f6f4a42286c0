package org.safetystats.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.safetystats.system.UsageException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code demo --reform} from an empty database: every file of 2024-01 to 2026-10 loads
 * under the unit valid in its month, and what it prints for each new ward is what
 * {@code same_period_as_now} says, for a statistician: in Vietnamese by default, the
 * indicators' names under column headings, whole numbers, the split commune's figures
 * with their bounds and a star the footnote explains.
 */
class ReformDemoIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theReformDemoPrintsEachNewWardAsNowForAStatisticianInVietnamese() throws Exception {
		String text = run("vi");
		assertThat(this.jdbc.sql("SELECT status, count(*) FROM ops.submission GROUP BY status")
			.query((rs, n) -> rs.getString(1) + " " + rs.getLong(2))
			.list()).containsExactly(text.replaceFirst("(?s).*?1\\. (\\d+) báo cáo tháng.*", "LOADED $1"));
		assertThat(text).contains("Tháng 1 đến tháng 10 năm 2026 so với cùng kỳ năm 2025", "14329 Phường Hoa Lư",
				"14359 Phường Nam Hoa Lư", "14566 Phường Đông Hoa Lư",
				"Đơn vị tiền thân năm 2025: 14320 Phường Đông Thành, 14323 Phường Tân Thành, 14329 Phường Vân Giang");
		// a heading over each column, the indicators' names, no code
		assertThat(text).containsPattern("Chỉ tiêu +Năm 2026 +Cùng kỳ 2025 +Tăng \\(\\+\\), giảm \\(-\\)")
			.doesNotContain("traffic_accidents");
		for (String unit : new String[] { "14329", "14359", "14566", "13324" }) {
			Map<String, Object> accidents = this.jdbc.sql("""
					SELECT value, prev_value, prev_value_low, prev_value_high, estimated
					FROM warehouse.same_period_as_now('2026-01', '2026-10')
					WHERE unit_code = :u AND level = 'commune' AND indicator = 'traffic_accidents'
					""").param("u", unit).query().singleRow();
			boolean estimated = (Boolean) accidents.get("estimated");
			assertThat(estimated).isEqualTo(unit.equals("13324"));
			// whole numbers; an estimate (bounds that differ) with its bounds and a star
			String value = whole(accidents.get("value"), RoundingMode.HALF_UP);
			String prev = whole(accidents.get("prev_value"), RoundingMode.HALF_UP);
			if (estimated) {
				prev += " \\(" + whole(accidents.get("prev_value_low"), RoundingMode.FLOOR) + "-"
						+ whole(accidents.get("prev_value_high"), RoundingMode.CEILING) + "\\)\\*";
			}
			assertThat(text)
				.containsPattern("(?s)" + unit + " .*?\n  Số vụ tai nạn giao thông +" + value + " +" + prev + " ");
		}
		assertThat(text).doesNotContainPattern("Số vụ tai nạn giao thông +\\d+\\.\\d");
		assertThat(text).contains("* Số ước tính: phân bổ từ đơn vị bị chia tách");
	}

	@Test
	void inEnglishOnRequest() throws Exception {
		String text = run("en");
		assertThat(text)
			.contains("January to October 2026 against the same months of 2025",
					"Predecessors in 2025: 14320 Phường Đông Thành")
			.containsPattern("Indicator +2026 +Same months 2025 +Change")
			.containsPattern("Traffic accidents \\(cases\\) +\\d+")
			.contains("* Estimated: apportioned from a split unit");
	}

	@Test
	void anotherLanguageIsAUsageError() {
		assertThatThrownBy(() -> DemoCommand.runReform(this.context, "fr")).isInstanceOf(UsageException.class)
			.hasMessage("--lang must be vi or en, not fr");
	}

	private String run(String lang) throws Exception {
		PrintStream out = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		int exit;
		try {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			exit = DemoCommand.runReform(this.context, lang);
		}
		finally {
			System.setOut(out);
		}
		assertThat(exit).isZero();
		return printed.toString(StandardCharsets.UTF_8);
	}

	private static String whole(Object value, RoundingMode rounding) {
		return new BigDecimal(value.toString()).setScale(0, rounding).toPlainString();
	}

}
