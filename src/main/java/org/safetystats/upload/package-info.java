/**
 * A clerk's upload: the file checked at once by the same validator as {@code validate}
 * and ingest, kept aside, and on submit placed into the inbox atomically under its
 * canonical name, never over another file; its JSON door
 * {@code /api/units/{unit}/uploads}.
 */
@NullMarked
package org.safetystats.upload;

import org.jspecify.annotations.NullMarked;
