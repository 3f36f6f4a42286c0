package org.safetystats.reference;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A boundary change: from one version of a ward or commune to a successor version.
 *
 * @param from the version that ended
 * @param to the successor version
 * @param changedOn day the change took effect
 * @param partial whether only a part of {@code from} went to {@code to}
 * @param weight share of {@code from}'s counts given to {@code to} ({@code null}: full,
 * or the default share of villages)
 * @param source legal act or data set
 */
record LineageEdge(UnitRow from, UnitRow to, LocalDate changedOn, boolean partial, @Nullable BigDecimal weight,
		@Nullable String source) {

	String[] copyFields() {
		return new String[] { this.from.code(), UnitRow.day(this.from.validFrom()), this.to.code(),
				UnitRow.day(this.to.validFrom()), this.changedOn.toString(), this.partial ? "partial" : "full",
				(this.weight != null) ? this.weight.toPlainString() : null, this.source };
	}

}
