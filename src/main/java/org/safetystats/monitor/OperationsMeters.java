package org.safetystats.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The gauges an IT team scrapes from {@code /actuator/prometheus} (docs/operations.md,
 * "Metrics and alerts"), each read when scraped: files by outcome, the last nightly run,
 * the inbox, the pipeline lock, the unit-months owed and missing for this month and the
 * last. The counters of rows and Batch's timers come from the jobs themselves. Only
 * {@code serve} (a web application) has them: a one-shot command is never scraped.
 */
@Component
@ConditionalOnWebApplication
class OperationsMeters implements MeterBinder {

	/** The outcomes of {@code ops.submission.status}, as the tag {@code outcome}. */
	private static final List<String> OUTCOMES = List.of("LOADED", "REJECTED", "DUPLICATE", "SUPERSEDED",
			"PENDING_APPROVAL", "REFUSED");

	private final PipelineState state;

	private final InboxState inbox;

	OperationsMeters(PipelineState state, InboxState inbox) {
		this.state = state;
		this.inbox = inbox;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String outcome : OUTCOMES) {
			gauge("safetystats.files", "files",
					(state) -> state.filesByStatus().getOrDefault(outcome, 0L).doubleValue())
				.description("Files registered, by outcome (ops.submission.status)")
				.tag("outcome", outcome.toLowerCase(Locale.ROOT))
				.register(registry);
		}
		gauge("safetystats.nightly.last.success.age", "seconds",
				(state) -> state.lastSuccessfulNightly()
					.map((run) -> seconds(state.since(run.endedAt())))
					.orElse(Double.NaN))
			.description("Time since the last nightly run that completed ended (NaN: none yet)")
			.register(registry);
		gauge("safetystats.nightly.last.failed", null,
				(state) -> state.lastNightly().map((run) -> "COMPLETED".equals(run.status()) ? 0.0 : 1.0).orElse(0.0))
			.description("1 when the last nightly run that ended did not complete (FAILED, STOPPED, ABANDONED)")
			.register(registry);
		Gauge.builder("safetystats.inbox.files", this.inbox, (inbox) -> waiting(inbox).files())
			.baseUnit("files")
			.description("Files waiting in the inbox for the next ingest")
			.register(registry);
		Gauge
			.builder("safetystats.inbox.oldest.age", this.inbox,
					(inbox) -> waiting(inbox).oldest().map((at) -> seconds(this.state.since(at))).orElse(0.0))
			.baseUnit("seconds")
			.description("Age of the oldest file waiting in the inbox (0: none waits)")
			.register(registry);
		gauge("safetystats.pipeline.lock.held", null, (state) -> state.lock().isPresent() ? 1.0 : 0.0)
			.description("1 while a pipeline run holds the pipeline lock")
			.register(registry);
		gauge("safetystats.pipeline.lock.age", "seconds",
				(state) -> state.lock().map((lock) -> seconds(state.since(lock.acquiredAt()))).orElse(0.0))
			.description("How long the pipeline lock has been held (0: free)")
			.register(registry);
		gauge("safetystats.pipeline.lock.holder", null,
				(state) -> state.lock().map((lock) -> (double) lock.pid()).orElse(0.0))
			.description("The PostgreSQL backend pid of the session holding the pipeline lock (0: free)")
			.register(registry);
		unitMonths(registry, "current", (months) -> months.get(0));
		unitMonths(registry, "last", (months) -> months.get(1));
	}

	private void unitMonths(MeterRegistry registry, String month, Function<List<YearMonth>, YearMonth> which) {
		gauge("safetystats.unit.months.owed", null,
				(state) -> state.unitMonths(which.apply(state.currentAndLastMonth())).owed())
			.description("Ward-months owed for the month (warehouse.completeness as last refreshed)")
			.tag("month", month)
			.register(registry);
		gauge("safetystats.unit.months.missing", null,
				(state) -> state.unitMonths(which.apply(state.currentAndLastMonth())).missing())
			.description("Ward-months of the month with no accepted report (missing, rejected or not yet due)")
			.tag("month", month)
			.register(registry);
		gauge("safetystats.unit.months.due.timestamp", "seconds",
				(state) -> state.unitMonths(which.apply(state.currentAndLastMonth())).dueAt().getEpochSecond())
			.description("When the month's reports are due (the end of the due day), in seconds since the epoch")
			.tag("month", month)
			.register(registry);
	}

	private Gauge.Builder<PipelineState> gauge(String name, @Nullable String unit,
			ToDoubleFunction<PipelineState> value) {
		Gauge.Builder<PipelineState> builder = Gauge.builder(name, this.state, value);
		return (unit != null) ? builder.baseUnit(unit) : builder;
	}

	private static InboxState.Waiting waiting(InboxState inbox) {
		try {
			return inbox.waiting();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

}
