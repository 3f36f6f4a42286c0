package org.safetystats.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.system.UserFacingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every ward, commune and district lies in a parent on every day it is valid: the
 * warehouse counts a month under the district or province valid in it, so a ward whose
 * parent_code names no such unit would have its submissions loaded and then counted
 * nowhere. The catalogue refuses it, naming file, record and field; villages are left to
 * the submissions that name them.
 */
class CatalogueParentTests {

	@TempDir
	Path config;

	@BeforeEach
	void copyConfig() throws IOException {
		for (String name : List.of("units.csv", "villages.csv", "indicators.csv", "lineage.csv")) {
			Files.copy(Path.of("config", name), this.config.resolve(name));
		}
	}

	@Test
	void theShippedCataloguesHaveAParentForEveryDay() {
		CatalogueAssembly catalogue = assemble();
		assertThat(catalogue.units).extracting(UnitRow::code).contains("14566", "13324-08", "374");
	}

	@Test
	void aWardUnderACodeNoCatalogueHoldsIsRefused() throws IOException {
		int record = editUnit("14566,Phường Đông Hoa Lư,", "commune,37,", "commune,98,");
		assertThatThrownBy(this::assemble).isInstanceOf(UserFacingException.class)
			.hasMessageContaining("units.csv, record " + record + ", field parent_code: no district or province 98 "
					+ "is valid on 2025-07-01, so commune 14566's months would count under no district or province");
	}

	@Test
	void aWardOutlivingItsDistrictIsRefused() throws IOException {
		// Phường Ninh Sơn under Thành phố Hoa Lư (374, which ends on 2025-07-01) to
		// 2025-08-01
		int record = editUnit("14356,Phường Ninh Sơn,Phường,commune,374,2025-01-01,", "2025-07-01,", "2025-08-01,");
		assertThatThrownBy(this::assemble).isInstanceOf(UserFacingException.class)
			.hasMessageContaining("units.csv, record " + record + ", field parent_code: no district or province 374 "
					+ "is valid on 2025-07-01");
	}

	@Test
	void villagesOfCommunesNotLoadedAreLeftToTheSubmissions() throws IOException {
		Files.writeString(this.config.resolve("villages.csv"),
				"99999-01,Thôn Thử,Thôn,village,99999,,,made up for a test\n", StandardOpenOption.APPEND);
		assertThat(assemble().units).extracting(UnitRow::code).contains("99999-01");
	}

	private CatalogueAssembly assemble() {
		CatalogueFiles files = new CatalogueFiles(this.config);
		return new CatalogueAssembly(new NationalReference(List.of("37")), files.units("units.csv"),
				files.units("villages.csv"), files.lineage(),
				(record, reason) -> files.error(CatalogueFiles.LINEAGE, record, "from_code/to_code", reason),
				files::parentError);
	}

	// rewrites "from" as "to" in the line of units.csv that starts so; returns its record
	private int editUnit(String start, String from, String to) throws IOException {
		Path units = this.config.resolve("units.csv");
		List<String> rows = new ArrayList<>();
		for (String line : Files.readAllLines(units)) {
			rows.add(line.startsWith(start) ? line.replace(from, to) : line);
		}
		Files.write(units, rows);
		return recordOf("units.csv", start);
	}

	// the record number of the line that starts so (the header is line 1, record 0)
	private int recordOf(String name, String start) throws IOException {
		List<String> lines = Files.readAllLines(this.config.resolve(name));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(start)) {
				return i;
			}
		}
		throw new AssertionError(start + " not in " + name);
	}

}
