package org.safetystats.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's session with the console over plain HTTP (cookies, no redirects followed):
 * signs in through the login form and sends forms with the CSRF token of the page they
 * came from; or calls the JSON API with Basic credentials.
 */
final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final int port;

	ConsoleSession(int port) {
		this.port = port;
	}

	/** Signs in; returns the answer to the login form (a redirect). */
	HttpResponse<String> login(String user, String password) throws Exception {
		return postForm("/login", "/login", Map.of("username", user, "password", password));
	}

	HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A download: the answer's bytes. */
	HttpResponse<byte[]> getBytes(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Posts a form with the CSRF token of the page {@code from}. */
	HttpResponse<String> postForm(String from, String path, Map<String, String> fields) throws Exception {
		Map<String, String> all = new java.util.LinkedHashMap<>(fields);
		all.put("_csrf", csrf(from));
		return postFormWithoutToken(path, all);
	}

	HttpResponse<String> postFormWithoutToken(String path, Map<String, String> fields) throws Exception {
		String body = fields.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Posts a file as {@code multipart/form-data}, with a CSRF token unless Basic
	 * credentials are given.
	 */
	HttpResponse<String> postFile(String path, Map<String, String> fields, String fileName, byte[] content,
			String basic) throws Exception {
		String boundary = UUID.randomUUID().toString();
		StringBuilder head = new StringBuilder();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			head.append("--")
				.append(boundary)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(field.getKey())
				.append("\"\r\n\r\n")
				.append(field.getValue())
				.append("\r\n");
		}
		head.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName)
			.append("\"\r\nContent-Type: text/csv\r\n\r\n");
		byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + content.length + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		System.arraycopy(content, 0, body, start.length, content.length);
		System.arraycopy(end, 0, body, start.length + content.length, end.length);
		HttpRequest.Builder request = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary);
		if (basic != null) {
			// the API takes an upload only with this header, which a page of another
			// origin cannot send
			request.header("X-Requested-With", "safetystats-tests");
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A JSON API call with Basic credentials ({@code name:password}). */
	HttpResponse<String> api(String path, String basic) throws Exception {
		return this.http.send(request(path)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	String csrf(String page) throws Exception {
		HttpResponse<String> response = get(page);
		Matcher token = CSRF.matcher(response.body());
		assertThat(token.find()).as("a CSRF token on " + page + " (" + response.statusCode() + ")").isTrue();
		return token.group(1);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

}
