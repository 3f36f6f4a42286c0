/**
 * The ingest job: takes each file from the inbox, validates it, registers it as a
 * submission and writes its rows into PostgreSQL with COPY (small files in batches, large
 * ones streamed), commits the outcomes of a group of files in one transaction, each file
 * in or out as a whole, and only then moves the files to the archive or to the rejected
 * folder with their error reports.
 */
@NullMarked
package org.safetystats.ingest;

import org.jspecify.annotations.NullMarked;
