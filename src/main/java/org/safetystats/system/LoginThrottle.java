package org.safetystats.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
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
 */
public class LoginThrottle extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	private static final int MAX_TRACKED = 10_000;

	private final int free;

	private final long maxMillis;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private record Failures(int count, long lastMillis) {

	}

	public LoginThrottle(int free, long maxSeconds) {
		this.free = free;
		this.maxMillis = maxSeconds * 1000;
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
		String key = user + "\n" + request.getRemoteAddr();
		long wait = waitMillis(key, System.currentTimeMillis());
		if (wait > 0) {
			logger.warn("Login of user {} from {} refused for {} ms: too many failed logins", AuditTrail.clean(user),
					request.getRemoteAddr(), wait);
			if (form) {
				response.sendRedirect(request.getContextPath() + "/login?throttled=" + ((wait + 999) / 1000));
				return;
			}
			response.setStatus(429);
			response.setHeader("Retry-After", Long.toString((wait + 999) / 1000));
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"error\":\"too many failed logins: try again in " + ((wait + 999) / 1000) + " s\"}");
			return;
		}
		chain.doFilter(request, response);
		if (failed(form, response)) {
			Failures now = this.failures.merge(key, new Failures(1, System.currentTimeMillis()),
					(old, one) -> new Failures(old.count() + 1, one.lastMillis()));
			logger.warn("Failed login of user {} from {} ({} in a row)", AuditTrail.clean(user),
					request.getRemoteAddr(), now.count());
			if (this.failures.size() > MAX_TRACKED) {
				forgetOld(System.currentTimeMillis());
			}
		}
		else {
			this.failures.remove(key);
		}
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

	private long waitMillis(String key, long now) {
		Failures f = this.failures.get(key);
		if (f == null || f.count() < this.free) {
			return 0;
		}
		long delay = Math.min(this.maxMillis, 1000L << Math.min(30, f.count() - this.free));
		return Math.max(0, f.lastMillis() + delay - now);
	}

	private void forgetOld(long now) {
		this.failures.entrySet().removeIf((entry) -> now - entry.getValue().lastMillis() > this.maxMillis);
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
