/**
 * What every feature shares: settings, the PostgreSQL COPY encoding, and the exception
 * type whose message is shown to users as it is.
 */
@NullMarked
package org.safetystats.system;

import org.jspecify.annotations.NullMarked;
