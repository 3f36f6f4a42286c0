/**
 * How a command starts its Spring context: on {@code SAFETYSTATS_DB_URL} or the embedded
 * default, small (database only) or whole, with only the auto-configurations a one-shot
 * command may use.
 */
@NullMarked
package org.safetystats.startup;

import org.jspecify.annotations.NullMarked;
