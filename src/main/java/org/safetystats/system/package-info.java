/**
 * What every feature shares: settings, the PostgreSQL COPY encoding, the exception type
 * whose message is shown to users as it is, and the start-up of the application context
 * (with the embedded PostgreSQL) that every command uses.
 */
@NullMarked
package org.safetystats.system;

import org.jspecify.annotations.NullMarked;
