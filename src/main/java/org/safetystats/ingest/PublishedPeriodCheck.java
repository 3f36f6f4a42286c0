package org.safetystats.ingest;

import java.util.Optional;

import org.safetystats.validate.Finding;

/**
 * Whether a file changes published figures, asked by the ingest of each file and answered
 * by the publish room ({@code publish.PublishedPeriods}), which lies above ingest: a file
 * that does loads with a warning naming the publication, or waits as PENDING_APPROVAL for
 * an admin when approval is required.
 */
public interface PublishedPeriodCheck {

	/**
	 * Reads what is published once for a group of files (a publication is made under the
	 * pipeline lock, never during an ingest).
	 */
	void refresh();

	/**
	 * Whether a publication may cover the unit-month (false: it surely does not; true may
	 * still be a publication of another unit under the same code).
	 */
	boolean mayCover(String unit, String period);

	/** A publication the file would change, as the warning to store with it. */
	Optional<Finding> warning(String unit, String period);

	/** Whether such a file waits for an admin's approval instead of loading. */
	boolean requireApproval();

}
