package org.safetystats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Comparator;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules, checked on the compiled classes: every package under
 * {@code org.safetystats} is a room (a Spring Modulith application module) and the rooms
 * depend one way (no cycle); the validator stays free of Spring so that it can run
 * anywhere; a type is public only when another package uses it (the room's door); and the
 * map of the rooms in {@code docs/architecture/rooms.puml}, drawn by Spring Modulith's
 * {@link Documenter}, is the one the code has.
 */
class ArchitectureTests {

	static final ApplicationModules ROOMS = ApplicationModules.of(Application.class);

	/** Where Spring Modulith's maps of the rooms are kept; ARCHITECTURE.md shows them. */
	static final Path MAPS = Path.of("docs/architecture");

	static final String GRAPH_START = "<!-- rooms-graph: written by ArchitectureTests -->";

	static final String GRAPH_END = "<!-- /rooms-graph -->";

	/** Main and test classes: a door may be used by another room's tests only. */
	static final JavaClasses CLASSES = new ClassFileImporter().importPackages("org.safetystats");

	@Test
	void roomsDependOneWayAndOnlyOnEachOthersDoors() {
		ROOMS.verify();
	}

	@Test
	void validateUsesNothingFromSpring() {
		noClasses()
			.that(mainTopLevelPublicTypes(Set.of()).or(DescribedPredicate.describe("main", ArchitectureTests::isMain)))
			.and()
			.resideInAPackage("org.safetystats.validate..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(CLASSES);
	}

	/**
	 * Package-private by default: a public type must be used from another package (main
	 * or test classes), or be listed here with its reason.
	 */
	@Test
	void aPublicTypeIsUsedOutsideItsPackage() {
		String constant = "used only through a constant, which the compiler copies into its users";
		Map<String, String> publicForAReason = Map.of("org.safetystats.validate.Severity",
				"a component of the public Finding", "org.safetystats.schedule.PipelineQuartzJob",
				"Quartz makes it by reflection", "org.safetystats.Application", "the program's entry point",
				"org.safetystats.ingest.SubmissionRegistry", constant, "org.safetystats.schedule.NightlyJob", constant,
				"org.safetystats.system.ExitCodes", constant, "org.safetystats.ingest.IngestJob", constant);
		classes().that(mainTopLevelPublicTypes(publicForAReason.keySet()))
			.should(beUsedFromAnotherPackage())
			.because("a type no other package uses is package-private")
			.check(CLASSES);
	}

	/**
	 * The maps are the code's: Spring Modulith's component diagram and module canvases in
	 * docs/architecture, and the graph of the rooms in ARCHITECTURE.md between its
	 * {@code rooms-graph} markers. Run this test with {@code -Dsafetystats.writeMap=true}
	 * to write them anew after a room's dependencies change.
	 */
	@Test
	void theMapsOfTheRoomsAreTheCodes() throws IOException {
		Path drawn = Path.of("target/spring-modulith-docs");
		new Documenter(ROOMS, Documenter.Options.defaults().withOutputFolder(drawn.toString()))
			.writeModulesAsPlantUml(
					Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.UML))
			.writeModuleCanvases();
		boolean write = Boolean.getBoolean("safetystats.writeMap");
		List<Path> maps;
		try (Stream<Path> files = Files.list(drawn)) {
			maps = files.filter((file) -> file.toString().endsWith(".puml") || file.toString().endsWith(".adoc"))
				.sorted()
				.toList();
		}
		assertThat(maps).isNotEmpty();
		for (Path map : maps) {
			Path committed = MAPS.resolve(map.getFileName());
			String code = Files.readString(map, StandardCharsets.UTF_8);
			if (write) {
				Files.createDirectories(MAPS);
				Files.writeString(committed, code, StandardCharsets.UTF_8);
			}
			assertThat(committed).as("%s is missing; -Dsafetystats.writeMap=true writes it", committed).exists();
			// Modulith lists the relations in no fixed order: the same lines make the
			// same map
			assertThat(sortedLines(Files.readString(committed, StandardCharsets.UTF_8)))
				.as("%s differs from the code; -Dsafetystats.writeMap=true writes it", committed)
				.isEqualTo(sortedLines(code));
		}
		GeneratedSection.check(Path.of("ARCHITECTURE.md"), GRAPH_START, GRAPH_END, mermaid(), "safetystats.writeMap");
	}

	private static List<String> sortedLines(String text) {
		return text.lines().sorted().toList();
	}

	/** Each room and the rooms it uses directly, as a Mermaid graph. */
	static String mermaid() {
		StringBuilder graph = new StringBuilder("```mermaid\nflowchart TD\n");
		ROOMS.stream().sorted(Comparator.comparing(ApplicationModule::getName)).forEach((room) -> {
			List<String> uses = room.getDirectDependencies(ROOMS)
				.uniqueModules()
				.map(ApplicationModule::getName)
				.distinct()
				.sorted()
				.toList();
			if (uses.isEmpty()) {
				graph.append("    ").append(room.getName()).append('\n');
			}
			uses.forEach(
					(used) -> graph.append("    ").append(room.getName()).append(" --> ").append(used).append('\n'));
		});
		return graph.append("```\n").toString();
	}

	@Test
	void everyRoomIsListedInArchitectureMd() throws IOException {
		String map = Files.readString(Path.of("ARCHITECTURE.md"), StandardCharsets.UTF_8);
		List<String> rooms = ROOMS.stream().map((room) -> room.getBasePackage().getLocalName()).toList();
		assertThat(rooms).isNotEmpty().allSatisfy((room) -> assertThat(map).contains("| `" + room + "` |"));
	}

	private static DescribedPredicate<JavaClass> mainTopLevelPublicTypes(Set<String> exceptions) {
		return DescribedPredicate.describe("public top-level main types",
				(type) -> type.getModifiers().contains(JavaModifier.PUBLIC) && type.isTopLevelClass()
						&& !exceptions.contains(type.getName()) && isMain(type));
	}

	private static boolean isMain(JavaClass type) {
		return type.getSource().map((source) -> !source.getUri().toString().contains("/test-classes/")).orElse(false);
	}

	private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
		return new ArchCondition<>("be used from another package") {
			@Override
			public void check(JavaClass type, ConditionEvents events) {
				// the type or one of its nested types (ApprovalCommands.Approve)
				boolean used = CLASSES.stream()
					.filter((nested) -> nested.equals(type) || nested.getName().startsWith(type.getName() + "$"))
					.flatMap((nested) -> nested.getDirectDependenciesToSelf().stream())
					.anyMatch((use) -> !use.getOriginClass().getPackageName().equals(type.getPackageName()));
				if (!used) {
					events.add(SimpleConditionEvent.violated(type,
							type.getName() + " is public but no other package uses it"));
				}
			}
		};
	}

}
