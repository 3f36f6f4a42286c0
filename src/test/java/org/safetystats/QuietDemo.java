package org.safetystats;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.safetystats.demo.DemoCommand;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's two years of Ninh Bình data through the pipeline, without its printout. */
public final class QuietDemo {

	private QuietDemo() {
	}

	public static void run(ConfigurableApplicationContext context) throws Exception {
		PrintStream out = System.out;
		try {
			System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
			assertThat(DemoCommand.run(context)).isZero();
		}
		finally {
			System.setOut(out);
		}
	}

}
