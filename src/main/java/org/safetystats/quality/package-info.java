/**
 * Data quality beyond the rules: warnings (never errors) computed against a unit's own
 * history when its file loads: small-count outliers (Poisson or negative binomial tail
 * probabilities), a copied file, flags switching back and forth, a unit total jumping out
 * of a month when every village reported 0. A batch's histories are read from
 * {@code ops.unit_month_summary}, one row per current unit-month kept by triggers.
 * docs/data-quality.md has the method.
 */
@NullMarked
package org.safetystats.quality;

import org.jspecify.annotations.NullMarked;
