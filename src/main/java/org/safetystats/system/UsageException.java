package org.safetystats.system;

import org.jspecify.annotations.Nullable;

/**
 * A request or command line that cannot be carried out as given (a malformed field, an
 * unknown unit): a usage error, exit code 2 on the command line, HTTP 400 in the API.
 */
public class UsageException extends UserFacingException {

	public UsageException(String message) {
		super(message);
	}

	/**
	 * A path or query field Spring could not convert ({@code /executions/abc},
	 * {@code ?year=x}): which field, what it must be, what came.
	 */
	public static UsageException badValue(String field, @Nullable Object value, @Nullable Class<?> type) {
		String expected = (type != null
				&& (Number.class.isAssignableFrom(type) || type == long.class || type == int.class))
						? "a number of digits 0-9" : "a " + ((type != null) ? type.getSimpleName() : "value");
		return new UsageException(
				field + " must be " + expected + ", not \"" + RequesterText.clean(String.valueOf(value)) + "\"");
	}

}
