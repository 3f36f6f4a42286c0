package org.safetystats.users;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The accounts in {@code ops.app_user} and a clerk's units in {@code ops.app_user_unit}.
 * Passwords come in only to be hashed (bcrypt); nothing here ever returns a hash except
 * to the sign-in lookup.
 */
@Repository
public class UserAccounts {

	static final int MIN_PASSWORD_LENGTH = 10;

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

	private static final String SELECT = """
			SELECT u.user_name, u.role, u.disabled, u.created_at, u.password_hash, u.session_version,
			       ARRAY(SELECT unit_code FROM ops.app_user_unit x WHERE x.user_name = u.user_name ORDER BY unit_code)
			           AS units
			FROM ops.app_user u
			""";

	private static final String SESSION_CURRENT = """
			SELECT EXISTS (SELECT 1 FROM ops.app_user
			               WHERE user_name = :name AND session_version = :version AND NOT disabled)
			""";

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
		this.jdbc = jdbc;
		this.encoder = encoder;
	}

	/**
	 * An account with its hash, for the sign-in lookup only, and the version its sessions
	 * carry.
	 */
	record Stored(Account account, String passwordHash, long sessionVersion) {

	}

	/** Creates an account; a clerk needs at least one unit, the others none. */
	@Transactional
	public Account add(String name, Role role, Collection<String> units, String password) {
		checkName(name);
		Assert.notNull(role, "role must not be null");
		checkUnits(name, role, units);
		try {
			this.jdbc.sql("INSERT INTO ops.app_user (user_name, password_hash, role) VALUES (:name, :hash, :role)")
				.param("name", name)
				.param("hash", hash(password))
				.param("role", role.name())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new UsageException("User " + name + " exists already (user passwd " + name + " sets a new password)");
		}
		for (String unit : units) {
			this.jdbc.sql(
					"INSERT INTO ops.app_user_unit (user_name, unit_code) VALUES (:name, :unit) ON CONFLICT DO NOTHING")
				.param("name", name)
				.param("unit", unit)
				.update();
		}
		return find(name).orElseThrow().account();
	}

	public List<Account> list() {
		return this.jdbc.sql(SELECT + " ORDER BY u.user_name").query((rs, n) -> stored(rs).account()).list();
	}

	Optional<Stored> find(String name) {
		return this.jdbc.sql(SELECT + " WHERE u.user_name = :name")
			.param("name", name)
			.query((rs, n) -> stored(rs))
			.optional();
	}

	/**
	 * Whether a session signed in with {@code version} may go on: the account exists, is
	 * enabled, and its password, role and units are those it signed in with (the column
	 * goes up by trigger whenever they change, whoever changes them).
	 */
	boolean sessionCurrent(String name, long version) {
		return this.jdbc.sql(SESSION_CURRENT)
			.param("name", name)
			.param("version", version)
			.query(Boolean.class)
			.single();
	}

	public void disable(String name) {
		changed(name,
				this.jdbc.sql("UPDATE ops.app_user SET disabled = true WHERE user_name = :name")
					.param("name", name)
					.update());
	}

	/** Sets a new password; the account is enabled again. */
	public void setPassword(String name, String password) {
		changed(name, this.jdbc.sql("""
				UPDATE ops.app_user SET password_hash = :hash, disabled = false, password_changed_at = now()
				WHERE user_name = :name
				""").param("name", name).param("hash", hash(password)).update());
	}

	/** A clerk needs at least one unit, the others none. */
	static void checkUnits(String name, Role role, Collection<String> units) {
		if ((role == Role.CLERK) == units.isEmpty()) {
			throw new UsageException((role == Role.CLERK) ? "A clerk needs at least one unit (--unit CODE)"
					: "Only a clerk is bound to units; " + role + " " + name + " sees every unit");
		}
	}

	private String hash(String password) {
		checkPassword(password);
		return this.encoder.encode(password);
	}

	static void checkPassword(String password) {
		if (password.codePoints().allMatch((c) -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
			// ten spaces are ten characters, and the first guess of anyone
			throw new UsageException("A password cannot be only spaces or other blanks");
		}
		if (password.length() < MIN_PASSWORD_LENGTH) {
			throw new UsageException("A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
		}
		if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
			// bcrypt reads at most 72 bytes: a longer password would be cut silently
			throw new UsageException("A password may have at most 72 bytes (bcrypt ignores the rest)");
		}
	}

	private static void changed(String name, int rows) {
		if (rows == 0) {
			throw new UserFacingException("No user " + name + " (user list shows them)");
		}
	}

	static void checkName(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new UsageException("User name " + name + " must be 1 to 64 letters, digits or . _ @ -");
		}
	}

	private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
		List<String> units = List.of((String[]) rs.getArray("units").getArray());
		Account account = new Account(rs.getString("user_name"), Role.valueOf(rs.getString("role")), units,
				rs.getBoolean("disabled"), rs.getObject("created_at", OffsetDateTime.class));
		return new Stored(account, rs.getString("password_hash"), rs.getLong("session_version"));
	}

}
