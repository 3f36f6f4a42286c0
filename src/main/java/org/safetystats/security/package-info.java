/**
 * The web's guards: the security chains of the console, the API and the metrics scrape,
 * the sign-in throttle, refused requests put on record, the API's JSON-only changes,
 * upload names, and which units a signed-in user reaches ({@code UnitAccess}).
 */
@NullMarked
package org.safetystats.security;

import org.jspecify.annotations.NullMarked;
