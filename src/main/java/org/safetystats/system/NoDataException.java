package org.safetystats.system;

/**
 * What was asked has no data yet (a report of a year the warehouse holds nothing for):
 * not a wrong argument nor a wrong setting, so exit code 1 on the command line.
 */
public class NoDataException extends UserFacingException {

	public NoDataException(String message) {
		super(message);
	}

}
