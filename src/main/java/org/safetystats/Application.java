package org.safetystats;

import org.safetystats.cli.SafetystatsCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * safetystats: batch pipeline for ward and commune public-security statistics. The first
 * argument is a command; {@code --help} lists them.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		System.exit(SafetystatsCli.execute(Application.class, args));
	}

}
