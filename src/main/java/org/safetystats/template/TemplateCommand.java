package org.safetystats.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code template --unit CODE --period YYYY-MM [--format xlsx|csv] [--out DIR]}: the
 * month's template of a ward or commune, to fill in and send back.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
		description = "Write the month's template of a ward or commune (every village and indicator, value cells "
				+ "empty; instructions in Vietnamese on the workbook's second sheet), to fill in and send back.")
public class TemplateCommand implements Callable<Integer> {

	@Option(names = "--unit", required = true, paramLabel = "CODE", description = "e.g. 14347 (Xã Ninh Nhất)")
	private String unit;

	@Option(names = "--period", required = true, paramLabel = "YYYY-MM")
	private String period;

	@Option(names = "--format", defaultValue = "xlsx", paramLabel = "xlsx|csv", description = "xlsx (default) or csv")
	private String format;

	@Option(names = "--out", paramLabel = "DIR", description = "Folder (default: $SAFETYSTATS_HOME/templates)")
	private Path out;

	@Override
	public Integer call() throws Exception {
		TemplateFormat templateFormat = TemplateFormat.of(this.format);
		YearMonth month = month(this.period);
		if (this.out != null && !Files.isDirectory(this.out)) {
			// the home's own folders are made on first use; a folder given explicitly
			// must
			// exist
			throw new UserFacingException("--out " + this.out + " is not a folder");
		}
		if (!this.unit.matches("\\d{5}")) {
			throw new UsageException("--unit must be a ward or commune code of 5 digits, not " + this.unit);
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			// the catalogue as config/ says now, as validate and the next ingest see it
			context.getBean(ReferenceCatalogLoader.class).load();
			Path folder = (this.out != null) ? this.out
					: context.getBean(SafetystatsProperties.class).home().resolve("templates");
			Path file = context.getBean(SubmissionTemplates.class).write(this.unit, month, templateFormat, folder);
			System.out.println(file);
			return 0;
		}
	}

	private static YearMonth month(String text) {
		try {
			if (text.matches("\\d{4}-\\d{2}")) {
				return YearMonth.parse(text);
			}
		}
		catch (DateTimeException ex) {
			// said below
		}
		throw new UsageException("--period must be a month written YYYY-MM, not " + text);
	}

}
