package org.safetystats.validate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are well-formed UTF-8, counting lines as
 * it goes, so that a file saved in Windows-1258, TCVN3 or VNI is refused with the exact
 * line of its first foreign byte (a decoder reads ahead and could only say roughly
 * where).
 */
final class Utf8CheckingInputStream extends FilterInputStream {

	/** Thrown at the first byte that is not UTF-8. */
	static final class NotUtf8Exception extends IOException {

		private final long line;

		NotUtf8Exception(long line, long offset, int value) {
			super(String.format("byte 0x%02X at offset %d (line %d) is not UTF-8", value, offset, line));
			this.line = line;
		}

		long line() {
			return this.line;
		}

	}

	private long line = 1;

	private long offset;

	private int continuations;

	Utf8CheckingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			check(b);
		}
		else {
			checkEnd();
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int off, int len) throws IOException {
		int n = super.read(buffer, off, len);
		if (n < 0) {
			checkEnd();
		}
		for (int i = 0; i < n; i++) {
			check(buffer[off + i] & 0xFF);
		}
		return n;
	}

	private void check(int b) throws NotUtf8Exception {
		if (this.continuations > 0) {
			if ((b & 0xC0) != 0x80) {
				throw new NotUtf8Exception(this.line, this.offset, b);
			}
			this.continuations--;
		}
		else if (b >= 0x80) {
			this.continuations = expectedContinuations(b);
			if (this.continuations == 0) {
				throw new NotUtf8Exception(this.line, this.offset, b);
			}
		}
		else if (b == '\n') {
			this.line++;
		}
		this.offset++;
	}

	private void checkEnd() throws NotUtf8Exception {
		if (this.continuations > 0) {
			throw new NotUtf8Exception(this.line, this.offset, 0);
		}
	}

	private static int expectedContinuations(int lead) {
		if (lead >= 0xC2 && lead <= 0xDF) {
			return 1;
		}
		if (lead >= 0xE0 && lead <= 0xEF) {
			return 2;
		}
		if (lead >= 0xF0 && lead <= 0xF4) {
			return 3;
		}
		return 0;
	}

}
