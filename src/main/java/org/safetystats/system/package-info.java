/**
 * What every feature shares: settings, the PostgreSQL COPY encoding, the exception type
 * whose message is shown to users as it is, the start-up of the application context (with
 * the embedded PostgreSQL) that every command uses, the audit trail, and the web's common
 * guards (security chains, refused requests on record, the API's JSON-only changes,
 * upload names, text safe for a spreadsheet).
 */
@NullMarked
package org.safetystats.system;

import org.jspecify.annotations.NullMarked;
