package org.safetystats.console;

import org.safetystats.system.UserFacingException;

/** A page asked for something that does not exist (404). */
class NotFoundException extends UserFacingException {

	NotFoundException(String what) {
		super("No " + what);
	}

}
