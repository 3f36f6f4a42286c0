package org.safetystats.validate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What a submission's bytes are, told by their first bytes rather than by the file's
 * name: a workbook renamed {@code .csv}, or an {@code .xls} renamed {@code .xlsx}, still
 * gets the finding that says what it really is.
 */
enum SubmissionFormat {

	/** Text: read as CSV. */
	CSV,

	/** A zip archive: read as an Office Open XML workbook ({@code .xlsx}). */
	WORKBOOK,

	/**
	 * An OLE2 compound file: an Excel 97-2003 workbook, or an encrypted (password
	 * protected) {@code .xlsx}.
	 */
	LEGACY_WORKBOOK;

	private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1 };

	/**
	 * A read buffer fit to the content: 64 KiB for a large file, less for a small one (a
	 * ward's file is a few KiB, and its buffers were most of the cost of reading it).
	 */
	static int bufferSize(InputStream content) throws IOException {
		return Math.max(8 * 1024, Math.min(64 * 1024, content.available() + 1));
	}

	/** Peeks at the stream's first bytes, leaving it where it was. */
	static SubmissionFormat of(BufferedInputStream in) throws IOException {
		in.mark(OLE2.length);
		byte[] head = in.readNBytes(OLE2.length);
		in.reset();
		if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)
				&& (head[3] == 4 || head[3] == 6)) {
			return WORKBOOK;
		}
		return Arrays.equals(head, OLE2) ? LEGACY_WORKBOOK : CSV;
	}

}
