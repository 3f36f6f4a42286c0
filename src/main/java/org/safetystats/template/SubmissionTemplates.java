package org.safetystats.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.reference.UnitVersion;
import org.safetystats.system.UsageException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Makes the month's template of a ward or commune from the reference catalogue as the
 * database holds it ({@code ref}, synchronised from config/ at every ingest): the unit
 * and villages valid that month, every indicator. Only reads.
 */
@Service
public class SubmissionTemplates {

	private static final String INDICATOR_NAMES = """
			SELECT code, name_vi FROM ref.indicator
			""";

	private final ReferenceCatalogLoader catalogs;

	private final JdbcClient jdbc;

	public SubmissionTemplates(ReferenceCatalogLoader catalogs, JdbcClient jdbc) {
		this.catalogs = catalogs;
		this.jdbc = jdbc;
	}

	/**
	 * What the template of a unit and month holds.
	 * @throws NoSuchUnitException when the code is not a ward or commune valid that month
	 */
	public MonthTemplate describe(String unitCode, YearMonth period) {
		ReferenceCatalog catalog = this.catalogs.snapshot();
		UnitVersion unit = catalog.commune(unitCode, period);
		if (unit == null) {
			throw new NoSuchUnitException(unitCode, period, catalog.validInstead(unitCode, period));
		}
		Map<String, String> names = this.jdbc.sql(INDICATOR_NAMES)
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		List<MonthTemplate.TemplateIndicator> indicators = catalog.indicators()
			.stream()
			.map((indicator) -> new MonthTemplate.TemplateIndicator(indicator.code(),
					names.getOrDefault(indicator.code(), indicator.code()), indicator.villageLevel(), indicator.flag(),
					indicator.maxValue()))
			.toList();
		return new MonthTemplate(unit, period, catalog.villagesOf(unit.code(), period), indicators);
	}

	/**
	 * Writes the template to a stream (a download), which is left open.
	 * @throws NoSuchUnitException when the code is not a ward or commune valid that month
	 */
	public void write(String unitCode, YearMonth period, TemplateFormat format, OutputStream out) throws IOException {
		write(describe(unitCode, period), format, out);
	}

	/**
	 * Writes the template into a folder under the name the filled file is sent under
	 * ({@code 14347_2019-03.xlsx}), replacing a file of that name; returns its path.
	 */
	public Path write(String unitCode, YearMonth period, TemplateFormat format, Path folder) throws IOException {
		MonthTemplate template = describe(unitCode, period);
		Files.createDirectories(folder);
		Path target = folder.resolve(template.fileName(format));
		Path temp = folder.resolve(template.fileName(format) + ".tmp");
		try (OutputStream out = Files.newOutputStream(temp)) {
			write(template, format, out);
		}
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

	private static void write(MonthTemplate template, TemplateFormat format, OutputStream out) throws IOException {
		switch (format) {
			case XLSX -> WorkbookTemplate.write(template, out);
			case CSV -> CsvTemplate.write(template, out);
		}
	}

	/** The code is not a ward or commune valid in the month asked for. */
	public static class NoSuchUnitException extends UsageException {

		NoSuchUnitException(String unitCode, YearMonth period, List<UnitVersion> instead) {
			super("Unit " + unitCode + " is not a ward or commune valid in " + period
					+ (instead.isEmpty() ? "" : ": the unit valid then is " + String.join(", ",
							instead.stream().map((unit) -> unit.code() + " " + unit.name()).toList())));
		}

	}

}
