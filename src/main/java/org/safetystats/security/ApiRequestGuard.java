package org.safetystats.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.safetystats.system.RequesterText;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses (415) a state-changing call of the JSON API that a page of another origin could
 * have sent with the credentials a browser keeps for this site: a browser sends Basic
 * credentials it has cached to any page's form or {@code no-cors} fetch, but such a
 * request can only carry a "simple" content type ({@code text/plain}, a form, multipart)
 * and no header of its own; anything else needs a CORS preflight, which this server never
 * grants. So every call but GET, HEAD and OPTIONS under {@code /api/} must send
 * {@code Content-Type: application/json}, except an upload ({@code multipart/form-data}),
 * which must carry the header {@value #UPLOAD_HEADER} instead. Refusals are answered and
 * recorded by the API's error advice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiRequestGuard implements WebMvcConfigurer, HandlerInterceptor {

	/** The header an upload through the API sends (any value). */
	static final String UPLOAD_HEADER = "X-Requested-With";

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (READS.contains(request.getMethod())) {
			return true;
		}
		MediaType type = contentType(request.getContentType());
		if (type != null && (MediaType.APPLICATION_JSON.includes(type)
				|| type.getSubtype().endsWith("+json") && "application".equals(type.getType()))) {
			return true;
		}
		if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type) && request.getHeader(UPLOAD_HEADER) != null) {
			return true;
		}
		String sent = (request.getContentType() != null) ? RequesterText.clean(request.getContentType()) : "none";
		throw new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"A change through the API needs Content-Type: application/json (an upload: multipart/form-data "
								+ "with the header " + UPLOAD_HEADER + "), not " + sent),
				null);
	}

	private static @Nullable MediaType contentType(@Nullable String header) {
		if (header == null) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
