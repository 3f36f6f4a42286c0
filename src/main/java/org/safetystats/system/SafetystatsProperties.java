package org.safetystats.system;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code safetystats.*} (config/application.yml). Folders default to
 * {@code var/} under the working directory, which {@code SAFETYSTATS_HOME} moves.
 *
 * @param home folder holding the inbox, archive and rejected folders
 * @param configDir folder of the reference catalogues (units.csv, villages.csv,
 * indicators.csv)
 * @param inbox where wards and communes drop their files
 * @param archive where loaded and duplicate files are kept
 * @param rejected where rejected files and their error reports go
 * @param zone time zone of the periods and due dates
 * @param dueDayOfMonth day of the following month by which a month's report is due (end
 * of that day)
 * @param jobsDir folder of the schedule files (one YAML file per scheduled job)
 * @param inboxSettleSeconds a file modified more recently than this is taken to be still
 * arriving and is left for the next run
 */
@ConfigurationProperties("safetystats")
public record SafetystatsProperties(Path home, Path configDir, Path inbox, Path archive, Path rejected, ZoneId zone,
		int dueDayOfMonth, Path jobsDir, Integer inboxSettleSeconds) {

	public SafetystatsProperties(@Nullable Path home, @Nullable Path configDir, @Nullable Path inbox,
			@Nullable Path archive, @Nullable Path rejected, @Nullable ZoneId zone, int dueDayOfMonth,
			@Nullable Path jobsDir, @Nullable Integer inboxSettleSeconds) {
		this.home = (home != null) ? home : Path.of("var");
		this.configDir = (configDir != null) ? configDir : Path.of("config");
		this.inbox = (inbox != null) ? inbox : this.home.resolve("inbox");
		this.archive = (archive != null) ? archive : this.home.resolve("archive");
		this.rejected = (rejected != null) ? rejected : this.home.resolve("rejected");
		this.zone = (zone != null) ? zone : ZoneId.of("Asia/Ho_Chi_Minh");
		this.dueDayOfMonth = (dueDayOfMonth != 0) ? dueDayOfMonth : 5;
		this.jobsDir = (jobsDir != null) ? jobsDir : Path.of("jobs");
		this.inboxSettleSeconds = (inboxSettleSeconds != null) ? inboxSettleSeconds : 10;
		if (this.dueDayOfMonth < 1 || this.dueDayOfMonth > 28) {
			throw new UserFacingException(
					"safetystats.due-day-of-month must be between 1 and 28, not " + this.dueDayOfMonth);
		}
	}

	/** The end of the day by which a month's report is due, in the reporting zone. */
	public ZonedDateTime dueAt(YearMonth period) {
		return period.plusMonths(1).atDay(this.dueDayOfMonth).plusDays(1).atStartOfDay(this.zone);
	}

}
