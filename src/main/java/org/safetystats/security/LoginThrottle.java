package org.safetystats.security;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.safetystats.system.RequesterText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing passwords: after {@code free} failed logins in a row for the same
 * user from the same address, each further attempt must wait, twice as long after each
 * failure (1 s, 2 s, 4 s, ... up to {@code maxSeconds}); an attempt too early gets 429
 * with {@code Retry-After} and no password check at all. A successful login clears the
 * count. Every failed login is logged with user and address. It watches HTTP Basic (the
 * JSON API) and the console's form login ({@code POST /login}, where a failure is the
 * redirect to {@code /login?error} and a refusal the redirect to
 * {@code /login?throttled}).
 * <p>
 * The decision and the count are one step, under one lock: at most as many attempts of a
 * user and address are checked at a time as it has failures left before the wait (one
 * once it has to wait), and the others wait their turn (at most
 * {@value #MAX_TURN_WAIT_SECONDS} s, then 429) to be decided on the outcome of those
 * before them, so parallel guesses cannot all pass before the first of them fails. Once
 * an attempt succeeded, and until one fails, any number are checked at once: a client's
 * parallel calls with the right password are not held back. What is kept is bounded
 * whatever comes in: a user name longer than {@value #MAX_NAME_LENGTH} characters (no
 * account has one) is answered as a failed login without a password check and never kept,
 * and at most {@value #MAX_TRACKED} user-and-address entries are kept (past that, those
 * that hold no one back are forgotten first, oldest first).
 */
public class LoginThrottle extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	/** Account names have at most 64 characters; anything past this is not a name. */
	static final int MAX_NAME_LENGTH = 256;

	/** About 700 bytes an entry at most (name, address, count), so a few MB in all. */
	static final int MAX_TRACKED = 10_000;

	/**
	 * How long an attempt waits for the outcome of those of its user checked before it.
	 */
	static final int MAX_TURN_WAIT_SECONDS = 10;

	private final int free;

	private final long maxMillis;

	private final Clock clock;

	/** What is known of each user and address; guarded by this. */
	private final Map<String, Failures> failures = new HashMap<>();

	private int waiting;

	/**
	 * Failures in a row and the time of the last (or of the last success, when
	 * {@code trusted}), and how many attempts are being checked now.
	 */
	private record Failures(int count, long lastMillis, int checking, boolean trusted) {

	}

	public LoginThrottle(int free, long maxSeconds, Clock clock) {
		this.free = free;
		this.maxMillis = maxSeconds * 1000;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = isFormLogin(request);
		String user = form ? request.getParameter("username") : basicUser(request.getHeader("Authorization"));
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		if (user.length() > MAX_NAME_LENGTH) {
			logger.warn("Failed login from {}: a user name of {} characters (at most {})", request.getRemoteAddr(),
					user.length(), MAX_NAME_LENGTH);
			refuseAsFailed(form, request, response);
			return;
		}
		String key = user + "\n" + request.getRemoteAddr();
		long wait = turn(key);
		if (wait > 0) {
			long seconds = (wait + 999) / 1000;
			logger.warn("Login of user {} from {} refused for {} ms: too many failed logins", RequesterText.clean(user),
					request.getRemoteAddr(), wait);
			if (form) {
				response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
				return;
			}
			response.setStatus(429);
			response.setHeader("Retry-After", Long.toString(seconds));
			// RFC 9457, as every refusal of the API (admin.ApiErrors), with its error
			// field
			String detail = "too many failed logins: try again in " + seconds + " s";
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.getWriter()
				.write("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + detail + "\",\"error\":\""
						+ detail + "\",\"runningExecutionId\":null}");
			return;
		}
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = failed(form, response);
		}
		finally {
			int inARow = finished(key, failed);
			if (failed) {
				logger.warn("Failed login of user {} from {} ({} in a row)", RequesterText.clean(user),
						request.getRemoteAddr(), inARow);
			}
		}
	}

	/**
	 * Lets the attempt be checked (0) when its user and address may have one more checked
	 * now, else waits for the outcome of those being checked and decides again; or says
	 * how many milliseconds it must wait.
	 */
	private synchronized long turn(String key) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_TURN_WAIT_SECONDS);
		while (true) {
			long now = this.clock.millis();
			Failures f = this.failures.get(key);
			long wait = waitMillis(f, now);
			if (wait > 0) {
				return wait;
			}
			if (f == null || f.checking() < checkedAtOnce(f, now)) {
				this.failures.put(key,
						(f != null) ? new Failures(f.count(), f.lastMillis(), f.checking() + 1, f.trusted())
								: new Failures(0, now, 1, false));
				if (this.failures.size() > MAX_TRACKED) {
					forgetSome(now);
				}
				return 0;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return 1000;
			}
			this.waiting++;
			try {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted waiting for the outcome of earlier logins");
			}
			finally {
				this.waiting--;
			}
		}
	}

	/**
	 * Counts the outcome of a checked attempt (a success forgets the failures) and wakes
	 * those waiting their turn; returns the failures in a row.
	 */
	private synchronized int finished(String key, boolean failed) {
		Failures f = this.failures.get(key);
		int checking = (f != null) ? Math.max(0, f.checking() - 1) : 0;
		int count = failed ? ((f != null) ? f.count() : 0) + 1 : 0;
		this.failures.put(key, new Failures(count, this.clock.millis(), checking, !failed));
		notifyAll();
		return count;
	}

	/**
	 * How many attempts may be checked at a time: as many as failures are left before the
	 * wait, one once waiting; any number while the last outcome was a success (within the
	 * longest wait), so that a client's parallel calls with the right password go
	 * through.
	 */
	private int checkedAtOnce(Failures f, long now) {
		if (f.trusted() && now - f.lastMillis() <= this.maxMillis) {
			return Integer.MAX_VALUE;
		}
		return (f.count() < this.free) ? this.free - f.count() : 1;
	}

	private long waitMillis(@Nullable Failures f, long now) {
		if (f == null || f.count() < this.free) {
			return 0;
		}
		long delay = Math.min(this.maxMillis, 1000L << Math.min(30, f.count() - this.free));
		return Math.max(0, f.lastMillis() + delay - now);
	}

	/**
	 * Forgets entries down to nine tenths of the cap, so that this runs once per thousand
	 * new entries at most: first those that make no one wait and have no attempt being
	 * checked, oldest first, then the oldest of the rest.
	 */
	private void forgetSome(long now) {
		List<Map.Entry<String, Failures>> entries = new ArrayList<>(this.failures.entrySet());
		entries.sort(Comparator
			.comparing(
					(Map.Entry<String, Failures> e) -> e.getValue().checking() > 0 || waitMillis(e.getValue(), now) > 0)
			.thenComparingLong((e) -> e.getValue().lastMillis()));
		int excess = this.failures.size() - MAX_TRACKED * 9 / 10;
		entries.subList(0, excess).forEach((entry) -> this.failures.remove(entry.getKey()));
	}

	/** How many user-and-address entries are kept (for tests). */
	synchronized int size() {
		return this.failures.size();
	}

	/** How many attempts are waiting for their turn (for tests). */
	synchronized int waiting() {
		return this.waiting;
	}

	private static void refuseAsFailed(boolean form, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (form) {
			response.sendRedirect(request.getContextPath() + "/login?error");
			return;
		}
		response.setHeader("WWW-Authenticate", "Basic realm=\"Realm\"");
		response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
	}

	private static boolean isFormLogin(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& (request.getContextPath() + "/login").equals(request.getRequestURI());
	}

	private static boolean failed(boolean form, HttpServletResponse response) {
		if (!form) {
			return response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
		}
		String location = response.getHeader("Location");
		return location != null && location.contains("/login?error");
	}

	private static @Nullable String basicUser(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : decoded;
		}
		catch (IllegalArgumentException ex) {
			return "(not Base64)";
		}
	}

}
