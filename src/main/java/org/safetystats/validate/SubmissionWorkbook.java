package org.safetystats.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.jspecify.annotations.Nullable;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads a workbook submission ({@code .xlsx}) streaming: the bytes go to a temporary file
 * (a zip needs its directory at the end), the first sheet's XML is parsed as it inflates
 * ({@link SheetRows}), and only the shared strings and styles are held. Refused with one
 * finding each: a file over {@value #MAX_FILE_MB} MB, a part inflating over
 * {@value #MAX_PART_MB} MB or more than {@value #MAX_RATIO} times (a zip bomb, caught by
 * POI's {@link ZipSecureFile} as it inflates), shared strings over
 * {@value #MAX_STRINGS_MB} MB, a workbook with macros, anything that is not a readable
 * workbook; and at its row, a row longer than a CSV record may be.
 */
final class SubmissionWorkbook {

	static final int MAX_FILE_MB = 20;

	static final int MAX_PART_MB = 100;

	static final int MAX_RATIO = 100;

	// the shared strings are held whole, unlike the sheet: twice their size in memory
	static final int MAX_STRINGS_MB = 20;

	private static final Pattern BOMB_ENTRY = Pattern.compile("Entry: (\\S+)");

	static {
		ZipSecureFile.setMinInflateRatio(1.0 / MAX_RATIO);
		ZipSecureFile.setMaxEntrySize(MAX_PART_MB * 1024L * 1024L);
	}

	private SubmissionWorkbook() {
	}

	/**
	 * Reads the workbook into the feed that {@code feeds} makes; returns {@code null}
	 * when no row could be read (the finding says why).
	 */
	static @Nullable RowFeed read(InputStream in, Function<Character, RowFeed> feeds, Findings findings)
			throws IOException {
		Path spool = Files.createTempFile("safetystats-", ".xlsx");
		try {
			if (!copyAtMost(in, spool, MAX_FILE_MB * 1024L * 1024L)) {
				findings.add(Finding.of(Rule.XLSX_TOO_LARGE, null, "file", null, MAX_FILE_MB));
				return null;
			}
			return read(spool, feeds.apply('.'), findings);
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	private static @Nullable RowFeed read(Path file, RowFeed feed, Findings findings) {
		OPCPackage workbook;
		try {
			workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (Exception ex) {
			findings.add(refused(ex));
			return null;
		}
		try {
			String macros = macroPart(workbook);
			if (macros != null) {
				findings.add(Finding.of(Rule.XLSX_MACROS, null, "file", macros, macros));
				return null;
			}
			String strings = oversizedStrings(workbook);
			if (strings != null) {
				findings.add(Finding.of(Rule.XLSX_TEXT_TOO_LARGE, null, "file", strings, strings, MAX_STRINGS_MB));
				return null;
			}
			readFirstSheet(workbook, feed, findings);
		}
		catch (SheetRows.HeaderUnusable ex) {
			// the header's findings say why
		}
		catch (SheetRows.RowTooLong ex) {
			// its finding says where
			feed.stoppedEarly();
		}
		catch (Exception ex) {
			// hostile or broken input of any kind is a finding, never a failed run
			feed.stoppedEarly();
			findings.add(refused(ex));
		}
		finally {
			workbook.revert();
		}
		return feed;
	}

	private static void readFirstSheet(OPCPackage workbook, RowFeed feed, Findings findings) throws Exception {
		XSSFReader reader = new XSSFReader(workbook);
		CellText text = new CellText(new ReadOnlySharedStringsTable(workbook, false), reader.getStylesTable());
		XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
		if (!sheets.hasNext()) {
			throw new IllegalArgumentException("it has no sheet");
		}
		try (InputStream sheet = sheets.next()) {
			XMLReader parser = XMLHelper.newXMLReader();
			parser.setContentHandler(new SheetRows(sheets.getSheetName(), text, feed, findings));
			parser.parse(new InputSource(sheet));
		}
	}

	/**
	 * The shared strings part when it unpacks to more than {@value #MAX_STRINGS_MB} MB,
	 * or {@code null}.
	 */
	private static @Nullable String oversizedStrings(OPCPackage workbook) throws Exception {
		for (PackagePart part : workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
			if (part.getSize() > MAX_STRINGS_MB * 1024L * 1024L) {
				return part.getPartName().getName();
			}
		}
		return null;
	}

	/** The part that makes the workbook macro-enabled, or {@code null}. */
	private static @Nullable String macroPart(OPCPackage workbook) throws Exception {
		for (PackagePart part : workbook.getParts()) {
			String name = part.getPartName().getName();
			String type = part.getContentType();
			if (name.toLowerCase(Locale.ROOT).contains("vbaproject") || type.contains("macroEnabled")
					|| type.contains("vbaProject")) {
				return name;
			}
		}
		return null;
	}

	/** The finding for a workbook that cannot be read: a zip bomb, or broken. */
	private static Finding refused(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("Zip bomb detected")) {
				Matcher entry = BOMB_ENTRY.matcher(message);
				String part = entry.find() ? entry.group(1) : "?";
				return Finding.of(Rule.XLSX_ZIP_BOMB, null, "file", part, part, MAX_RATIO, MAX_PART_MB);
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String reason = String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
		reason = reason.isEmpty() ? root.getClass().getSimpleName() : reason;
		return Finding.of(Rule.XLSX_MALFORMED, null, "file", null, Finding.shorten(reason));
	}

	/** Copies the stream; false, having stopped, when it is longer than the limit. */
	private static boolean copyAtMost(InputStream in, Path target, long limit) throws IOException {
		try (OutputStream out = Files.newOutputStream(target)) {
			byte[] buffer = new byte[64 * 1024];
			long copied = 0;
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				copied += n;
				if (copied > limit) {
					return false;
				}
				out.write(buffer, 0, n);
			}
		}
		return true;
	}

}
