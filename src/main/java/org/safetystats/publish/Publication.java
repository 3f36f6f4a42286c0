package org.safetystats.publish;

import java.time.Instant;

/**
 * One publication, as {@code warehouse.publication} holds it.
 *
 * @param id publication number
 * @param unitCode the unit published (the units under it are published with it)
 * @param year the year published
 * @param publishedAt when
 * @param publishedBy who
 * @param reason why
 * @param figures how many figures were frozen
 */
public record Publication(long id, String unitCode, int year, Instant publishedAt, String publishedBy, String reason,
		int figures) {

}
