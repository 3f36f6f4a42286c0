package org.safetystats.validate;

import java.util.List;

import org.safetystats.reference.Indicator;

/**
 * The eight indicators of config/indicators.csv (level, value type and bound), for the
 * validator's tests that build a catalogue by hand.
 */
final class ConfigIndicators {

	static final List<Indicator> ALL = List.of(new Indicator("traffic_accidents", false, false, 1000, "accidents"),
			new Indicator("traffic_deaths", false, false, 1000, "deaths"),
			new Indicator("traffic_injuries", false, false, 1000, "injuries"),
			new Indicator("traffic_black_spots", false, false, 100),
			new Indicator("active_security_models", false, false, 1000),
			new Indicator("crime_cases", true, false, 1000), new Indicator("new_drug_addicts", true, false, 1000),
			new Indicator("camera_model", true, true, 1));

	private ConfigIndicators() {
	}

}
