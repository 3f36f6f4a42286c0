package org.safetystats.system;

/**
 * A failure caused by what a user gave (a missing folder, a bad configuration file, an
 * unreachable database): its message is printed as the one-line reason, without a stack
 * trace.
 */
public class UserFacingException extends RuntimeException {

	public UserFacingException(String message) {
		super(message);
	}

	public UserFacingException(String message, Throwable cause) {
		super(message, cause);
	}

}
