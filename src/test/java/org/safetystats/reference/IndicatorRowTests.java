package org.safetystats.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.safetystats.system.UserFacingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feeds column of indicators.csv: a warehouse measure of the right level, at most one
 * indicator per measure, blank for none; a wrong one is a one-line error naming file,
 * record and field.
 */
class IndicatorRowTests {

	private static final Map<String, String> MEASURES = Map.of("accidents", "unit", "crime_free", "village");

	private static final String HEADER = "code,name_vi,name_en,domain,level,value_type,aggregation,sort_order,max_value,feeds\n";

	@TempDir
	Path config;

	@Test
	void theBundledCatalogueSaysWhichIndicatorFeedsWhichMeasure() throws IOException {
		Files.copy(Path.of("config", "indicators.csv"), this.config.resolve("indicators.csv"));
		Map<String, String> measures = Map.of("accidents", "unit", "deaths", "unit", "injuries", "unit", "crime_free",
				"village", "drug_free", "village", "camera_groups", "village");
		assertThat(IndicatorRow.read(new CatalogueFiles(this.config), measures)).extracting(IndicatorRow::feeds)
			.containsExactly("accidents", "deaths", "injuries", null, null, "crime_free", "drug_free", "camera_groups");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					a,A,A,traffic,unit,count,sum,1,9,wrecks       | record 1, field feeds: "wrecks" is not a warehouse measure
					a,A,A,crime,unit,count,sum,1,9,crime_free     | record 1, field feeds: measure crime_free takes a village-level indicator
					a,A,A,traffic,unit,count,sum,x,9,             | record 1, field sort_order: must be a whole number, not "x"
					""")
	void aWrongRowIsRefusedNamingRecordAndField(String row, String message) throws IOException {
		Files.writeString(this.config.resolve("indicators.csv"), HEADER + row + "\n");
		assertThatThrownBy(() -> IndicatorRow.read(new CatalogueFiles(this.config), MEASURES))
			.isInstanceOf(UserFacingException.class)
			.hasMessageContaining("indicators.csv, " + message);
	}

	@Test
	void aRowWithoutABoundHasTheDefaultOne() throws IOException {
		Files.writeString(this.config.resolve("indicators.csv"), HEADER + "a,A,A,traffic,unit,count,sum,1,,\n"
				+ "b,B,B,traffic,unit,count,sum,2,9223372036854775807,\n" + "c,C,C,traffic,unit,count,sum,3,7,\n");
		assertThat(IndicatorRow.read(new CatalogueFiles(this.config), MEASURES)).extracting(IndicatorRow::maxValue)
			.containsExactly(1_000_000L, Long.MAX_VALUE, 7L);
	}

	@Test
	void twoIndicatorsCannotFeedOneMeasure() throws IOException {
		Files.writeString(this.config.resolve("indicators.csv"), HEADER + "a,A,A,traffic,unit,count,sum,1,9,accidents\n"
				+ "b,B,B,traffic,unit,count,sum,2,9,accidents\n");
		assertThatThrownBy(() -> IndicatorRow.read(new CatalogueFiles(this.config), MEASURES))
			.hasMessageContaining("record 2, field feeds: another indicator already feeds accidents");
	}

}
