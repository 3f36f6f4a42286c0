package org.safetystats.validate;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Opens a submission as a stream of CSV records: strips a UTF-8 byte order mark, refuses
 * UTF-16, decodes UTF-8 strictly (so a legacy Vietnamese encoding fails loudly instead of
 * loading mojibake), and tells a comma file from the {@code ;}-delimited export that
 * Excel writes on Vietnamese Windows (whose decimal mark is {@code ,}).
 */
final class SubmissionCsv {

	/**
	 * Longest record accepted: far above a real row (a note is at most 2,000 characters).
	 */
	static final long MAX_RECORD_LENGTH = 100_000;

	private SubmissionCsv() {
	}

	/**
	 * What {@link #open} found: the parser, positioned before the header, and the
	 * dialect.
	 */
	record Opened(CSVParser parser, char delimiter) {

		char decimalMark() {
			return (this.delimiter == ';') ? ',' : '.';
		}

	}

	/**
	 * Reads a CSV file into the feed that {@code feeds} makes for its decimal mark;
	 * returns {@code null} when the file cannot be opened (the finding says why).
	 */
	static @Nullable RowFeed read(InputStream raw, Function<Character, RowFeed> feeds, Findings findings)
			throws IOException {
		Opened csv = open(raw, findings);
		if (csv == null) {
			return null;
		}
		RowFeed feed = feeds.apply(csv.decimalMark());
		Iterator<CSVRecord> records = csv.parser().iterator();
		long line = 1;
		try {
			if (records.hasNext() && feed.header(Arrays.asList(records.next().values()), 1)) {
				while (true) {
					line = csv.parser().getCurrentLineNumber() + 1;
					if (!records.hasNext()) {
						break;
					}
					CSVRecord record = records.next();
					if (record.size() != 1 || !record.get(0).isBlank()) {
						feed.row(Arrays.asList(record.values()), line);
					}
				}
			}
		}
		catch (UncheckedIOException ex) {
			feed.stoppedEarly();
			findings.add(unreadable(ex.getCause(), line));
		}
		return feed;
	}

	private static Finding unreadable(IOException cause, long line) {
		if (cause instanceof Utf8CheckingInputStream.NotUtf8Exception notUtf8) {
			return Finding.of(Rule.ENCODING, notUtf8.line(), "encoding", null);
		}
		if (cause instanceof RecordSizeLimitingReader.RecordTooLongException) {
			return Finding.of(Rule.RECORD_TOO_LONG, line, null, null, String.format("%,d", MAX_RECORD_LENGTH));
		}
		if (cause instanceof CharacterCodingException) {
			return Finding.of(Rule.ENCODING, line, "encoding", null);
		}
		return Finding.of(Rule.CSV_MALFORMED, line, null, null, String.valueOf(cause.getMessage()));
	}

	/**
	 * Opens the stream, or returns {@code null} and adds the finding when the file is
	 * empty or not UTF-8.
	 */
	static @Nullable Opened open(InputStream raw, Findings findings) throws IOException {
		int buffer = SubmissionFormat.bufferSize(raw);
		BufferedInputStream in = new BufferedInputStream(raw, buffer);
		in.mark(4);
		int b0 = in.read();
		int b1 = in.read();
		int b2 = in.read();
		in.reset();
		if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
			in.skipNBytes(3);
		}
		else if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
			findings.add(Finding.of(Rule.ENCODING, null, "encoding", "UTF-16"));
			return null;
		}
		BufferedReader reader = new BufferedReader(new InputStreamReader(new Utf8CheckingInputStream(in),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				buffer);
		char delimiter;
		try {
			delimiter = detectDelimiter(reader, buffer);
		}
		catch (Utf8CheckingInputStream.NotUtf8Exception ex) {
			findings.add(Finding.of(Rule.ENCODING, ex.line(), "encoding", null));
			return null;
		}
		if (delimiter == 0) {
			findings.add(Finding.of(Rule.FILE_EMPTY, null, null, null));
			return null;
		}
		Reader limited = new RecordSizeLimitingReader(reader, MAX_RECORD_LENGTH);
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setIgnoreEmptyLines(false)
			.setAllowMissingColumnNames(true)
			.get();
		return new Opened(CSVParser.parse(limited, format), delimiter);
	}

	/**
	 * The delimiter of the header line, or 0 when the file holds nothing but white space,
	 * from its first {@code peek} characters: the reader's own buffer, which holds the
	 * whole file up to 64 KB ({@link SubmissionFormat#bufferSize}). A mark beyond the
	 * buffer would make the reader allocate a larger one for every file.
	 */
	private static char detectDelimiter(BufferedReader reader, int peek) throws IOException {
		reader.mark(peek);
		int commas = 0;
		int semicolons = 0;
		boolean content = false;
		for (int i = 0; i < peek; i++) {
			int c = reader.read();
			if (c < 0 || (c == '\n' && content)) {
				break;
			}
			content |= !Character.isWhitespace(c) && c != '\uFEFF';
			commas += (c == ',') ? 1 : 0;
			semicolons += (c == ';') ? 1 : 0;
		}
		reader.reset();
		if (!content) {
			return 0;
		}
		return (semicolons > commas) ? ';' : ',';
	}

}
