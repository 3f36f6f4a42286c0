package org.safetystats.publish;

import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.publish.Publication;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.ReportingTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code publish --year Y --unit CODE --reason TEXT}: freezes the warehouse figures of a
 * unit's year (and of the units under it) as a publication.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
		description = "Publish a unit's year: freeze the figures of every warehouse view for it and the units under "
				+ "it (warehouse.published_figures); later corrections still load and are listed in "
				+ "warehouse.published_changes.")
public class PublishCommand implements Callable<Integer> {

	@Option(names = "--year", required = true, paramLabel = "Y")
	private int year;

	@Option(names = "--unit", required = true, paramLabel = "CODE", description = "e.g. 369 (Thành phố Ninh Bình)")
	private String unit;

	@Option(names = "--reason", required = true, description = "Why, for the record (e.g. the review it goes into)")
	private String reason;

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			Publication p = context.getBean(PublicationAdmin.class)
				.publish(this.year, this.unit, AdminService.Request.byCurrentUser(this.reason));
			System.out.printf("publication %d: unit %s, year %d, %d figures, by %s at %s%n", p.id(), p.unitCode(),
					p.year(), p.figures(), p.publishedBy(),
					ReportingTime.of(context.getEnvironment()).format(p.publishedAt()));
			return 0;
		}
	}

}
