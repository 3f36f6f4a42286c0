package org.safetystats.admin;

import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.ingest.PendingApprovals;
import org.safetystats.publish.Publication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publications and held corrections over HTTP, beside {@link AdminApi}: publishing and
 * deciding need the ADMIN role, listing the VIEWER role; 409 while pipeline work runs.
 */
@RestController
@RequestMapping("/api")
class PublicationApi {

	private final PublicationAdmin admin;

	PublicationApi(PublicationAdmin admin) {
		this.admin = admin;
	}

	record PublishRequest(int year, String unit, String reason) {
	}

	record Decision(@Nullable String reason) {
	}

	@GetMapping("/publications")
	List<Publication> publications() {
		return this.admin.publications();
	}

	@PostMapping("/publications")
	@ResponseStatus(HttpStatus.CREATED)
	Publication publish(@RequestBody PublishRequest body, Principal user) throws Exception {
		return this.admin.publish(body.year(), body.unit(), new AdminService.Request(user.getName(), body.reason()));
	}

	@PostMapping("/submissions/{id}/approve")
	PendingApprovals.Held approve(@PathVariable long id, @RequestBody(required = false) @Nullable Decision body,
			Principal user) throws Exception {
		return this.admin.approve(id, request(user, body));
	}

	@PostMapping("/submissions/{id}/refuse")
	PendingApprovals.Held refuse(@PathVariable long id, @RequestBody(required = false) @Nullable Decision body,
			Principal user) throws Exception {
		return this.admin.refuse(id, request(user, body));
	}

	private static AdminService.Request request(Principal user, @Nullable Decision body) {
		return new AdminService.Request(user.getName(), (body != null) ? body.reason() : null);
	}

}
