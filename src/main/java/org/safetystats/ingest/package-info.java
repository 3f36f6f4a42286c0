/**
 * The ingest job: takes each file from the inbox, registers it as a submission, validates
 * it while streaming its rows into PostgreSQL with COPY, commits the outcome in one
 * transaction per file, and only then moves the file to the archive or to the rejected
 * folder with its error report.
 */
@NullMarked
package org.safetystats.ingest;

import org.jspecify.annotations.NullMarked;
