package org.safetystats.validate;

/**
 * Receives the rows of a submission as they pass validation. Once the submission has an
 * error it can no longer load, so the validator calls {@link #abandon()} once and sends
 * no more rows, while it goes on collecting findings.
 */
public interface ValueSink {

	/** A sink that keeps nothing: for dry runs. */
	ValueSink DISCARD = new ValueSink() {

		@Override
		public void accept(AcceptedValue value) {
		}

		@Override
		public void abandon() {
		}

	};

	void accept(AcceptedValue value);

	void abandon();

}
