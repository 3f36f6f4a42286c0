/**
 * Spring Batch wiring shared by every job: the task executor, the listener that records
 * each execution's start and end and holds the pipeline's lease, the graceful stop on a
 * signal or an admin's request, and the job parameters a job declares it reads.
 */
@NullMarked
package org.safetystats.batch;

import org.jspecify.annotations.NullMarked;
