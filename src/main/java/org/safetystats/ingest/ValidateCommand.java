package org.safetystats.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.startup.ApplicationContexts;
import org.safetystats.system.ExitCodes;
import org.safetystats.system.SafetystatsProperties;
import org.safetystats.system.UsageException;
import org.safetystats.validate.Finding;
import org.safetystats.validate.SubmissionValidator;
import org.safetystats.validate.ValidationResult;
import org.safetystats.validate.ValueSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code validate FILE...}: the findings a file would get, without loading anything nor
 * writing anything to the database (the catalogues of {@code config/} are read, not
 * loaded).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Dry run before sending: print the findings each file would get. Loads nothing. "
				+ "Exit code 0 when every file would load.")
public class ValidateCommand implements Callable<Integer> {

	private static final Pattern STORED = Pattern.compile("[0-9]+_(.+)");

	@Parameters(arity = "1..*", paramLabel = "FILE",
			description = "Submission files (<unit_code>_<YYYY-MM>.csv or .xlsx)")
	private List<Path> files;

	@Option(names = "--lang", defaultValue = "vi", description = "Language of the messages: vi or en (default vi)")
	private String lang;

	@Override
	public Integer call() throws Exception {
		for (Path file : this.files) {
			if (!Files.isRegularFile(file)) {
				throw new UsageException(file + " is not a file");
			}
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			// a dry run writes nothing, ref included
			ReferenceCatalog catalog = context.getBean(ReferenceCatalogLoader.class).preview();
			SubmissionValidator validator = new SubmissionValidator(catalog, context.getBean(Clock.class));
			SafetystatsProperties properties = context.getBean(SafetystatsProperties.class);
			boolean allLoadable = true;
			for (Path file : this.files) {
				ValidationResult result;
				try (InputStream in = Files.newInputStream(file)) {
					result = validator.validate(submittedName(file, properties), in, ValueSink.DISCARD);
				}
				print(file, result);
				allLoadable &= result.loadable();
			}
			return allLoadable ? 0 : ExitCodes.FAILED;
		}
	}

	/**
	 * The name the file was submitted under: a file the pipeline keeps in the archive or
	 * the rejected folder is stored as {@code <id>_<name>}, and is checked as
	 * {@code <name>}, so that it gets the findings ingest gave it.
	 */
	static String submittedName(Path file, SafetystatsProperties properties) throws IOException {
		String name = file.getFileName().toString();
		Matcher stored = STORED.matcher(name);
		if (stored.matches() && (isUnder(file, properties.archive()) || isUnder(file, properties.rejected()))) {
			return stored.group(1);
		}
		return name;
	}

	private static boolean isUnder(Path file, Path folder) throws IOException {
		return Files.isDirectory(folder) && file.toRealPath().startsWith(folder.toRealPath());
	}

	private void print(Path file, ValidationResult result) {
		String verdict = result.loadable() ? "would load" : "would be REJECTED";
		System.out.printf("%s: %s (%d rows, %d errors, %d warnings)%n", file, verdict, result.rows(),
				result.findings().errorCount(), result.findings().warningCount());
		for (Finding f : result.findings().list()) {
			String where = f.where();
			String field = f.field() != null ? " [" + f.field() + "]" : "";
			String message = "en".equals(this.lang) ? f.messageEn() : f.messageVi();
			System.out.printf("  %s %s%s %s: %s%n", f.severity(), where, field, f.rule(), message);
		}
	}

}
