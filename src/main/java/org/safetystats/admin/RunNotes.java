package org.safetystats.admin;

import java.util.List;

/**
 * What a room has to say of an execution when it ends, printed under the execution's
 * steps by every command that waits for one (the ingest names the files it did not load,
 * with their first error and error report). A room above admin contributes by
 * implementing it as a bean.
 */
public interface RunNotes {

	/** The lines to print for the execution, none when there is nothing to say. */
	List<String> of(long jobExecutionId);

}
