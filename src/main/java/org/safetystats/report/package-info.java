/**
 * Reports: the annual public-security report of a city or ward, as HTML and PDF with
 * charts, every figure read from the warehouse views and laid out by the Thymeleaf
 * template {@code templates/report/annual.html}.
 */
@NullMarked
package org.safetystats.report;

import org.jspecify.annotations.NullMarked;
