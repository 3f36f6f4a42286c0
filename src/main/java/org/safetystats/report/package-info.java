/**
 * Reports: the annual public-security report of a city or ward, as HTML and PDF with
 * charts, every figure read from the warehouse views.
 */
@NullMarked
package org.safetystats.report;

import org.jspecify.annotations.NullMarked;
