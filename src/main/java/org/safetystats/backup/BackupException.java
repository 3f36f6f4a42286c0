package org.safetystats.backup;

import org.safetystats.system.UserFacingException;

/**
 * A backup that cannot be written or restored for a reason the operator can fix: the
 * target is not empty, a file of the backup is missing or altered, the database role
 * lacks a right. Printed as one line.
 */
class BackupException extends UserFacingException {

	BackupException(String message) {
		super(message);
	}

	BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
