package org.safetystats.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.safetystats.ApiUsers;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Calls the HTTP API of a test server as a user ({@code name:password}, or null for
 * nobody).
 */
final class ApiClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	ApiClient(int port) {
		this.port = port;
	}

	/**
	 * The users the API suites log in as: admin:admin-secret and viewer:viewer-secret.
	 */
	static void users(DynamicPropertyRegistry registry) {
		ApiUsers.register(registry);
	}

	HttpResponse<String> get(String path, String credentials) throws Exception {
		return this.http.send(request(path, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String credentials, String json) throws Exception {
		return this.http.send(request(path, credentials).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A POST with any content type (none when null), as a page of another site sends. */
	HttpResponse<String> post(String path, String credentials, String contentType, String body) throws Exception {
		HttpRequest.Builder request = request(path, credentials);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String credentials) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (credentials != null) {
			builder.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return builder;
	}

}
