package org.safetystats.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.RequestFields;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code report --year Y --unit CODE [--as now|then] [--lang vi|en] [--out DIR]}: the
 * annual report as HTML and PDF; as now (the default for a unit valid today) it compares
 * with the year before summed over the unit's predecessors.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Write the annual report of a city, province or ward (HTML and PDF, Vietnamese by default) from "
				+ "the warehouse.")
public class ReportCommand implements Callable<Integer> {

	@Option(names = "--year", required = true, paramLabel = "Y")
	private int year;

	@Option(names = "--unit", required = true, paramLabel = "CODE", description = "e.g. 369 (Thành phố Ninh Bình)")
	private String unit;

	@Option(names = "--as", paramLabel = "now|then",
			description = "now: history re-aggregated onto the unit valid today, with its predecessors listed "
					+ "(default for a unit valid today); then: the units as they reported (default otherwise)")
	private String as;

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
		if (this.as != null && !List.of("now", "then").contains(this.as)) {
			throw new UsageException("--as must be now or then, not " + this.as);
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			Path folder = (this.out != null) ? this.out
					: context.getBean(SafetystatsProperties.class).home().resolve("reports");
			AnnualReport report = context.getBean(AnnualReport.class);
			List<Path> files = (this.as == null) ? report.write(this.year, this.unit, this.lang, folder)
					: report.write(this.year, this.unit, this.lang, folder, this.as.equals("now"));
			for (Path file : files) {
				System.out.println(file);
			}
			return 0;
		}
	}

}
