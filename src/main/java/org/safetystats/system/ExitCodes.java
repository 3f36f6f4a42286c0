package org.safetystats.system;

/**
 * The exit codes of every command, as the README lists them: 0 done, 2 a wrong argument
 * (picocli's usage error), and these two.
 */
public final class ExitCodes {

	/** The work failed or refused (a rejected file, a failed run, no data). */
	public static final int FAILED = 1;

	/** A setting or the database cannot be used as given. */
	public static final int UNUSABLE_SETTING = 3;

	private ExitCodes() {
	}

}
