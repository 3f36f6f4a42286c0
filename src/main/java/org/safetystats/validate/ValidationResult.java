package org.safetystats.validate;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one file.
 *
 * @param name unit and month from the file name, {@code null} when the name is unusable
 * @param rows data rows read (header and blank lines excluded)
 * @param findings everything found
 */
public record ValidationResult(@Nullable SubmissionFileName name, long rows, Findings findings) {

	public boolean loadable() {
		return !this.findings.hasErrors();
	}

}
