package org.safetystats.admin;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.safetystats.reference.ReferenceCatalog;
import org.safetystats.reference.ReferenceCatalogLoader;
import org.safetystats.system.UserFacingException;
import org.safetystats.validate.Finding;
import org.safetystats.validate.SubmissionValidator;
import org.safetystats.validate.ValidationResult;
import org.safetystats.validate.ValueSink;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate FILE...}: the findings a file would get, without loading anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Dry run before sending: print the findings each file would get. Loads nothing. "
				+ "Exit code 0 when every file would load.")
class ValidateCommand implements Callable<Integer> {

	@Parameters(arity = "1..*", paramLabel = "FILE", description = "Submission files (<unit_code>_<YYYY-MM>.csv)")
	private List<Path> files;

	@Option(names = "--lang", defaultValue = "vi", description = "Language of the messages: vi or en (default vi)")
	private String lang;

	@Override
	public Integer call() throws Exception {
		for (Path file : this.files) {
			if (!Files.isRegularFile(file)) {
				throw new UserFacingException(file + " is not a file");
			}
		}
		try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
			ReferenceCatalog catalog = context.getBean(ReferenceCatalogLoader.class).load();
			SubmissionValidator validator = new SubmissionValidator(catalog, context.getBean(Clock.class));
			boolean allLoadable = true;
			for (Path file : this.files) {
				ValidationResult result;
				try (InputStream in = Files.newInputStream(file)) {
					result = validator.validate(file.getFileName().toString(), in, ValueSink.DISCARD);
				}
				print(file, result);
				allLoadable &= result.loadable();
			}
			return allLoadable ? 0 : OneLineErrors.FAILED;
		}
	}

	private void print(Path file, ValidationResult result) {
		String verdict = result.loadable() ? "would load" : "would be REJECTED";
		System.out.printf("%s: %s (%d rows, %d errors, %d warnings)%n", file, verdict, result.rows(),
				result.findings().errorCount(), result.findings().warningCount());
		for (Finding f : result.findings().list()) {
			String where = f.line() != null ? "line " + f.line() : "file";
			String field = f.field() != null ? " [" + f.field() + "]" : "";
			String message = "en".equals(this.lang) ? f.messageEn() : f.messageVi();
			System.out.printf("  %s %s%s %s: %s%n", f.severity(), where, field, f.rule(), message);
		}
	}

}
