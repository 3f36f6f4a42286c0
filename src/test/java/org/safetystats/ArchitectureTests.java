package org.safetystats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules over the main sources: packages depend one way (no cycle), and the
 * validator stays free of Spring so that it can run anywhere. Reads src/main/java as
 * text: every {@code org.safetystats...} or {@code org.springframework...} name in an
 * import or written out in full in the code counts.
 */
class ArchitectureTests {

	private static final Path SOURCES = Path.of("src/main/java");

	private static final Path TESTS = Path.of("src/test/java");

	private static final Pattern OUR_NAME = Pattern.compile("\\borg\\.safetystats(?:\\.[a-z]\\w*)*");

	private static final Pattern SPRING_NAME = Pattern.compile("\\borg\\.springframework\\.");

	@Test
	void packagesFormNoCycle() {
		List<Set<String>> cycles = cycles(packageGraph());
		assertThat(cycles).as("package cycles (each set imports itself round)").isEmpty();
	}

	@Test
	void validateImportsNothingFromSpring() {
		List<String> offenders = new ArrayList<>();
		for (Path file : javaFiles(SOURCES.resolve("org/safetystats/validate"))) {
			if (SPRING_NAME.matcher(code(file)).find()) {
				offenders.add(SOURCES.relativize(file).toString());
			}
		}
		assertThat(offenders).as("org.safetystats.validate sources naming org.springframework").isEmpty();
	}

	/**
	 * Package-private by default: a public type must be named from another package (main
	 * or test sources), or be listed here with its reason.
	 */
	@Test
	void aPublicTypeIsUsedOutsideItsPackage() {
		Map<String, String> publicForAReason = Map.of("org.safetystats.validate.Severity",
				"a component of the public Finding", "org.safetystats.schedule.PipelineQuartzJob",
				"Quartz makes it by reflection");
		List<Path> users = new ArrayList<>(javaFiles(SOURCES.resolve("org/safetystats")));
		users.addAll(javaFiles(TESTS.resolve("org/safetystats")));
		Map<Path, String> code = new HashMap<>();
		users.forEach((file) -> code.put(file, code(file)));
		List<String> unused = new ArrayList<>();
		for (Path file : javaFiles(SOURCES.resolve("org/safetystats"))) {
			String type = file.getFileName().toString().replace(".java", "");
			String name = packageOf(file) + "." + type;
			if (!Pattern
				.compile("(?m)^public (?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) " + type
						+ "\\b")
				.matcher(code.get(file))
				.find() || publicForAReason.containsKey(name)) {
				continue;
			}
			Pattern named = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
			boolean outside = users.stream()
				.filter((user) -> !packageOf(user).equals(packageOf(file)))
				.anyMatch((user) -> named.matcher(code.get(user)).find());
			if (!outside) {
				unused.add(name);
			}
		}
		assertThat(unused).as("public types named by no other package (make them package-private)").isEmpty();
	}

	@Test
	void theCycleFinderFindsACycle() {
		Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
		assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
	}

	/** Package to the other packages of ours its sources name. */
	static Map<String, Set<String>> packageGraph() {
		List<Path> files = javaFiles(SOURCES.resolve("org/safetystats"));
		Set<String> packages = new TreeSet<>();
		files.forEach((file) -> packages.add(packageOf(file)));
		Map<String, Set<String>> graph = new TreeMap<>();
		for (Path file : files) {
			String from = packageOf(file);
			Set<String> targets = graph.computeIfAbsent(from, (key) -> new TreeSet<>());
			Matcher names = OUR_NAME.matcher(code(file));
			while (names.find()) {
				String to = names.group();
				// The longest name that is a package: org.safetystats.admin.JobRunner ->
				// admin.
				while (!packages.contains(to) && to.contains(".")) {
					to = to.substring(0, to.lastIndexOf('.'));
				}
				if (packages.contains(to) && !to.equals(from)) {
					targets.add(to);
				}
			}
		}
		return graph;
	}

	/** Strongly connected components with more than one package (Tarjan). */
	static List<Set<String>> cycles(Map<String, Set<String>> graph) {
		Map<String, Integer> index = new HashMap<>();
		Map<String, Integer> low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		Set<String> onStack = new TreeSet<>();
		List<Set<String>> found = new ArrayList<>();
		for (String node : new TreeSet<>(graph.keySet())) {
			if (!index.containsKey(node)) {
				connect(node, graph, index, low, stack, onStack, found);
			}
		}
		return found;
	}

	private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
			Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
		index.put(node, index.size());
		low.put(node, index.get(node));
		stack.push(node);
		onStack.add(node);
		for (String next : graph.getOrDefault(node, Set.of())) {
			if (!index.containsKey(next)) {
				connect(next, graph, index, low, stack, onStack, found);
				low.put(node, Math.min(low.get(node), low.get(next)));
			}
			else if (onStack.contains(next)) {
				low.put(node, Math.min(low.get(node), index.get(next)));
			}
		}
		if (low.get(node).equals(index.get(node))) {
			Set<String> component = new TreeSet<>();
			String member;
			do {
				member = stack.pop();
				onStack.remove(member);
				component.add(member);
			}
			while (!member.equals(node));
			if (component.size() > 1) {
				found.add(component);
			}
		}
	}

	private static String packageOf(Path file) {
		Path root = file.startsWith(TESTS) ? TESTS : SOURCES;
		return root.relativize(file.getParent()).toString().replace('/', '.');
	}

	/**
	 * The file without text blocks, strings, characters and comments, so that a javadoc
	 * link, a remark or a logger name does not count.
	 */
	private static String code(Path file) {
		try {
			return Files.readString(file)
				.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
				.replaceAll("'(?:\\\\.|[^'\\\\])'", "' '")
				.replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
				.replaceAll("(?s)/\\*.*?\\*/", "")
				.replaceAll("//[^\\n]*", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Path> javaFiles(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
