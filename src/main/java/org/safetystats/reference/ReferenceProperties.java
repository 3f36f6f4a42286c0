package org.safetystats.reference;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code safetystats.reference.*}.
 *
 * @param provinces codes of the provinces (as of 2025-07-01) whose units the deployment
 * loads from the bundled national lists, together with every earlier unit that became
 * part of them; default 37 (Ninh Bình, with the old provinces 35 Hà Nam and 36 Nam Định).
 * An empty list loads nothing from the bundle: only config/units.csv.
 */
@ConfigurationProperties("safetystats.reference")
record ReferenceProperties(List<String> provinces) {

	public ReferenceProperties(@Nullable List<String> provinces) {
		this.provinces = (provinces != null) ? List.copyOf(provinces) : List.of("37");
	}

}
