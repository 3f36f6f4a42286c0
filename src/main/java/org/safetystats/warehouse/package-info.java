/**
 * The warehouse: year-partitioned facts and aggregates for analysts, rebuilt in set-based
 * SQL one year at a time (every commune, or only those whose submissions changed since
 * the last build, with the rollups of their provinces), each year in one transaction.
 */
@NullMarked
package org.safetystats.warehouse;

import org.jspecify.annotations.NullMarked;
