package org.safetystats.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.admin.RequestFields;
import org.safetystats.admin.SafetystatsCli;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --year Y --unit CODE [--lang vi|en] [--out DIR]}: the annual report as
 * HTML and PDF.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Write the annual report of a city, province or ward (HTML and PDF, Vietnamese by default) from "
				+ "the warehouse.")
public class ReportCommand implements Callable<Integer> {

	@Option(names = "--year", required = true, paramLabel = "Y")
	private int year;

	@Option(names = "--unit", required = true, paramLabel = "CODE", description = "e.g. 369 (Thành phố Ninh Bình)")
	private String unit;

	@Option(names = "--lang", defaultValue = "vi", description = "vi (default) or en")
	private String lang;

	@Option(names = "--out", paramLabel = "DIR", description = "Folder (default: $SAFETYSTATS_HOME/reports)")
	private Path out;

	@Override
	public Integer call() throws Exception {
		if (!List.of("vi", "en").contains(this.lang)) {
			throw new UsageException("--lang must be vi or en, not " + this.lang);
		}
		RequestFields.unit("--unit", this.unit);
		RequestFields.year("--year", Integer.toString(this.year));
		try (ConfigurableApplicationContext context = SafetystatsCli.startContext(Map.of())) {
			Path folder = (this.out != null) ? this.out
					: context.getBean(SafetystatsProperties.class).home().resolve("reports");
			for (Path file : context.getBean(AnnualReport.class).write(this.year, this.unit, this.lang, folder)) {
				System.out.println(file);
			}
			return 0;
		}
	}

}
