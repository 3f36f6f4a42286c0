/**
 * The national-scale benchmark: generated submissions for every commune of the 2020 GSO
 * list, measured side by side with PostgreSQL's own COPY and with hand-written SQL on the
 * same database.
 */
@NullMarked
package org.safetystats.bench;

import org.jspecify.annotations.NullMarked;
