package org.safetystats.system;

/**
 * A request or command line that cannot be carried out as given (a malformed field, an
 * unknown unit): a usage error, exit code 2 on the command line, HTTP 400 in the API.
 */
public class UsageException extends UserFacingException {

	public UsageException(String message) {
		super(message);
	}

}
