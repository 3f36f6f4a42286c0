package org.safetystats.ingest;

import java.io.IOException;

/**
 * A stop of the run was asked while a file was read: the file goes back to its savepoint
 * and stays in the inbox, and the step ends its chunk so as to stop there. Not a failure
 * of the file.
 */
final class StopRequested extends IOException {

	StopRequested(String what) {
		super("A stop was asked while " + what + "; it is taken up again by `restart`");
	}

}
