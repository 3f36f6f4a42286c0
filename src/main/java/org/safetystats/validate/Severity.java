package org.safetystats.validate;

/**
 * How much a finding weighs: an error rejects the whole submission, a warning lets it
 * load and flags it for follow-up.
 */
public enum Severity {

	ERROR, WARNING

}
