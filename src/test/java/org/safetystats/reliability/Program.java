package org.safetystats.reliability;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.safetystats.TestDatabase;

/**
 * The real program in a process of its own, as the suites that kill or cut it off start
 * it: the application's classes packed into a jar (a class data sharing archive cannot
 * hold classes from a folder), with the test run's libraries. A first run lists the
 * classes it loads ({@link #listingClasses}); {@link #writeArchive} dumps them into a
 * static class data sharing archive, which every later process maps, as the launcher does
 * with its own archive: a start costs a good part less. (A dynamic archive,
 * {@code -XX:ArchiveClassesAtExit}, crashes Java 17 on lambda proxy classes.)
 */
final class Program {

	private static Path folder;

	private static String classPath;

	private Program() {
	}

	/**
	 * A process running {@code safetystats <args>} on the database, in the home folder.
	 */
	static synchronized ProcessBuilder of(String url, Path home, String... args) {
		prepare();
		Path archive = folder.resolve("app.jsa");
		return builder(url, home, Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto", args);
	}

	/** The same process, listing the classes it loads for {@link #writeArchive}. */
	static synchronized ProcessBuilder listingClasses(String url, Path home, String... args) {
		prepare();
		return builder(url, home, "-XX:DumpLoadedClassList=" + folder.resolve("classes.all.lst"), args);
	}

	/**
	 * Dumps the classes that the run started by {@link #listingClasses} loaded (it must
	 * have ended well) into the archive the next processes map.
	 */
	static synchronized void writeArchive() throws IOException, InterruptedException {
		if (Files.exists(folder.resolve("app.jsa"))) {
			return;
		}
		Path all = folder.resolve("classes.all.lst");
		Path list = folder.resolve("classes.lst");
		try (Stream<String> lines = Files.lines(all)) {
			Files.write(list, lines.filter((line) -> !line.contains("@lambda-proxy")).toList());
		}
		Process dump = new ProcessBuilder(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
				"-XX:SharedArchiveFile=" + folder.resolve("app.jsa.tmp"), "-cp", classPath)
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("dump.log").toFile())
			.start();
		if (dump.waitFor() == 0) {
			Files.move(folder.resolve("app.jsa.tmp"), folder.resolve("app.jsa"));
		}
	}

	private static ProcessBuilder builder(String url, Path home, String sharing, String... args) {
		// C1 only and the serial collector: these short runs start about twice as fast on
		// 2 shared cores
		List<String> command = new ArrayList<>(
				List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", sharing));
		command.addAll(List.of("-cp", classPath, "org.safetystats.Application"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("SAFETYSTATS_DB_URL", url);
		builder.environment().put("SAFETYSTATS_DB_USER", TestDatabase.user());
		builder.environment().put("SAFETYSTATS_DB_PASSWORD", TestDatabase.password());
		builder.environment().put("SAFETYSTATS_HOME", home.toString());
		builder.environment().put("SAFETYSTATS_CONFIG_DIR", new File("config").getAbsolutePath());
		builder.environment().put("SAFETYSTATS_INBOX_SETTLE_SECONDS", "0");
		builder.redirectErrorStream(true);
		builder.redirectOutput(home.resolve("output-" + System.nanoTime() + ".log").toFile());
		return builder;
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * Packs the application's classes (the first folder of the class path) into a jar
	 * beside the archive, once per test JVM; the class path is that jar and the
	 * libraries.
	 */
	private static void prepare() {
		if (folder != null) {
			return;
		}
		try {
			Path dir = Files.createTempDirectory("safetystats-program");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
			List<String> entries = new ArrayList<>();
			Path classes = Path.of("target", "classes").toAbsolutePath();
			Path jar = dir.resolve("safetystats-classes.jar");
			pack(classes, jar);
			entries.add(jar.toString());
			Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
				.filter((entry) -> entry.endsWith(".jar"))
				.forEach(entries::add);
			classPath = String.join(File.pathSeparator, entries);
			folder = dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void pack(Path classes, Path jar) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream zip = new JarOutputStream(out);
				Stream<Path> files = Files.walk(classes)) {
			// folders too: a class path scan (components, migrations) lists them
			for (Path file : files.filter((f) -> !f.equals(classes)).sorted().toList()) {
				String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
				boolean directory = Files.isDirectory(file);
				zip.putNextEntry(new JarEntry(directory ? name + "/" : name));
				if (!directory) {
					Files.copy(file, zip);
				}
				zip.closeEntry();
			}
		}
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder: the system cleans it
		}
	}

}
