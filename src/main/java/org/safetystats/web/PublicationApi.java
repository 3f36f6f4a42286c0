package org.safetystats.web;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.safetystats.admin.AdminService;
import org.safetystats.publish.PendingApprovals;
import org.safetystats.publish.Publication;
import org.safetystats.publish.PublicationAdmin;
import org.safetystats.system.ReportingTime;
import org.safetystats.system.SafetystatsProperties;

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

	private final ReportingTime time;

	PublicationApi(PublicationAdmin admin, SafetystatsProperties properties) {
		this.admin = admin;
		this.time = new ReportingTime(properties.zone());
	}

	/**
	 * A publication as the API gives it: {@link Publication} with its time in the
	 * reporting time zone and offset (ISO 8601: {@code 2026-12-07T19:27:20.123+07:00}).
	 */
	record Published(long id, String unitCode, int year, OffsetDateTime publishedAt, String publishedBy, String reason,
			int figures) {

		static Published of(Publication p, ReportingTime time) {
			return new Published(p.id(), p.unitCode(), p.year(), time.offset(p.publishedAt()), p.publishedBy(),
					p.reason(), p.figures());
		}

	}

	record PublishRequest(int year, String unit, String reason) {
	}

	record Decision(@Nullable String reason) {
	}

	@GetMapping("/publications")
	List<Published> publications() {
		return this.admin.publications().stream().map((p) -> Published.of(p, this.time)).toList();
	}

	@PostMapping("/publications")
	@ResponseStatus(HttpStatus.CREATED)
	Published publish(@RequestBody PublishRequest body, Principal user) throws Exception {
		return Published.of(
				this.admin.publish(body.year(), body.unit(), new AdminService.Request(user.getName(), body.reason())),
				this.time);
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
