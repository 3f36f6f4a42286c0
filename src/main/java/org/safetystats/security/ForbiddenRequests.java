package org.safetystats.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.safetystats.audit.AuditTrail;
import org.safetystats.system.RequesterText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What a request refused by the security chain (403) leaves behind: a WARN line with user
 * and address, and a {@code FORBIDDEN} row in {@code ops.admin_action} when it asked for
 * a change, or read a part of the site kept for admins (the console's {@code /actions/}
 * and {@code /users}); then a plain 403 (the API) or the console's page.
 */
public final class ForbiddenRequests implements AccessDeniedHandler {

	private static final Logger logger = LoggerFactory.getLogger(ForbiddenRequests.class);

	private final AuditTrail audit;

	private final AccessDeniedHandler answer;

	private final List<String> alwaysRecorded;

	/**
	 * @param page the page that answers, or {@code null} for a bare 403
	 * @param alwaysRecorded path prefixes whose reads are recorded too
	 */
	public ForbiddenRequests(AuditTrail audit, @Nullable String page, String... alwaysRecorded) {
		this.audit = audit;
		this.alwaysRecorded = List.of(alwaysRecorded);
		if (page != null) {
			AccessDeniedHandlerImpl toPage = new AccessDeniedHandlerImpl();
			toPage.setErrorPage(page);
			this.answer = toPage;
		}
		else {
			this.answer = (request, response, denied) -> response.sendError(403);
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		// from the security context: a refused CSRF token comes before the request knows
		// its user
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String user = (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) ? authentication.getName() : null;
		String path = String.valueOf(RequesterText.clean(request.getRequestURI()));
		logger.warn("Forbidden: user {} from {} asked {} {}", (user != null) ? RequesterText.clean(user) : "anonymous",
				request.getRemoteAddr(), request.getMethod(), path);
		String relative = path.substring(Math.min(request.getContextPath().length(), path.length()));
		this.audit.forbidden(request, user,
				(denied instanceof CsrfException) ? "no valid CSRF token" : "needs the ADMIN role or the unit",
				this.alwaysRecorded.stream().anyMatch(relative::startsWith));
		this.answer.handle(request, response, denied);
	}

}
