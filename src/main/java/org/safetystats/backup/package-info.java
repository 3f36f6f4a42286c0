/**
 * Backup and restore of a whole installation: {@code backup create} writes the database
 * (every table copied out in one REPEATABLE READ snapshot, with the sequences and the
 * schema version), the inbox, archive and rejected files, {@code config/} and
 * {@code jobs/} into one folder with a SHA-256 manifest; {@code backup restore} loads
 * such a folder into an empty database and home.
 */
@NullMarked
package org.safetystats.backup;

import org.jspecify.annotations.NullMarked;
