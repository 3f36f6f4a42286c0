/**
 * Reference catalogues: versioned administrative units (province down to village),
 * indicators, and their loading from the editable files in {@code config/} into the
 * {@code ref} schema.
 */
@NullMarked
package org.safetystats.reference;

import org.jspecify.annotations.NullMarked;
