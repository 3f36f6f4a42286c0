/**
 * The database itself: the embedded PostgreSQL kept running between commands (binaries,
 * postmaster, start or join), the schema's fingerprint that lets Flyway skip its
 * validation, and the check that a command's schema is current.
 */
@NullMarked
package org.safetystats.database;

import org.jspecify.annotations.NullMarked;
