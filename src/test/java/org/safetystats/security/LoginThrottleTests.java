package org.safetystats.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sign-in throttle alone, on a clock the test moves: what it keeps stays bounded
 * whatever user names come in (issue 26, item 2), and parallel attempts are counted one
 * at a time, so none slips past a lock-out (item 6).
 */
class LoginThrottleTests {

	private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-01T08:00:00Z").toEpochMilli());

	private final LoginThrottle throttle = new LoginThrottle(3, 300, new MovableClock(this.now));

	private final ExecutorService pool = Executors.newFixedThreadPool(30);

	@AfterEach
	void stopPool() {
		this.pool.shutdownNow();
	}

	@Test
	void anAbsurdUserNameIsAFailedLoginAndIsNeverKept() throws Exception {
		String huge = "x".repeat(1_000_000);
		AtomicInteger checked = new AtomicInteger();
		FilterChain passwordCheck = (request, response) -> checked.incrementAndGet();
		for (int attempt = 0; attempt < 30; attempt++) {
			assertThat(basic(huge + attempt, "guess", passwordCheck).getStatus()).isEqualTo(401);
			MockHttpServletResponse form = form(huge + attempt, "guess", passwordCheck);
			assertThat(form.getRedirectedUrl()).isEqualTo("/login?error");
		}
		assertThat(checked).hasValue(0);
		assertThat(this.throttle.size()).isZero();
		// a name of the longest length kept is a login like any other
		String longest = "y".repeat(LoginThrottle.MAX_NAME_LENGTH);
		basic(longest, "guess", failing());
		assertThat(this.throttle.size()).isOne();
	}

	@Test
	void manyDistinctNamesKeepAtMostTheCapAndALockOutSurvivesThem() throws Exception {
		// given a guesser locked out of admin
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(basic("admin", "guess" + attempt, failing()).getStatus()).isEqualTo(401);
		}
		assertThat(basic("admin", "guess", failing()).getStatus()).isEqualTo(429);
		// when more distinct long names than the cap fail, within its wait
		String padding = "n".repeat(LoginThrottle.MAX_NAME_LENGTH - 10);
		int most = 0;
		for (int name = 0; name < LoginThrottle.MAX_TRACKED + 2_000; name++) {
			basic(padding + name, "guess", failing());
			most = Math.max(most, this.throttle.size());
		}
		// then the cap was reached (admin and 9,999 names) and never passed: the next
		// name
		// brought the entries down to nine tenths of it, 1,001 names later again, and the
		// last 999 names are kept with them; admin is still refused
		assertThat(most).isEqualTo(LoginThrottle.MAX_TRACKED);
		assertThat(this.throttle.size()).isEqualTo(LoginThrottle.MAX_TRACKED * 9 / 10 + 999);
		assertThat(basic("admin", "guess", failing()).getStatus()).isEqualTo(429);
	}

	@Test
	void parallelAttemptsAreCountedOneAtATime() throws Exception {
		// given two failures of three free ones
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThat(basic("viewer", "guess" + attempt, failing()).getStatus()).isEqualTo(401);
		}
		// when 30 guess at once, only the last free guess reaches the password check
		assertThat(thirtyAtOnce("viewer", "wrong")).containsOnly(429, 401)
			.filteredOn((status) -> status == 401)
			.hasSize(1);
		// and while locked out, all are refused
		assertThat(thirtyAtOnce("viewer", "viewer-secret")).containsOnly(429);
		// once the wait is over, one guess is checked, not thirty
		this.now.addAndGet(Duration.ofSeconds(1).toMillis());
		assertThat(thirtyAtOnce("viewer", "wrong")).containsOnly(429, 401)
			.filteredOn((status) -> status == 401)
			.hasSize(1);
		// while thirty requests at once with the right password all go through: three
		// checked, the rest as soon as one of them succeeded
		assertThat(thirtyAtOnce("admin", "right")).containsOnly(200).hasSize(30);
		assertThat(this.throttle.size()).isEqualTo(2);
	}

	/**
	 * Thirty attempts at the same time: each one let through waits in the password check
	 * until all thirty are being checked, refused or waiting their turn.
	 */
	private List<Integer> thirtyAtOnce(String user, String password) throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger inCheck = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		FilterChain slowCheck = (request, response) -> {
			inCheck.incrementAndGet();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			checking("right").doFilter(request, response);
		};
		List<Future<Integer>> statuses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			statuses.add(this.pool.submit(() -> {
				int status = basic(user, password, slowCheck).getStatus();
				if (status == 429) {
					refused.incrementAndGet();
				}
				return status;
			}));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> inCheck.get() + refused.get() + this.throttle.waiting() == 30);
		release.countDown();
		List<Integer> all = new ArrayList<>();
		for (Future<Integer> status : statuses) {
			all.add(status.get(30, TimeUnit.SECONDS));
		}
		return all;
	}

	private MockHttpServletResponse basic(String user, String password, FilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/executions");
		request.addHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.throttle.doFilter(request, response, chain);
		return response;
	}

	private MockHttpServletResponse form(String user, String password, FilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.addParameter("username", user);
		request.addParameter("password", password);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.throttle.doFilter(request, response, chain);
		return response;
	}

	private static FilterChain failing() {
		return (request, response) -> ((HttpServletResponse) response).setStatus(401);
	}

	/** The password check: 200 for the right password, 401 for any other. */
	private static FilterChain checking(String right) {
		return (request, response) -> {
			String header = ((MockHttpServletRequest) request).getHeader("Authorization");
			String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
			((HttpServletResponse) response).setStatus(pair.endsWith(":" + right) ? 200 : 401);
		};
	}

	/** A clock at the instant the test sets. */
	private static final class MovableClock extends Clock {

		private final AtomicLong millis;

		MovableClock(AtomicLong millis) {
			this.millis = millis;
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.fixed(instant(), zone);
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.millis.get());
		}

	}

}
