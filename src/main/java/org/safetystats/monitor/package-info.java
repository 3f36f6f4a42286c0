/**
 * What an IT team watches: the gauges of {@code /actuator/prometheus} (files by outcome,
 * the last nightly run, the inbox, the pipeline lock, the unit-months owed and missing),
 * the health of the folders and of the last nightly run, and who may scrape. Reads only;
 * nothing depends on it.
 */
@NullMarked
package org.safetystats.monitor;

import org.jspecify.annotations.NullMarked;
