package org.safetystats.warehouse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.safetystats.GeneratedSection;
import org.safetystats.IntegrationTestSupport;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data dictionary is the database's: every relation and function the analyst role may
 * use, with its comment, columns and an example; and docs/warehouse.md ends with the same
 * dictionary.
 */
class DataDictionaryIntegrationTests extends IntegrationTestSupport {

	static final Path DOCS = Path.of("docs/warehouse.md");

	static final String START = "<!-- dictionary: written by DataDictionaryIntegrationTests -->";

	static final String END = "<!-- /dictionary -->";

	@Autowired
	DataDictionary dictionary;

	@Test
	void listsWhatAnalystsMayUseWithTheDatabasesOwnComments() {
		List<DataDictionary.Entry> entries = this.dictionary.entries();
		// every relation and function an analyst may use has a comment, every column of a
		// relation too
		assertThat(entries).allSatisfy((entry) -> assertThat(entry.comment()).as(entry.name()).isNotBlank());
		assertThat(entries).filteredOn((entry) -> !entry.kind().equals("function"))
			.flatMap(DataDictionary.Entry::columns)
			.isNotEmpty();
		// a table with its columns as the migrations commented them
		assertThat(entries).filteredOn((entry) -> entry.name().equals("agg_indicator_month"))
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.kind()).isEqualTo("table");
				assertThat(entry.columns()).extracting(DataDictionary.Column::name)
					.startsWith("year", "period", "unit_code");
				assertThat(entry.columns()).filteredOn((column) -> column.name().equals("value"))
					.singleElement()
					.satisfies((column) -> assertThat(column.comment()).contains("never a zero for missing data"));
				assertThat(entry.example()).isEqualTo("SELECT * FROM warehouse.agg_indicator_month LIMIT 20;");
			});
		// a function with the columns it returns and the example of its comment
		assertThat(entries).filteredOn(
				(entry) -> entry.name().equals("same_period(p_from text, p_to text, p_unit text DEFAULT NULL::text)"))
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.kind()).isEqualTo("function");
				assertThat(entry.columns()).extracting(DataDictionary.Column::name)
					.contains("unit_code", "prev_value", "months_compared", "complete");
				assertThat(entry.example()).isEqualTo("SELECT * FROM warehouse.same_period('2019-01', '2019-09');");
			});
		// and nothing the analysts may not read (the pipeline's staging, ops)
		assertThat(entries).extracting(DataDictionary.Entry::name).noneMatch((name) -> name.startsWith("ops."));
		// every example runs as it is written, or once its arguments are filled in
		assertThat(entries).allSatisfy((entry) -> assertThat(entry.example()).startsWith("SELECT ").endsWith(";"));
	}

	@Test
	void docsWarehouseMdEndsWithTheSameDictionary() throws IOException {
		GeneratedSection.check(DOCS, START, END, "\n" + this.dictionary.markdown(), "safetystats.writeDictionary");
	}

}
