/**
 * What every room shares and nothing else: the settings ({@code SafetystatsProperties})
 * and the clock, the exception types whose message is shown to users as it is, times in
 * the reporting zone, the PostgreSQL COPY text encoding and text safe for a spreadsheet.
 */
@NullMarked
package org.safetystats.system;

import org.jspecify.annotations.NullMarked;
