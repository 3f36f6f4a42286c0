package org.safetystats.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Which units a signed-in user may see: admins and viewers every unit, a clerk only the
 * units its account is bound to, carried as {@code UNIT_<code>} authorities. The console
 * and the API ask here, whatever unit the URL names.
 */
public final class UnitAccess {

	private static final String PREFIX = "UNIT_";

	private UnitAccess() {
	}

	public static GrantedAuthority authority(String unitCode) {
		return new SimpleGrantedAuthority(PREFIX + unitCode);
	}

	/** Whether the user reads every unit (ADMIN or VIEWER). */
	public static boolean seesAll(Authentication user) {
		return has(user, "ROLE_VIEWER");
	}

	public static boolean isAdmin(Authentication user) {
		return has(user, "ROLE_ADMIN");
	}

	/** Whether the user may see (a clerk: and upload for) this unit. */
	public static boolean mayUse(Authentication user, String unitCode) {
		return seesAll(user) || has(user, PREFIX + unitCode);
	}

	/** Whether the user may upload for this unit: an admin, or a clerk of the unit. */
	public static boolean mayUpload(Authentication user, String unitCode) {
		return isAdmin(user) || has(user, PREFIX + unitCode);
	}

	/** A clerk's units, in order (empty for admins and viewers). */
	public static List<String> units(Authentication user) {
		return user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((a) -> a.startsWith(PREFIX))
			.map((a) -> a.substring(PREFIX.length()))
			.sorted()
			.toList();
	}

	private static boolean has(Authentication user, String authority) {
		return user.getAuthorities().stream().anyMatch((a) -> authority.equals(a.getAuthority()));
	}

}
