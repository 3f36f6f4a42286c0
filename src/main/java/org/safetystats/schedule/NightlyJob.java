package org.safetystats.schedule;

/**
 * The nightly job's name: the ingest steps then the warehouse steps, with the parameters
 * of {@link org.safetystats.warehouse.WarehouseJob}.
 */
public final class NightlyJob {

	public static final String NAME = "nightlyJob";

	private NightlyJob() {
	}

}
