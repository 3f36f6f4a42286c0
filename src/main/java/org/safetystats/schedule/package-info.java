/**
 * Scheduling: the nightly job, the schedule files of {@code jobs/} and their
 * reconciliation into clustered Quartz triggers, and the Quartz job that hands a fired
 * trigger to the admin service.
 */
@NullMarked
package org.safetystats.schedule;

import org.jspecify.annotations.NullMarked;
