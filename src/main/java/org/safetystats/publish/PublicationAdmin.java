package org.safetystats.publish;

import java.util.List;

import org.safetystats.admin.AdminService;
import org.safetystats.publish.PendingApprovals;
import org.safetystats.publish.Publication;
import org.safetystats.publish.Publications;
import org.safetystats.system.UserFacingException;

import org.springframework.stereotype.Service;

/**
 * Admins publish a unit's year and decide on corrections held for approval, through the
 * same door as every other admin action: one at a time with pipeline jobs (the pipeline
 * lock), each request in {@code ops.admin_action}.
 */
@Service
public class PublicationAdmin {

	private final AdminService admin;

	private final Publications publications;

	private final PendingApprovals approvals;

	PublicationAdmin(AdminService admin, Publications publications, PendingApprovals approvals) {
		this.admin = admin;
		this.publications = publications;
		this.approvals = approvals;
	}

	/** Freezes the figures of the unit and the units under it for the year. */
	public Publication publish(int year, String unit, AdminService.Request request) throws Exception {
		requireReason("A publication", request);
		return this.admin.underLockNow("publish", "year=" + year + " unit=" + unit, request,
				() -> this.publications.publish(unit, year, request.requestedBy(), request.reason()));
	}

	/** Every publication, latest first. */
	public List<Publication> publications() {
		return this.publications.all();
	}

	/** Approves a held correction: it becomes the current version of its unit-month. */
	public PendingApprovals.Held approve(long submissionId, AdminService.Request request) throws Exception {
		requireReason("An approval", request);
		return this.admin.underLockNow("approve", "submission " + submissionId, request,
				() -> this.approvals.approve(submissionId));
	}

	/** Refuses a held correction: it never counts. */
	public PendingApprovals.Held refuse(long submissionId, AdminService.Request request) throws Exception {
		requireReason("A refusal", request);
		return this.admin.underLockNow("refuse", "submission " + submissionId, request,
				() -> this.approvals.refuse(submissionId));
	}

	private static void requireReason(String what, AdminService.Request request) {
		if (request.reason() == null || request.reason().isBlank()) {
			throw new UserFacingException(what + " needs a reason (--reason)");
		}
	}

}
