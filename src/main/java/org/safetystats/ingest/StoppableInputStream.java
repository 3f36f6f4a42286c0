package org.safetystats.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.safetystats.batch.StopSignal;

/**
 * A file's bytes that end in {@link StopRequested} once a stop is asked: reading and
 * checking a large file (or a huge sparse one) is the longest loop of the ingest step,
 * and it must not outlast a {@code stop} or a SIGTERM.
 */
final class StoppableInputStream extends FilterInputStream {

	private final StopSignal stop;

	private final String fileName;

	StoppableInputStream(InputStream in, StopSignal stop, String fileName) {
		super(in);
		this.stop = stop;
		this.fileName = fileName;
	}

	@Override
	public int read() throws IOException {
		checkStop();
		return super.read();
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		checkStop();
		return super.read(b, off, len);
	}

	@Override
	public long skip(long n) throws IOException {
		checkStop();
		return super.skip(n);
	}

	private void checkStop() throws StopRequested {
		if (this.stop.requested()) {
			throw new StopRequested("reading " + this.fileName);
		}
	}

}
