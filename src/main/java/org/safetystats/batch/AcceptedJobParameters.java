package org.safetystats.batch;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The parameters a job reads, declared on the job itself with their kind (a year, a flag,
 * a unit code, a month, text) and the pairs of years that must come in order: a run with
 * any other parameter is refused before it starts, whoever launches it, and the admin
 * door types and checks what a caller wrote by these kinds and names them to a caller who
 * asked for another. {@link #REQUESTED_AT}, which tells runs apart, is always accepted,
 * and so are the names earlier versions gave ({@code inbox}, {@code year}), so that an
 * execution they started can still be restarted; no caller can give them now.
 */
public final class AcceptedJobParameters implements JobParametersValidator {

	/** When the run was asked for: makes each run a new job instance. */
	public static final String REQUESTED_AT = "requestedAt";

	private static final Set<String> RETIRED = Set.of("inbox", "year");

	/** What a parameter's value is, so that a caller's text can be checked and typed. */
	public enum Kind {

		/** Any text, not blank. */
		TEXT,
		/** A year the warehouse holds, as a number. */
		YEAR,
		/** true or false. */
		FLAG,
		/** A unit code, not blank. */
		UNIT,
		/** A month, {@code YYYY-MM}. */
		PERIOD

	}

	/** One parameter a job reads. */
	public record Parameter(String name, Kind kind) {
	}

	/** Two year parameters of which the first may not come after the second. */
	public record Order(String first, String second) {
	}

	private final Map<String, Kind> kinds;

	private final Set<String> names;

	private final List<Order> orders;

	/** Text parameters. */
	public AcceptedJobParameters(String... names) {
		this(Arrays.stream(names).map((name) -> new Parameter(name, Kind.TEXT)).toList(), List.of());
	}

	public AcceptedJobParameters(List<Parameter> parameters, List<Order> orders) {
		Map<String, Kind> kinds = new TreeMap<>();
		parameters.forEach((parameter) -> kinds.put(parameter.name(), parameter.kind()));
		this.kinds = Map.copyOf(kinds);
		this.names = Set.copyOf(kinds.keySet());
		this.orders = List.copyOf(orders);
	}

	/** The kind of a parameter the job reads. */
	public Kind kind(String name) {
		return this.kinds.getOrDefault(name, Kind.TEXT);
	}

	/** The pairs of years that must come in order. */
	public List<Order> orders() {
		return this.orders;
	}

	/** The parameters a caller may give (not {@link #REQUESTED_AT}). */
	public Set<String> names() {
		return this.names;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		for (JobParameter<?> parameter : parameters) {
			String name = parameter.name();
			if (!name.equals(REQUESTED_AT) && !RETIRED.contains(name) && !this.names.contains(name)) {
				throw new InvalidJobParametersException("Unknown parameter \"" + name + "\"; parameters: "
						+ String.join(", ", new TreeSet<>(this.names)));
			}
		}
	}

}
