package org.safetystats.upload;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one account may hold of checked uploads not yet submitted
 * ({@code safetystats.uploads.*}): a probe once left 50 files, 82 MB, in the inbox.
 *
 * @param kept how long a checked upload waits to be submitted before it is removed
 * (default 60 minutes)
 * @param perAccount how many one account may hold at once (default 10)
 * @param sizePerAccount how much they may weigh together (default 50MB)
 */
@ConfigurationProperties("safetystats.uploads")
record UploadLimits(Duration kept, int perAccount, DataSize sizePerAccount) {

	UploadLimits(@Nullable Duration kept, int perAccount, @Nullable DataSize sizePerAccount) {
		this.kept = (kept != null) ? kept : Duration.ofMinutes(60);
		this.perAccount = (perAccount > 0) ? perAccount : 10;
		this.sizePerAccount = (sizePerAccount != null) ? sizePerAccount : DataSize.ofMegabytes(50);
	}

}
