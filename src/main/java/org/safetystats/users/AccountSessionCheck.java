package org.safetystats.users;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.safetystats.system.RequesterText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose account changed since it signed in: disabled, given a new
 * password, another role or other units (by the console, the {@code user} command or SQL,
 * in this process or another {@code serve} on the same database). Each request of a
 * signed-in user compares the session version its principal carries with
 * {@code ops.app_user} (one primary-key lookup); when they differ, or the account is
 * disabled or gone, the session is invalidated before anything else runs and the browser
 * is sent to {@code /login?expired}. Sessions are in each process's memory, so the
 * database row is what every process agrees on.
 */
public final class AccountSessionCheck extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(AccountSessionCheck.class);

	private final UserAccounts accounts;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	public AccountSessionCheck(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = this.contexts.getContext().getAuthentication();
		if (signedIn != null && signedIn.getPrincipal() instanceof SignedInUser user
				&& !this.accounts.sessionCurrent(user.getUsername(), user.sessionVersion())) {
			logger.warn("Session of user {} from {} ended: the account was disabled or changed since it signed in",
					RequesterText.clean(user.getUsername()), request.getRemoteAddr());
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			this.contexts.clearContext();
			response.sendRedirect(request.getContextPath() + "/login?expired");
			return;
		}
		chain.doFilter(request, response);
	}

}
