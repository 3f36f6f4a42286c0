package org.safetystats.warehouse;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * The build step's whole years, two at a time on a machine's two cores. While the step
 * builds a year in its own transaction, a thread of its own builds the later whole years
 * ahead, one after the other: each into its fresh tables, filled, analysed, indexed and
 * committed beside the live ones (never attached; in a schema analysts cannot use, so
 * that no reader holds them up), so that when the step comes to it only the swap remains
 * ({@link YearSwap#attach}), in the step's transaction as always. A step that finds its
 * year still being built ahead builds the next unclaimed later year ahead itself
 * meanwhile, rather than wait. Building ahead takes no lock on a live table
 * ({@link FreshTables#create}), so the step's swap of its own year never waits for a year
 * ahead; a failure rolls it back whole. A year built ahead is only a shortcut: when it
 * failed, or the step resumes in another execution or process, the step builds the year
 * itself (its fresh tables are created again); tables a stopped step left committed
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

	/** Years claimed for building ahead, by execution, and their facts once built. */
	private final Map<Key, CompletableFuture<Long>> claimed = new ConcurrentHashMap<>();

	private final WarehouseSliceBuilder builder;

	private final YearSwap yearSwap;

	private final FreshTables freshTables;

	private final TransactionTemplate ownTransaction;

	/** A year of one execution of the job. */
	private record Key(long execution, int year) {

	}

	YearsAhead(WarehouseSliceBuilder builder, YearSwap yearSwap, FreshTables freshTables,
			PlatformTransactionManager transactionManager) {
		this.builder = builder;
		this.yearSwap = yearSwap;
		this.freshTables = freshTables;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Builds slice {@code index} of the plan in the caller's transaction (a year built
	 * ahead is swapped in, if it is); sets the later whole years building ahead when the
	 * slice is a whole year; returns the facts written.
	 */
	long build(long execution, LocalDate asOf, List<Map.Entry<Integer, List<String>>> slices, int index)
			throws Exception {
		if (index == 0) {
			this.claimed.keySet().removeIf((key) -> key.execution() != execution);
			this.worker
				.submit(() -> this.ownTransaction.executeWithoutResult((status) -> this.freshTables.dropLeftovers()))
				.get();
		}
		int year = slices.get(index).getKey();
		List<String> communes = slices.get(index).getValue();
		List<Integer> later = slices.subList(index + 1, slices.size())
			.stream()
			.filter((slice) -> WarehouseSliceBuilder.wholeYear(slice.getKey(), slice.getValue()))
			.map(Map.Entry::getKey)
			.toList();
		CompletableFuture<Long> ahead = this.claimed.get(new Key(execution, year));
		if (ahead == null) {
			if (WarehouseSliceBuilder.wholeYear(year, communes) && !later.isEmpty()) {
				this.worker.submit(() -> buildLater(execution, asOf, later));
			}
			return this.builder.build(year, communes, asOf);
		}
		while (!ahead.isDone() && buildNext(execution, asOf, later)) {
			// this thread would only wait: it builds a later year ahead meanwhile
		}
		OptionalLong facts = facts(year, ahead);
		if (facts.isEmpty()) {
			return this.builder.build(year, communes, asOf);
		}
		this.yearSwap.attach(year);
		logger.info("Warehouse {} (every commune) built ahead and swapped in: {} facts", year, facts.getAsLong());
		return facts.getAsLong();
	}

	private void buildLater(long execution, LocalDate asOf, List<Integer> years) {
		while (buildNext(execution, asOf, years)) {
			// one year after the other, until every later year is claimed
		}
	}

	/**
	 * Claims the first later year nobody claimed and builds it ahead, in a transaction of
	 * its own; false when every one is claimed.
	 */
	private boolean buildNext(long execution, LocalDate asOf, List<Integer> years) {
		for (int year : years) {
			CompletableFuture<Long> claim = new CompletableFuture<>();
			if (this.claimed.putIfAbsent(new Key(execution, year), claim) == null) {
				buildAhead(year, asOf, claim);
				return true;
			}
		}
		return false;
	}

	private void buildAhead(int year, LocalDate asOf, CompletableFuture<Long> claim) {
		long started = System.nanoTime();
		try {
			Long facts = this.ownTransaction.execute((status) -> {
				long written = this.builder.fill(year, List.of(), this.freshTables.create(year), true, asOf);
				this.yearSwap.index(year);
				return written;
			});
			logger.info("Warehouse {} (every commune) built ahead: {} facts in {} ms", year, facts,
					(System.nanoTime() - started) / 1_000_000);
			claim.complete((facts != null) ? facts : 0L);
		}
		catch (RuntimeException ex) {
			claim.completeExceptionally(ex);
		}
	}

	/** The facts of the year built ahead, once built; empty when it failed. */
	private static OptionalLong facts(int year, CompletableFuture<Long> ahead) throws InterruptedException {
		try {
			return OptionalLong.of(ahead.get());
		}
		catch (ExecutionException ex) {
			@Nullable Throwable cause = ex.getCause();
			logger.warn("Warehouse {}: building it ahead failed ({}); it is built now", year,
					(cause != null) ? cause.getMessage() : ex.getMessage());
			return OptionalLong.empty();
		}
	}

	@PreDestroy
	void stop() {
		this.worker.shutdownNow();
	}

}
