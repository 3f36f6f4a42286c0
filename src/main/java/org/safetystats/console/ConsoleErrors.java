package org.safetystats.console;

import jakarta.servlet.http.HttpServletResponse;
import org.safetystats.audit.AuditTrail;
import org.safetystats.system.RequesterText;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * How the console's pages answer a failure: a page, never JSON nor a stack trace. A clerk
 * asking for another unit gets 403 (recorded when it asked for a change: an upload), a
 * bad field 400 with its one-line message, something missing 404. Comes before the API's
 * JSON advice.
 */
@ControllerAdvice(basePackages = "org.safetystats.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleErrors.class);

	private final ConsoleModel header;

	private final AuditTrail audit;

	ConsoleErrors(ConsoleModel header, AuditTrail audit) {
		this.header = header;
		this.audit = audit;
	}

	@ExceptionHandler(AccessDeniedException.class)
	String denied(AccessDeniedException ex, HttpServletResponse response, Authentication user,
			jakarta.servlet.http.HttpServletRequest request, Model model) {
		logger.warn("Forbidden: user {} in the console: {}", user.getName(), ex.getMessage());
		this.audit.forbidden(request, user.getName(), String.valueOf(ex.getMessage()), false);
		response.setStatus(403);
		this.header.header(model, user, request);
		return "denied";
	}

	/** A fault of the server: a page that says so, the stack trace to the log. */
	@ExceptionHandler(Exception.class)
	String failed(Exception ex, HttpServletResponse response, jakarta.servlet.http.HttpServletRequest request,
			Model model) {
		if (ex instanceof org.springframework.web.ErrorResponse framework
				&& framework.getStatusCode().is4xxClientError()) {
			this.header.header(model, (Authentication) request.getUserPrincipal(), request);
			// a request Spring MVC itself refuses (a missing field, a file too big, ...)
			response.setStatus(framework.getStatusCode().value());
			model.addAttribute("error", String.valueOf(RequesterText.clean(framework.getBody().getDetail())));
			return "failed";
		}
		logger.error("{} {} failed", request.getMethod(), RequesterText.clean(request.getRequestURI()), ex);
		response.setStatus(500);
		this.header.header(model, (Authentication) request.getUserPrincipal(), request);
		model.addAttribute("error", "internal error (" + ex.getClass().getSimpleName() + "); see the server log");
		return "failed";
	}

	/**
	 * A path or query field of the wrong type ({@code /executions/abc}): 400, no trace.
	 */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	String badValue(MethodArgumentTypeMismatchException ex, HttpServletResponse response,
			jakarta.servlet.http.HttpServletRequest request, Model model) {
		return refused(UsageException.badValue(ex.getName(), ex.getValue(), ex.getRequiredType()), response, request,
				model);
	}

	@ExceptionHandler(UserFacingException.class)
	String refused(UserFacingException ex, HttpServletResponse response,
			jakarta.servlet.http.HttpServletRequest request, Model model) {
		response.setStatus((ex instanceof NotFoundException) ? 404 : 400);
		this.header.header(model, (Authentication) request.getUserPrincipal(), request);
		model.addAttribute("error", ex.getMessage());
		return "failed";
	}

}
