package org.safetystats.database;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import org.springframework.util.FileSystemUtils;

/**
 * The PostgreSQL programs bundled in the jar (zonky's binaries archive), unpacked once
 * into a folder of the temporary directory named after the archive, and how to run them:
 * as root through {@code unshare -U} (PostgreSQL refuses to run as root), as zonky does.
 */
final class PostgresBinaries {

	private final Path home;

	private PostgresBinaries(Path home) {
		this.home = home;
	}

	/** The bundled binaries, unpacked unless an earlier run did it. */
	static PostgresBinaries unpacked() throws IOException {
		String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
		String name = "postgres-linux-" + arch + ".txz";
		URL archive = PostgresBinaries.class.getClassLoader().getResource(name);
		if (archive == null) {
			throw new IOException("no bundled PostgreSQL (" + name + ") for this machine");
		}
		Path home = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg", "safetystats-" + key(archive));
		if (!Files.exists(home.resolve(".complete"))) {
			unpack(archive, home);
		}
		return new PostgresBinaries(home);
	}

	/** Makes a new data folder (trust authentication, user postgres, UTF-8). */
	void initdb(Path folder, Path log) throws IOException, InterruptedException {
		run("initdb", log, "-A", "trust", "-U", "postgres", "-E", "UTF-8", "-D", folder.toString());
	}

	/**
	 * Starts a server on the folder and waits until it accepts connections. It runs in a
	 * session of its own ({@code setsid}): it outlives this process, and a Ctrl-C on the
	 * command that started it does not reach it.
	 */
	void start(Path folder, String options, Path log) throws IOException, InterruptedException {
		run("pg_ctl", log, "-D", folder.toString(), "-l", log.toString(), "-o", options, "-w", "-t", "60", "start");
	}

	private void run(String program, Path log, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("setsid", "--wait"));
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(this.home.resolve("bin").resolve(program).toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (process.waitFor() != 0) {
			throw new IOException(program + " failed");
		}
	}

	/**
	 * Unpacks into a folder of its own first, then renames it into place: another process
	 * unpacking the same archive at the same time never sees half of it.
	 */
	private static void unpack(URL archive, Path home) throws IOException {
		Files.createDirectories(home.getParent());
		Path work = Files.createTempDirectory(home.getParent(), "unpacking-");
		try (InputStream in = new TarArchiveInputStream(
				new XZInputStream(new BufferedInputStream(archive.openStream(), 1 << 16)))) {
			TarArchiveInputStream tar = (TarArchiveInputStream) in;
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				Path target = work.resolve(entry.getName()).normalize();
				if (!target.startsWith(work)) {
					throw new IOException("archive entry outside its folder: " + entry.getName());
				}
				Files.createDirectories(entry.isDirectory() ? target : target.getParent());
				if (entry.isSymbolicLink()) {
					Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.copy(work.resolve(entry.getLinkName()), target);
				}
				else if (entry.isFile()) {
					Files.copy(tar, target);
					if ((entry.getMode() & 0100) != 0) {
						Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
					}
				}
			}
			Files.createFile(work.resolve(".complete"));
			Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			if (!Files.exists(home.resolve(".complete"))) {
				throw ex;
			}
			// another process unpacked it first
		}
		finally {
			FileSystemUtils.deleteRecursively(work);
		}
	}

	/**
	 * Named after the jar that carries the archive (its version in its name), so that
	 * {@code java -jar} and the launcher's extracted jar share one unpacked copy.
	 */
	private static String key(URL archive) {
		Matcher jar = Pattern.compile("[^/!]+\\.jar(?=!)").matcher(archive.toString());
		String source = jar.find() ? jar.group() : archive.toString();
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
