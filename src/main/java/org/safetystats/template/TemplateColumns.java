package org.safetystats.template;

import java.util.List;

/**
 * The columns of a template: those of the submission format (docs/submission-format.md)
 * with {@code village_name} and {@code indicator_name}, which the format lets a file
 * carry for people and which validation ignores.
 */
final class TemplateColumns {

	static final List<String> HEADER = List.of("unit_code", "period", "village_code", "village_name", "indicator",
			"indicator_name", "value", "note");

	/** Where the clerk writes: the value column. */
	static final int VALUE = HEADER.indexOf("value");

	private TemplateColumns() {
	}

}
