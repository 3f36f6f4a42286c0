package org.safetystats.bench;

/**
 * The options of a benchmark run.
 *
 * @param historyMonths months loaded in SQL before the measured ones
 * @param villages villages per commune
 * @param runs runs per measure (the median is reported)
 * @param files the number of commune files of the per-file measure (the national month is
 * measured too)
 * @param largeFileMb size of the large file (0 skips it)
 */
record BenchOptions(int historyMonths, int villages, int runs, int files, int largeFileMb) {

}
