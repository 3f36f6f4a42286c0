package org.safetystats.reference;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.safetystats.system.SafetystatsProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Brings the {@code ref} schema in line with the bundled national lists (for the
 * provinces {@code safetystats.reference.provinces} names) and the catalogues in
 * {@code config/} (units.csv, villages.csv, indicators.csv, lineage.csv), and takes the
 * in-memory {@link ReferenceCatalog} that validation uses. The files are read and checked
 * first ({@link CatalogueFiles}, {@link CatalogueAssembly}, {@link IndicatorRow}), then
 * merged ({@link ReferenceTables}).
 */
@Component
public class ReferenceCatalogLoader {

	private static final Logger logger = LoggerFactory.getLogger(ReferenceCatalogLoader.class);

	private final ReferenceTables tables;

	private final CatalogueFiles files;

	private final List<String> provinces;

	private volatile @Nullable Snapshot last;

	ReferenceCatalogLoader(ReferenceTables tables, SafetystatsProperties properties, ReferenceProperties reference) {
		this.tables = tables;
		this.files = new CatalogueFiles(properties.configDir());
		this.provinces = reference.provinces();
	}

	/**
	 * Loads the bundle and config/ into {@code ref} in one transaction and returns the
	 * resulting catalogue; when the files and the provinces chosen are those loaded last
	 * time, the merge is skipped.
	 */
	@Transactional
	public ReferenceCatalog load() {
		sync();
		return snapshot();
	}

	/**
	 * As {@link #load()}, without reading the catalogue back: for a caller that only
	 * brings {@code ref} up to date (the ingest job's first step), the read of every unit
	 * and village is the larger part of an unchanged catalogue's check.
	 */
	@Transactional
	public void sync() {
		merge(true);
	}

	/**
	 * Merges the files into {@code ref} unless they are those loaded last; says so in the
	 * log when {@code report} (a dry run's merge is rolled back and says nothing: a line
	 * "loaded" before its findings would tell a clerk something that did not happen).
	 */
	private void merge(boolean report) {
		String fingerprint = this.files.fingerprint(this.provinces);
		if (fingerprint.equals(loadedFingerprint())) {
			if (report) {
				logger.info("Reference catalogues unchanged since the last load");
			}
			return;
		}
		CatalogueAssembly catalogue = new CatalogueAssembly(new NationalReference(this.provinces),
				this.files.units("units.csv"), this.files.units("villages.csv"), this.files.lineage(),
				(record, reason) -> this.files.error(CatalogueFiles.LINEAGE, record, "from_code/to_code", reason),
				this.files::parentError);
		List<IndicatorRow> indicators = IndicatorRow.read(this.files, this.tables.measures());
		ReferenceTables.Merged merged = this.tables.merge(catalogue, indicators, fingerprint);
		if (report) {
			logger.info(
					"Reference catalogues loaded (provinces {} and config/): {} unit versions ({} added or changed, {} "
							+ "removed), {} lineage edges, {} indicators",
					this.provinces, catalogue.units.size(), merged.unitsChanged(), merged.unitsRemoved(),
					catalogue.lineage.size(), indicators.size());
		}
	}

	/**
	 * The catalogue {@code config/} and the provinces chosen give now, for a dry run
	 * ({@code validate}): what {@code ref} holds when it is up to date, read only;
	 * otherwise the files merged and read back in a transaction that is rolled back, so
	 * that nothing of {@code ref} changes (loading is the pipeline's, under its lock).
	 */
	@Transactional
	public ReferenceCatalog preview() {
		if (upToDate()) {
			return snapshot();
		}
		TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		merge(false);
		return this.tables.snapshot();
	}

	/**
	 * Whether {@code ref} holds the catalogues {@code config/} and the provinces chosen
	 * give now, so that {@link #sync()} would change nothing.
	 */
	public boolean upToDate() {
		return this.files.fingerprint(this.provinces).equals(loadedFingerprint());
	}

	/**
	 * Fingerprint of the catalogues last loaded into {@code ref} (empty before the first
	 * load): what the warehouse build and the completeness refresh compare to know
	 * whether the catalogues changed under them.
	 */
	public String loadedFingerprint() {
		return this.tables.loadedFingerprint();
	}

	/**
	 * The catalogue as the database holds it now. It is read again only when another
	 * catalogue was loaded since the last read (the fingerprint of {@code ref} changed):
	 * a process that runs many jobs (the scheduler, the console, a resubmission a few
	 * minutes after the last) reads a national catalogue once, not once per run.
	 */
	public ReferenceCatalog snapshot() {
		// fingerprint first: a load committed between the two reads leaves an entry that
		// the next call no longer matches
		String fingerprint = loadedFingerprint();
		Snapshot cached = this.last;
		if (cached != null && !fingerprint.isEmpty() && cached.fingerprint().equals(fingerprint)) {
			return cached.catalogue();
		}
		ReferenceCatalog catalogue = this.tables.snapshot();
		this.last = new Snapshot(fingerprint, catalogue);
		return catalogue;
	}

	/** The catalogue last read, with the fingerprint {@code ref} had before the read. */
	private record Snapshot(String fingerprint, ReferenceCatalog catalogue) {

	}

}
