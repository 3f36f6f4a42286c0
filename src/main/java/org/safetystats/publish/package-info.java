/**
 * Publications: a unit's year frozen as published (who, when, why) in
 * {@code warehouse.published_figures}, while later corrections still load; the warehouse
 * answers both as published and as corrected, and lists what changed since.
 */
@NullMarked
package org.safetystats.publish;

import org.jspecify.annotations.NullMarked;
