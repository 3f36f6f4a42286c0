package org.safetystats.validate;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubmissionFileNameTests {

	@Test
	void readsUnitAndMonth() {
		assertThat(SubmissionFileName.parse("14320_2019-03.csv"))
			.isEqualTo(new SubmissionFileName("14320", YearMonth.of(2019, 3)));
		assertThat(SubmissionFileName.parse("14320_2019-03.CSV"))
			.isEqualTo(new SubmissionFileName("14320", YearMonth.of(2019, 3)));
		assertThat(SubmissionFileName.parse("14320_2019-03.xlsx"))
			.isEqualTo(new SubmissionFileName("14320", YearMonth.of(2019, 3)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "14320-2019-03.csv", "14320_2019-13.csv", "14320_2019-3.csv", "1432_2019-03.csv",
			"14320_2019-03.xls", "14320_2019-03.xlsm", "../14320_2019-03.csv", "14320_2019-03.csv.bak", "" })
	void refusesAnythingElse(String name) {
		assertThat(SubmissionFileName.parse(name)).isNull();
	}

}
