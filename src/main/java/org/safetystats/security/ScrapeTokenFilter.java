package org.safetystats.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prometheus's scrape: {@code Authorization: Bearer <token>} on
 * {@code /actuator/prometheus} authenticates as the role SCRAPER when the token is
 * {@code safetystats.metrics.scrape-token} (compared in constant time). Without a token
 * set, or with another one, the request goes on unauthenticated (HTTP Basic of an ADMIN
 * still works, anything else gets 401): the metrics are never anonymous.
 */
final class ScrapeTokenFilter extends OncePerRequestFilter {

	static final String PATH = "/actuator/prometheus";

	static final String ROLE = "SCRAPER";

	private final byte @Nullable [] token;

	ScrapeTokenFilter(@Nullable String token) {
		this.token = (token == null || token.isBlank()) ? null : token.trim().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.token == null || !PATH.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
				&& MessageDigest.isEqual(this.token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("prometheus", null,
						List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
		}
		chain.doFilter(request, response);
	}

}
