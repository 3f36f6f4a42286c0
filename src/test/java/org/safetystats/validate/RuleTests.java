package org.safetystats.validate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleTests {

	@Test
	void theNegativeCountMessageIsWhole() {
		Finding finding = Finding.of(Rule.VALUE_NEGATIVE, 7L, "value", "-1", "-1");
		assertThat(finding.messageEn()).isEqualTo("Value -1 is negative: counts cannot be negative");
		assertThat(finding.messageVi()).isEqualTo("Giá trị -1 âm: số đếm không được âm");
	}

	@Test
	void noEnglishMessageEndsMidSentence() {
		for (Rule rule : Rule.values()) {
			// as many arguments as the longest message takes
			Object[] arguments = java.util.Collections.nCopies(12, "x").toArray();
			assertThat(rule.messageEn(arguments)).as(rule.name())
				.doesNotEndWith(" be")
				.doesNotEndWith(" cannot")
				.doesNotEndWith(" the")
				.doesNotEndWith(" a")
				.doesNotEndWith(" to");
		}
	}

}
