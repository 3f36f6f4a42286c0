package org.safetystats.publish;

import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.admin.AdminService;
import org.safetystats.publish.PendingApprovals;
import org.safetystats.startup.ApplicationContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code approve ID --reason TEXT} and {@code refuse ID --reason TEXT}: decide on a
 * correction of a published period held as PENDING_APPROVAL
 * ({@code safetystats.corrections.require-approval}).
 */
public final class ApprovalCommands {

	private ApprovalCommands() {
	}

	abstract static class Decision implements Callable<Integer> {

		@Parameters(paramLabel = "SUBMISSION_ID", description = "A PENDING_APPROVAL submission (ops.submissions)")
		private long submissionId;

		@Option(names = "--reason", required = true, description = "Why, for the record")
		private String reason;

		abstract PendingApprovals.Held decide(PublicationAdmin admin, long id, AdminService.Request request)
				throws Exception;

		abstract String verb();

		@Override
		public Integer call() throws Exception {
			try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
				PendingApprovals.Held held = decide(context.getBean(PublicationAdmin.class), this.submissionId,
						AdminService.Request.byCurrentUser(this.reason));
				System.out.printf("submission %d (%s %s) %s%n", held.submissionId(), held.unitCode(), held.period(),
						verb());
				return 0;
			}
		}

	}

	@Command(name = "approve", mixinStandardHelpOptions = true,
			description = "Approve a correction held for approval: it becomes the current version of its month "
					+ "(the next warehouse build takes it in).")
	public static class Approve extends Decision {

		@Override
		PendingApprovals.Held decide(PublicationAdmin admin, long id, AdminService.Request request) throws Exception {
			return admin.approve(id, request);
		}

		@Override
		String verb() {
			return "approved: LOADED";
		}

	}

	@Command(name = "refuse", mixinStandardHelpOptions = true,
			description = "Refuse a correction held for approval: it stays on record as REFUSED and never counts.")
	public static class Refuse extends Decision {

		@Override
		PendingApprovals.Held decide(PublicationAdmin admin, long id, AdminService.Request request) throws Exception {
			return admin.refuse(id, request);
		}

		@Override
		String verb() {
			return "refused: REFUSED";
		}

	}

}
