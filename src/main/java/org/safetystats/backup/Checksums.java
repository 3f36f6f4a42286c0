package org.safetystats.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifest of a backup folder: {@value #FILE}, one line per file in the format of
 * {@code sha256sum} ({@code <hex>  <path>}), so that an operator checks a copy with
 * {@code sha256sum -c SHA256SUMS} and no safetystats at hand. Written last: a folder
 * without it is a backup that did not finish.
 */
final class Checksums {

	static final String FILE = "SHA256SUMS";

	private Checksums() {
	}

	/** Writes the manifest of every file under {@code folder}; returns how many. */
	static int write(Path folder) throws IOException {
		List<String> lines = new ArrayList<>();
		for (Path file : files(folder)) {
			lines.add(sha256(file) + "  " + relative(folder, file));
		}
		Files.write(folder.resolve(FILE), lines, StandardCharsets.UTF_8);
		return lines.size();
	}

	/**
	 * Checks every file the manifest names against its checksum, and that no file was
	 * added; throws naming the first file that differs.
	 */
	static void verify(Path folder) throws IOException {
		Path manifest = folder.resolve(FILE);
		if (!Files.isRegularFile(manifest)) {
			throw new BackupException(folder + " is not a finished backup: it has no " + FILE);
		}
		List<String> listed = new ArrayList<>();
		int number = 0;
		for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
			number++;
			int gap = line.indexOf("  ");
			if (gap != 64) {
				throw new BackupException(manifest + " line " + number + ": not '<sha256>  <path>'");
			}
			String path = line.substring(66);
			Path file = folder.resolve(path).normalize();
			if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
				throw new BackupException(
						"backup " + folder + ": " + path + " (" + FILE + " line " + number + ") is missing");
			}
			if (!sha256(file).equals(line.substring(0, 64))) {
				throw new BackupException("backup " + folder + ": " + path + " does not match its checksum in " + FILE
						+ " (line " + number + "): the copy is damaged");
			}
			listed.add(path);
		}
		for (Path file : files(folder)) {
			if (!listed.contains(relative(folder, file))) {
				throw new BackupException(
						"backup " + folder + ": " + relative(folder, file) + " is not listed in " + FILE);
			}
		}
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile)
				.filter((file) -> !file.equals(folder.resolve(FILE)))
				.sorted()
				.toList();
		}
	}

	private static String relative(Path folder, Path file) {
		return folder.relativize(file).toString().replace('\\', '/');
	}

	static String sha256(Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
