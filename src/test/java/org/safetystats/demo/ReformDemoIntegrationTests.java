package org.safetystats.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.safetystats.IntegrationTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo --reform} from an empty database: every file of 2024-01 to 2026-10 loads
 * under the unit valid in its month, and what it prints for each new ward is what
 * {@code same_period_as_now} says, with the split commune's unit-level figures marked
 * estimated.
 */
class ReformDemoIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theReformDemoPrintsEachNewWardAsNowWithEstimatedFiguresMarked() throws Exception {
		PrintStream out = System.out;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		int exit;
		try {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			exit = DemoCommand.runReform(this.context);
		}
		finally {
			System.setOut(out);
		}
		String text = printed.toString(StandardCharsets.UTF_8);
		assertThat(exit).isZero();
		assertThat(this.jdbc.sql("SELECT status, count(*) FROM ops.submission GROUP BY status")
			.query((rs, n) -> rs.getString(1) + " " + rs.getLong(2))
			.list()).containsExactly(text.replaceFirst("(?s).*?1\\. (\\d+) monthly reports.*", "LOADED $1"));
		assertThat(text).contains("14329 Phường Hoa Lư", "14359 Phường Nam Hoa Lư", "14566 Phường Đông Hoa Lư",
				"predecessors in 2025: 14320 Phường Đông Thành, 14323 Phường Tân Thành, 14329 Phường Vân Giang");
		for (String unit : new String[] { "14329", "14359", "14566", "13324" }) {
			Map<String, Object> accidents = this.jdbc.sql("""
					SELECT value, prev_value, estimated FROM warehouse.same_period_as_now('2026-01', '2026-10')
					WHERE unit_code = :u AND level = 'commune' AND indicator = 'traffic_accidents'
					""").param("u", unit).query().singleRow();
			assertThat(text).containsPattern("(?s)" + unit + " .*?traffic_accidents +" + plain(accidents.get("value"))
					+ " +\\( *" + plain(accidents.get("prev_value")) + "\\)");
			assertThat(accidents.get("estimated")).isEqualTo(unit.equals("13324"));
		}
		assertThat(text).containsPattern("(?s)13324 Phường Duy Tiên.*traffic_accidents[^\\n]*\\* estimated");
	}

	private static String plain(Object value) {
		return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString().replace(".", "\\.");
	}

}
