package org.safetystats.database;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safetystats.system.UserFacingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default kept running between commands: started once, joined after, safe
 * against a stale pid file, a busy port and two commands at once, and stopped by
 * {@code db --stop}. Every test stops the servers it started, so a run leaves none.
 */
class EmbeddedServerTests {

	@TempDir
	static Path home;

	private final Path data = home.resolve("db");

	@AfterEach
	void stopServer() {
		EmbeddedServer.stop(this.data);
	}

	@Test
	void startsOnceThenIsJoinedUntilStopped() throws Exception {
		// given a server started by a first command
		EmbeddedServer first = EmbeddedServer.startOrJoin(this.data, 0, false);
		long pid = Postmaster.read(this.data).orElseThrow().pid();
		// when a second command comes
		EmbeddedServer second = EmbeddedServer.startOrJoin(this.data, 0, false);
		// then it joins the same server and its database
		assertThat(first.started()).isTrue();
		assertThat(second.started()).isFalse();
		assertThat(second.port()).isEqualTo(first.port());
		assertThat(Postmaster.read(this.data).orElseThrow().pid()).isEqualTo(pid);
		assertThat(query(second, "SELECT current_database()")).isEqualTo(EmbeddedDatabase.DATABASE);
		// and it is durable: a commit (a file then leaves the inbox) outlasts a power cut
		assertThat(query(second, "SHOW fsync")).isEqualTo("on");
		assertThat(query(second, "SHOW synchronous_commit")).isEqualTo("on");
		// and db --stop stops it, once
		assertThat(EmbeddedServer.stop(this.data)).isTrue();
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(this.data.resolve("postmaster.pid")).doesNotExist();
		assertThat(EmbeddedServer.stop(this.data)).isFalse();
		// and the next command starts it again on the same port at once (the stopped
		// server's connections in TIME_WAIT do not hold it)
		assertThat(EmbeddedServer.startOrJoin(this.data, first.port(), true).started()).isTrue();
	}

	@Test
	void aStalePidFileIsClearedAndTheDataKept() throws Exception {
		// given data, and a postmaster.pid left by a server that is gone (its number now
		// another program's: this JVM's)
		EmbeddedServer before = EmbeddedServer.startOrJoin(this.data, 0, false);
		execute(before, "CREATE TABLE IF NOT EXISTS kept AS SELECT 'still here' AS v");
		EmbeddedServer.stop(this.data);
		Files.writeString(this.data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + this.data
				+ "\n1\n" + before.port() + "\n/tmp\nlocalhost\n  1  2\nready   \n");
		// when a command comes, then it starts the server afresh on the same data
		EmbeddedServer after = EmbeddedServer.startOrJoin(this.data, 0, false);
		assertThat(after.started()).isTrue();
		assertThat(query(after, "SELECT v FROM kept")).isEqualTo("still here");
	}

	@Test
	void aBusyPortGivesWayUnlessItWasChosen() throws Exception {
		try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			// a port chosen with SAFETYSTATS_EMBEDDED_PORT is refused, naming it
			assertThatThrownBy(() -> EmbeddedServer.startOrJoin(this.data, busy.getLocalPort(), true))
				.isInstanceOf(UserFacingException.class)
				.hasMessageContaining("Port " + busy.getLocalPort() + " ");
			// the default port (another checkout's server may hold it) gives way to a
			// free one
			EmbeddedServer server = EmbeddedServer.startOrJoin(this.data, busy.getLocalPort(), false);
			assertThat(server.port()).isNotEqualTo(busy.getLocalPort());
			assertThat(query(server, "SELECT 1")).isEqualTo("1");
		}
	}

	@Test
	void twoCommandsAtOnceStartOneServer() {
		List<CompletableFuture<EmbeddedServer>> commands = List.of(
				CompletableFuture.supplyAsync(() -> EmbeddedServer.startOrJoin(this.data, 0, false)),
				CompletableFuture.supplyAsync(() -> EmbeddedServer.startOrJoin(this.data, 0, false)));
		List<EmbeddedServer> servers = commands.stream().map(CompletableFuture::join).toList();
		assertThat(servers).extracting(EmbeddedServer::port).containsOnly(servers.get(0).port());
		assertThat(servers).filteredOn(EmbeddedServer::started).hasSize(1);
	}

	private static String query(EmbeddedServer server, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(server.jdbcUrl(EmbeddedDatabase.DATABASE), "postgres", "");
				ResultSet rs = c.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static void execute(EmbeddedServer server, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(server.jdbcUrl(EmbeddedDatabase.DATABASE), "postgres", "")) {
			c.createStatement().execute(sql);
		}
	}

}
