package org.safetystats.admin;

import org.junit.jupiter.api.Test;
import org.safetystats.system.UsageException;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code serve --port N}: the port the service listens on, from the command line. */
class ServeCommandTests {

	@Test
	void portOptionSetsTheServerPort() {
		ServeCommand serve = new ServeCommand();
		new CommandLine(serve).parseArgs("--port", "18081");
		assertThat(serve.settings()).containsEntry("server.port", 18081)
			.containsEntry("safetystats.scheduler.enabled", "true");
	}

	@Test
	void withoutPortTheSettingsDecide() {
		ServeCommand serve = new ServeCommand();
		new CommandLine(serve).parseArgs();
		assertThat(serve.settings()).doesNotContainKey("server.port");
	}

	@Test
	void aPortOutOfRangeIsAUsageError() {
		ServeCommand serve = new ServeCommand();
		new CommandLine(serve).parseArgs("--port", "70000");
		assertThatExceptionOfType(UsageException.class).isThrownBy(serve::settings).withMessageContaining("70000");
	}

}
