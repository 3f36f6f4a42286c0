package org.safetystats.console;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.UserFacingException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * How the console's pages answer a failure: a page, never JSON nor a stack trace. A clerk
 * asking for another unit gets 403, a bad field 400 with its one-line message, something
 * missing 404. Comes before the API's JSON advice.
 */
@ControllerAdvice(basePackages = "org.safetystats.console")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleErrors.class);

	@ExceptionHandler(AccessDeniedException.class)
	String denied(AccessDeniedException ex, HttpServletResponse response, java.security.Principal user) {
		logger.warn("Forbidden: user {} in the console: {}", user.getName(), ex.getMessage());
		response.setStatus(403);
		return "denied";
	}

	@ExceptionHandler(UserFacingException.class)
	String refused(UserFacingException ex, HttpServletResponse response, Model model) {
		response.setStatus((ex instanceof NotFoundException) ? 404 : 400);
		model.addAttribute("error", ex.getMessage());
		return "failed";
	}

}
