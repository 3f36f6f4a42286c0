package org.safetystats.users;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The principal of a signed-in account: Spring Security's {@link User} with the account's
 * {@code session_version} as it was at sign-in, which {@link AccountSessionCheck}
 * compares with the database on each request of the console.
 */
final class SignedInUser extends User {

	private static final long serialVersionUID = 1L;

	private final long sessionVersion;

	SignedInUser(String name, String passwordHash, boolean disabled, Collection<? extends GrantedAuthority> authorities,
			long sessionVersion) {
		super(name, passwordHash, !disabled, true, true, true, authorities);
		this.sessionVersion = sessionVersion;
	}

	long sessionVersion() {
		return this.sessionVersion;
	}

}
