package org.safetystats.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/systemd/safetystats.service: {@code systemd-analyze verify} accepts it (with the
 * install folder it names made real in a temporary folder), and it keeps what operators
 * rely on: serve on the environment file's port under its own user, restart on failure,
 * the journal, the hardening with the home writable.
 */
class ServiceUnitTests {

	private static final Path UNIT = Path.of("deploy/systemd/safetystats.service");

	@TempDir
	Path folder;

	@Test
	void systemdAnalyzeVerifiesTheUnit() throws Exception {
		Path systemdAnalyze = Path.of("/usr/bin/systemd-analyze");
		Assumptions.assumeTrue(Files.isExecutable(systemdAnalyze),
				"systemd-analyze is not installed (Debian's systemd package): the unit cannot be verified here");
		// given the unit, with /opt/safetystats pointing at an install that has the
		// launcher
		Path install = Files.createDirectories(this.folder.resolve("opt/safetystats"));
		Path launcher = Files.writeString(install.resolve("safetystats"), "#!/bin/sh\nexit 0\n");
		Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path unit = this.folder.resolve("safetystats.service");
		Files.writeString(unit, Files.readString(UNIT).replace("/opt/safetystats", install.toString()));
		// when verified
		Process verify = new ProcessBuilder(systemdAnalyze.toString(), "verify", unit.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		// then nothing is wrong with it
		assertThat(verify.waitFor()).as(output).isZero();
		assertThat(output.lines().filter((line) -> line.contains("safetystats.service"))).as(output).isEmpty();
	}

	@Test
	void theUnitRunsServeHardenedWithTheHomeWritable() throws IOException {
		String unit = Files.readString(UNIT);
		assertThat(unit.lines()).contains("User=safetystats", "EnvironmentFile=/etc/safetystats/safetystats.env",
				"ExecStart=/opt/safetystats/safetystats serve --port ${SAFETYSTATS_PORT}", "Restart=on-failure",
				"StandardOutput=journal", "ProtectSystem=strict", "ReadWritePaths=/var/lib/safetystats",
				"NoNewPrivileges=true", "PrivateTmp=true");
		assertThat(Files.readString(Path.of("deploy/systemd/safetystats.env")).lines())
			.contains("SAFETYSTATS_HOME=/var/lib/safetystats", "SAFETYSTATS_COOKIE_SECURE=true");
	}

}
