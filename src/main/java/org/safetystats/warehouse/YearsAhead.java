package org.safetystats.warehouse;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The build step's years, two at a time on a machine's two cores: while the step builds a
 * year in its own transaction, the next whole year is built ahead on a thread of its own,
 * into its fresh tables, indexed, and committed beside the live ones (never attached), so
 * that when the step comes to it, only the swap remains ({@link YearSwap#attach}), in the
 * step's transaction as always. Building it takes no lock on a live table
 * ({@link FreshTables#create}), so the step's swap of its own year never waits for the
 * year ahead; a failure rolls it back whole. A year built ahead is only a shortcut: when
 * it failed, or the step resumes in another execution or process, the step builds the
 * year itself (its fresh tables are created again); tables a stopped step left committed
 * beside the live ones are dropped when the next build starts.
 */
@Component
class YearsAhead {

	private static final Logger logger = LoggerFactory.getLogger(YearsAhead.class);

	private final ExecutorService worker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "warehouse-ahead");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<Key, Future<Long>> building = new ConcurrentHashMap<>();

	private final WarehouseSliceBuilder builder;

	private final YearSwap yearSwap;

	private final FreshTables freshTables;

	private final TransactionTemplate transactions;

	/** A year built ahead for one execution of the job. */
	private record Key(long execution, int year) {

	}

	YearsAhead(WarehouseSliceBuilder builder, YearSwap yearSwap, FreshTables freshTables,
			PlatformTransactionManager transactionManager) {
		this.builder = builder;
		this.yearSwap = yearSwap;
		this.freshTables = freshTables;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Builds slice {@code index} of the plan in the caller's transaction (the year built
	 * ahead is swapped in, if it is); starts the next one ahead when both are whole
	 * years; returns the facts written.
	 */
	long build(long execution, List<Map.Entry<Integer, List<String>>> slices, int index) throws Exception {
		if (index == 0) {
			this.worker
				.submit(() -> this.transactions.executeWithoutResult((status) -> this.freshTables.dropLeftovers()))
				.get();
		}
		int year = slices.get(index).getKey();
		OptionalLong ahead = take(execution, year);
		if (ahead.isPresent()) {
			this.yearSwap.attach(year);
			logger.info("Warehouse {} (every commune) built ahead and swapped in: {} facts", year, ahead.getAsLong());
			return ahead.getAsLong();
		}
		if (index + 1 < slices.size() && WarehouseSliceBuilder.wholeYear(year, slices.get(index).getValue())
				&& WarehouseSliceBuilder.wholeYear(slices.get(index + 1).getKey(), slices.get(index + 1).getValue())) {
			start(execution, slices.get(index + 1).getKey());
		}
		return this.builder.build(year, slices.get(index).getValue());
	}

	private void start(long execution, int year) {
		this.building.keySet().removeIf((key) -> key.execution() != execution);
		this.building.computeIfAbsent(new Key(execution, year), (key) -> this.worker.submit(() -> buildAhead(year)));
	}

	private long buildAhead(int year) {
		long started = System.nanoTime();
		Long facts = this.transactions.execute((status) -> {
			long written = this.builder.fill(year, List.of(), this.freshTables.create(year), true);
			this.yearSwap.index(year);
			return written;
		});
		logger.info("Warehouse {} (every commune) built ahead: {} facts in {} ms", year, facts,
				(System.nanoTime() - started) / 1_000_000);
		return (facts != null) ? facts : 0;
	}

	/**
	 * The facts of the year built ahead for this execution, once it is built; empty when
	 * none was, or it failed (the step then builds it).
	 */
	private OptionalLong take(long execution, int year) throws InterruptedException {
		Future<Long> future = this.building.remove(new Key(execution, year));
		if (future == null) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(future.get());
		}
		catch (ExecutionException ex) {
			logger.warn("Warehouse {}: building it ahead failed ({}); it is built now", year,
					ex.getCause().getMessage());
			return OptionalLong.empty();
		}
	}

	@PreDestroy
	void stop() {
		this.worker.shutdownNow();
	}

}
