package org.safetystats.users;

import java.util.List;
import java.util.Locale;

import org.safetystats.system.UsageException;

/**
 * What an account may do. ADMIN steers the pipeline and reads everything (it holds the
 * VIEWER role too); VIEWER reads everything; CLERK reads and uploads for its own units
 * only.
 */
public enum Role {

	ADMIN, VIEWER, CLERK;

	/** The Spring Security roles (without the {@code ROLE_} prefix) this role grants. */
	List<String> grants() {
		return (this == ADMIN) ? List.of("ADMIN", "VIEWER") : List.of(name());
	}

	public static Role parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("Unknown role " + text + "; roles: ADMIN, VIEWER, CLERK");
		}
	}

}
