package org.safetystats.system;

import java.nio.file.Path;
import java.time.ZoneId;

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
 */
@ConfigurationProperties("safetystats")
public record SafetystatsProperties(Path home, Path configDir, Path inbox, Path archive, Path rejected, ZoneId zone) {

	public SafetystatsProperties(@Nullable Path home, @Nullable Path configDir, @Nullable Path inbox,
			@Nullable Path archive, @Nullable Path rejected, @Nullable ZoneId zone) {
		this.home = (home != null) ? home : Path.of("var");
		this.configDir = (configDir != null) ? configDir : Path.of("config");
		this.inbox = (inbox != null) ? inbox : this.home.resolve("inbox");
		this.archive = (archive != null) ? archive : this.home.resolve("archive");
		this.rejected = (rejected != null) ? rejected : this.home.resolve("rejected");
		this.zone = (zone != null) ? zone : ZoneId.of("Asia/Ho_Chi_Minh");
	}

}
