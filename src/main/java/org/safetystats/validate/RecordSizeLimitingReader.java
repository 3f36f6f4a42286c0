package org.safetystats.validate;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a CSV record longer than a limit before the parser buffers it: a hostile or
 * broken file (a 2 GB line, an unclosed quote swallowing the rest of the file) would
 * otherwise be held in memory whole. It follows RFC 4180 quoting to know where records
 * end, whatever the delimiter.
 */
final class RecordSizeLimitingReader extends FilterReader {

	/** Thrown when a record passes the limit. */
	static final class RecordTooLongException extends IOException {

		RecordTooLongException(long limit) {
			super(String.format("a record is longer than %,d characters (an unclosed quote, or a huge field)", limit));
		}

	}

	private final long limit;

	private long length;

	private boolean quoted;

	RecordSizeLimitingReader(Reader in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int c = super.read();
		if (c >= 0) {
			count((char) c);
		}
		return c;
	}

	@Override
	public int read(char[] buffer, int off, int len) throws IOException {
		int n = super.read(buffer, off, len);
		for (int i = 0; i < n; i++) {
			count(buffer[off + i]);
		}
		return n;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void count(char c) throws RecordTooLongException {
		if (c == '"') {
			this.quoted = !this.quoted;
		}
		else if (c == '\n' && !this.quoted) {
			this.length = 0;
			return;
		}
		if (++this.length > this.limit) {
			throw new RecordTooLongException(this.limit);
		}
	}

}
