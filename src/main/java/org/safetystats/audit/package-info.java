/**
 * The audit trail ({@code ops.audit_log}): who did what, from where, and what was
 * refused; the one writer of that table.
 */
@NullMarked
package org.safetystats.audit;

import org.jspecify.annotations.NullMarked;
