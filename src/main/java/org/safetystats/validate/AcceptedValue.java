package org.safetystats.validate;

import org.jspecify.annotations.Nullable;

/**
 * A row that passed every row-level rule, as it will be stored.
 *
 * @param line line of the file where the record starts
 * @param villageCode village code, {@code null} for unit-level indicators
 * @param indicator indicator code
 * @param value the value
 * @param note free text, NFC-normalised, {@code null} when empty
 */
public record AcceptedValue(long line, @Nullable String villageCode, String indicator, long value,
		@Nullable String note) {

}
