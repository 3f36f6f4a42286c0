package org.safetystats.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.admin.AdminService;
import org.safetystats.admin.AlreadyRunningException;
import org.springframework.batch.core.job.JobExecution;

/**
 * What a fired trigger does: hands its Spring Batch job to the {@link AdminService}, the
 * same door admins use, and waits for it. If pipeline work is already running (an admin's
 * rerun, another instance), this firing is skipped with a log line naming the running
 * execution.
 */
@DisallowConcurrentExecution
public class PipelineQuartzJob implements Job {

	private static final Logger logger = LoggerFactory.getLogger(PipelineQuartzJob.class);

	private final AdminService admin;

	public PipelineQuartzJob(AdminService admin) {
		this.admin = admin;
	}

	@Override
	public void execute(JobExecutionContext context) throws JobExecutionException {
		String schedule = context.getJobDetail().getKey().getName();
		JobDataMap data = context.getMergedJobDataMap();
		String job = data.getString(ScheduleReconciler.JOB);
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String key : data.getKeys()) {
			if (key.startsWith(ScheduleReconciler.PARAMETERS_PREFIX)) {
				parameters.put(key.substring(ScheduleReconciler.PARAMETERS_PREFIX.length()), data.getString(key));
			}
		}
		try {
			JobExecution started = this.admin.start(job, parameters, new AdminService.Request("scheduler:" + schedule,
					"scheduled, fire time " + context.getScheduledFireTime()));
			JobExecution ended = this.admin.await(started, (progress) -> {
			});
			logger.info("Schedule {}: {} execution {} ended {}", schedule, job, ended.getId(), ended.getStatus());
		}
		catch (AlreadyRunningException ex) {
			logger.info("Schedule {}: skipped, {}", schedule, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JobExecutionException(ex);
		}
		catch (Exception ex) {
			logger.error("Schedule {}: {} could not run: {}", schedule, job, ex.toString());
			throw new JobExecutionException(ex);
		}
	}

}
