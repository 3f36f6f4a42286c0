package org.safetystats.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.safetystats.admin.AlreadyRunningException;
import org.safetystats.admin.NoSuchExecutionException;
import org.safetystats.audit.AuditTrail;
import org.safetystats.system.RequesterText;
import org.safetystats.system.UsageException;
import org.safetystats.system.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * How every endpoint of the API answers a failure, in one line of
 * {@code application/problem+json} (RFC 9457, Spring's {@link ProblemDetail}): 409 when
 * pipeline work is already running (with its execution), 404 for an unknown execution,
 * 400 for a bad field or body (named), 500 with no stack trace for a fault of the server
 * (logged in full). Beside the standard members ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}) each answer keeps the fields the
 * API's errors carried before: {@code error} (the message, as {@code detail}) and
 * {@code runningExecutionId} (null unless a run is in the way). A malformed body that
 * never reached {@link AdminService} is recorded here.
 */
@RestControllerAdvice(basePackages = "org.safetystats")
class ApiErrors {

	private static final Logger logger = LoggerFactory.getLogger(ApiErrors.class);

	private final AuditTrail audit;

	ApiErrors(AuditTrail audit) {
		this.audit = audit;
	}

	/**
	 * The answer to a failure, with the fields API clients have read since the first
	 * version.
	 */
	static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String message,
			@Nullable Long runningExecutionId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setProperty("error", message);
		problem.setProperty("runningExecutionId", runningExecutionId);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler(AlreadyRunningException.class)
	ResponseEntity<ProblemDetail> alreadyRunning(AlreadyRunningException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage(), ex.runningExecutionId());
	}

	@ExceptionHandler(NoSuchExecutionException.class)
	ResponseEntity<ProblemDetail> notFound(NoSuchExecutionException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage(), null);
	}

	@ExceptionHandler(UserFacingException.class)
	ResponseEntity<ProblemDetail> refused(UserFacingException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), null);
	}

	/** A path or query field of the wrong type ({@code /api/submissions/abc/approve}). */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> badValue(MethodArgumentTypeMismatchException ex) {
		return refused(UsageException.badValue(ex.getName(), ex.getValue(), ex.getRequiredType()));
	}

	/**
	 * A clerk asking for another unit: 403, logged and recorded like any refused role.
	 */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex, HttpServletRequest http,
			@Nullable Principal user) {
		logger.warn("Forbidden: user {} from {} asked {} {}: {}", (user != null) ? user.getName() : "anonymous",
				http.getRemoteAddr(), http.getMethod(), RequesterText.clean(http.getRequestURI()), ex.getMessage());
		this.audit.forbidden(http, (user != null) ? user.getName() : null, String.valueOf(ex.getMessage()), false);
		return problem(HttpStatus.FORBIDDEN, String.valueOf(ex.getMessage()), null);
	}

	/**
	 * A body that is not the JSON expected, or a missing parameter: refused before the
	 * service.
	 */
	@ExceptionHandler({ HttpMessageNotReadableException.class, MissingServletRequestParameterException.class })
	ResponseEntity<ProblemDetail> unreadable(Exception ex, HttpServletRequest http, @Nullable Principal user) {
		String message = (ex instanceof MissingServletRequestParameterException missing)
				? missing.getParameterName() + " is required" : "the request body is not the JSON expected";
		if (!"GET".equals(http.getMethod())) {
			this.audit.record(new AuditTrail.Entry((user != null) ? user.getName() : "anonymous",
					http.getMethod() + " " + http.getRequestURI(), "", null, null, "REFUSED", message));
		}
		return problem(HttpStatus.BAD_REQUEST, message, null);
	}

	/** A fault of the server: one line to the caller, the stack trace to the log. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> failed(Exception ex, HttpServletRequest http, @Nullable Principal user) {
		if (ex instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
			// a request Spring MVC itself refuses (wrong media type, method, ...): its
			// status, in one line
			String message = RequesterText.clean(framework.getBody().getDetail());
			if (!"GET".equals(http.getMethod())) {
				this.audit.record(new AuditTrail.Entry((user != null) ? user.getName() : "anonymous",
						http.getMethod() + " " + http.getRequestURI(), "", null, null, "REFUSED", message));
			}
			return problem(framework.getStatusCode(), String.valueOf(message), null);
		}
		logger.error("{} {} failed", http.getMethod(), RequesterText.clean(http.getRequestURI()), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR,
				"internal error (" + ex.getClass().getSimpleName() + "); see the server log", null);
	}

}
