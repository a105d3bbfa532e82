package io.github.loopbackfastpath.plain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same-host mode as real deployments run it, with real processes: the plain
 * application started with {@code java} in two network namespaces ({@code unshare
 * --net}) sharing one directory, under users made with {@code useradd} and run with
 * {@code setpriv}, behind Debian's nginx whose workers run as {@code www-data}, and
 * called with {@code curl}. Needs Linux and root (CI runs as root); elsewhere the tests
 * are skipped, and with {@code LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS=true} (as CI sets)
 * that is a failure instead.
 */
class SameHostDeploymentTests {

	private static Path classpath;

	private final List<Process> processes = new ArrayList<>();

	@BeforeAll
	static void realProcessesNeedRootOnLinux() throws Exception {
		boolean possible = System.getProperty("os.name").startsWith("Linux")
				&& "root".equals(System.getProperty("user.name")) && Commands.onPath("unshare")
				&& Commands.onPath("nsenter") && Commands.onPath("setpriv") && Commands.onPath("curl")
				&& Commands.onPath("ip") && Commands.onPath("nginx");
		if (!possible && "true".equals(System.getenv("LOOPBACK_FAST_PATH_REQUIRE_ROOT_TESTS"))) {
			throw new IllegalStateException("These tests need Linux, root, unshare, nsenter, setpriv, curl, ip and "
					+ "nginx (Debian: util-linux, curl, iproute2, nginx-light)");
		}
		assumeTrue(possible, "Linux, root, unshare, nsenter, setpriv, curl, ip and nginx");
		classpath = Commands.readableClasspath();
	}

	@AfterEach
	void stopProcesses() throws InterruptedException {
		for (Process process : this.processes) {
			process.descendants().forEach(ProcessHandle::destroy);
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void twoInstancesInTwoNetworkNamespacesSharingADirectoryEachAnswerTheirOwnLocalhostCalls() throws Exception {
		Path directory = Files.createTempDirectory("lfp-ns").resolve("shared");
		Process a = start(List.of("unshare", "--net", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""), directory,
				"A", 8080, "--management.server.port=8081");
		Commands.awaitAnswer(directory.resolve("8080.sock"), "A");
		Process b = start(List.of("unshare", "--net", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""), directory,
				"B", 8080);
		Path bSocket = Commands.await(() -> {
			try (Stream<Path> files = Files.list(directory)) {
				return files.filter((file) -> file.getFileName().toString().startsWith("8080-net"))
					.findFirst()
					.orElse(null);
			}
		});
		Commands.awaitAnswer(bSocket, "B");
		assertThat(bSocket.getFileName().toString()).isEqualTo("8080-net"
				+ Files.readSymbolicLink(Path.of("/proc/" + b.pid() + "/ns/net")).toString().replaceAll("\\D", "")
				+ ".sock");
		// Each one's own localhost calls are answered by itself, over AF_UNIX
		assertThat(Commands.inNamespace(a, "/call?port=8080")).contains("\"webClient\":\"A\"")
			.contains("\"restClient\":\"A\"");
		assertThat(Commands.inNamespace(b, "/call?port=8080")).contains("\"webClient\":\"B\"")
			.contains("\"restClient\":\"B\"");
		// A's actuator is on its management port
		assertClientsOverAfUnix(JsonPath.parse(Commands.inNamespace(a, 8081, "/actuator/loopbackfastpath")),
				directory.resolve("8080.sock"));
		DocumentContext bReport = JsonPath.parse(Commands.inNamespace(b, "/actuator/loopbackfastpath"));
		assertClientsOverAfUnix(bReport, bSocket);
		assertThat(bReport.read("$.unixDomain.published[0].path", String.class)).isEqualTo(bSocket.toString());
		// A's management port is published in the shared directory, but nothing listens
		// on 8081 in B's namespace: B's call fails as it does over TCP, never reaching A
		assertThat(directory.resolve("8081.sock")).exists();
		assertThat(Commands.inNamespace(b, "/call?port=8081&path=/actuator/health")).doesNotContain("UP")
			.contains("\"webClient\":\"error:")
			.contains("\"restClient\":\"error:");
		assertThat(Commands.inNamespace(a, "/call?port=8081&path=/actuator/health")).contains("UP");
	}

	@Test
	void nginxWithItsWorkersAsWwwDataGets502ByDefaultAnd200WithTheGroup() throws Exception {
		Path base = baseOfTheAppBehindNginx("lfp-nginx");
		Path directory = base.resolve("sockets");
		int appPort = TestSocketUtils.findAvailableTcpPort();
		int nginxPort = TestSocketUtils.findAvailableTcpPort();
		Path socket = directory.resolve(appPort + ".sock");
		startNginx(base, nginxPort, socket);

		Process ownerOnly = start(Commands.asUser("lfp-app"), directory, "app", appPort);
		Commands.awaitTcpAnswer(appPort, "app");
		assertThat(Commands.mode(directory)).isEqualTo("drwx------ lfp-app " + Commands.run("id", "-gn", "lfp-app"));
		assertThat(Commands.curl("-s", "-o", "/dev/null", "-w", "%{http_code}",
				"http://127.0.0.1:" + nginxPort + "/instance"))
			.isEqualTo("502");
		Commands.stop(ownerOnly);

		// The owner-only directory it made is not the group's: left exactly as it is,
		// the port stays on TCP, and one WARN says what to change
		Path log = base.resolve("group.log");
		Process withGroup = start(Commands.asUser("lfp-app"), directory, "app", appPort, log,
				"--loopback.fast-path.unix-domain.group=www-data");
		Commands.awaitTcpAnswer(appPort, "app");
		assertThat(Commands.mode(directory)).isEqualTo("drwx------ lfp-app " + Commands.run("id", "-gn", "lfp-app"));
		assertThat(socket).doesNotExist();
		assertThat(Files.readString(log)).containsOnlyOnce("chgrp www-data " + directory);
		Commands.stop(withGroup);

		Commands.run("rm", "-r", directory.toString());
		start(Commands.asUser("lfp-app"), directory, "app", appPort, "--loopback.fast-path.unix-domain.group=www-data");
		Commands.awaitTcpAnswer(appPort, "app");
		assertThat(Commands.mode(socket)).isEqualTo("srw-rw---- lfp-app www-data");
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + nginxPort + "/instance")).isEqualTo("app");
		assertThat(Commands.mode(directory)).isEqualTo("drwxr-x--- lfp-app www-data");
		// The application sees who called: nginx's workers
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + nginxPort + "/peer"))
			.isEqualTo("www-data " + Commands.run("id", "-u", "www-data") + " " + Commands.run("id", "-gn", "www-data")
					+ " " + Commands.run("id", "-g", "www-data"));
	}

	@Test
	void socketOnlyServersBehindNginxHaveNoTcpListenerAndAnswerTheApplicationsOwnCalls() throws Exception {
		Path base = baseOfTheAppBehindNginx("lfp-socket-only");
		Path directory = base.resolve("sockets");
		int appPort = TestSocketUtils.findAvailableTcpPort();
		int managementPort = TestSocketUtils.findAvailableTcpPort();
		int nginxPort = TestSocketUtils.findAvailableTcpPort();
		Path socket = directory.resolve(appPort + ".sock");
		Path managementSocket = directory.resolve(managementPort + ".sock");
		startNginx(base, nginxPort, socket);
		start(Commands.asUser("lfp-app"), directory, "app", appPort, "--loopback.fast-path.unix-domain.group=www-data",
				"--loopback.fast-path.unix-domain.socket-only=server,management",
				"--management.server.port=" + managementPort);
		Commands.awaitAnswer(socket, "app");
		assertThat(Commands.run("ss", "-Htln", "sport = :" + appPort)).as("TCP listeners on the server's port")
			.isEmpty();
		assertThat(Commands.run("ss", "-Htln", "sport = :" + managementPort)).as("TCP listeners on the management port")
			.isEmpty();
		assertThat(Commands.mode(socket)).isEqualTo("srw-rw---- lfp-app www-data");
		// nginx's workers, as www-data, reach it and are seen as themselves
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + nginxPort + "/instance")).isEqualTo("app");
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + nginxPort + "/peer"))
			.startsWith("www-data " + Commands.run("id", "-u", "www-data") + " ");
		// The application's own calls to 127.0.0.1:<port> are answered over the socket
		assertThat(Commands.curl("-s", "--unix-socket", socket.toString(),
				"http://127.0.0.1:" + appPort + "/call?port=" + appPort))
			.contains("\"webClient\":\"app\"")
			.contains("\"restClient\":\"app\"");
		assertThat(Commands.curl("-s", "--unix-socket", managementSocket.toString(),
				"http://127.0.0.1:" + managementPort + "/actuator/health"))
			.contains("UP");
	}

	@Test
	void anExistingApplicationDirectoryKeepsItsGroupAndPermissions() throws Exception {
		appUserInWwwData();
		Path directory = Files.createTempDirectory("lfp-existing").resolve("app");
		Commands.run("install", "-d", "-m", "770", "-o", "lfp-app", "-g", "adm", directory.toString());
		Commands.run("chmod", "755", directory.getParent().toString());
		Path file = directory.resolve("report.txt");
		Commands.run("install", "-m", "640", "-o", "lfp-app", "-g", "adm", "/dev/null", file.toString());
		int port = TestSocketUtils.findAvailableTcpPort();
		Path log = directory.getParent().resolve("app.log");
		start(Commands.asUser("lfp-app"), directory, "app", port, log,
				"--loopback.fast-path.unix-domain.group=www-data");
		Commands.awaitTcpAnswer(port, "app");
		assertThat(Commands.mode(directory)).isEqualTo("drwxrwx--- lfp-app adm");
		assertThat(Commands.mode(file)).isEqualTo("-rw-r----- lfp-app adm");
		assertThat(directory.resolve(port + ".sock")).doesNotExist();
		assertThat(Files.readString(log)).containsOnlyOnce("stays on TCP only")
			.contains("with the group adm, but loopback.fast-path.unix-domain.group is www-data");
	}

	@Test
	void anotherUserConnectingInATightLoopUnderUmask000NeverGetsIn() throws Exception {
		appUserInWwwData();
		for (String where : List.of("existing", "created")) {
			Path base = Files.createTempDirectory("lfp-umask");
			Commands.run("chmod", "755", base.toString());
			Path directory = base.resolve("sockets");
			if (where.equals("existing")) {
				// The case: an rwxr-xr-x directory of the application's user
				Commands.run("install", "-d", "-m", "755", "-o", "lfp-app", directory.toString());
			}
			else {
				Commands.run("chown", "lfp-app", base.toString());
			}
			int port = TestSocketUtils.findAvailableTcpPort();
			Path attempts = base.resolve("attempts.txt");
			Process loop = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
					"sh", "-c",
					"while :; do curl -s --max-time 2 --unix-socket " + directory.resolve(port + ".sock")
							+ " http://localhost/instance; echo; done")
				.redirectErrorStream(true)
				.redirectOutput(attempts.toFile())
				.start();
			this.processes.add(loop);
			List<String> umask000 = new ArrayList<>(List.of("sh", "-c", "umask 000 && exec \"$0\" \"$@\""));
			umask000.addAll(Commands.asUser("lfp-app"));
			Process app = start(umask000, directory, "app", port);
			Commands.awaitTcpAnswer(port, "app");
			// The loop keeps trying once the application serves, then stops
			Thread.sleep(2000);
			Commands.stop(loop);
			assertThat(Files.readAllLines(attempts)).as(where)
				.hasSizeGreaterThan(10)
				.noneMatch((line) -> line.contains("app"));
			Commands.stop(app);
		}
	}

	// A directory of the application's user, lfp-app (in www-data), that nginx's
	// workers may enter
	private static Path baseOfTheAppBehindNginx(String prefix) throws Exception {
		appUserInWwwData();
		Path base = Files.createTempDirectory(prefix);
		Commands.run("chown", "lfp-app", base.toString());
		Commands.run("chmod", "755", base.toString());
		return base;
	}

	private static void appUserInWwwData() throws Exception {
		Commands.run("sh", "-c",
				"id lfp-app || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin lfp-app");
		Commands.run("usermod", "-aG", "www-data", "lfp-app");
	}

	@Test
	void aServiceCallsAnotherUsersServiceOverAfUnixOnlyWhenItTrustsThatUser() throws Exception {
		Path directory = sharedDirectoryOfTwoServices("lfp-svc");
		int aPort = TestSocketUtils.findAvailableTcpPort();
		int bPort = TestSocketUtils.findAvailableTcpPort();
		start(Commands.asUser("svc-a"), directory, "A", aPort, "--loopback.fast-path.unix-domain.group=lfp-shared");
		Commands.awaitTcpAnswer(aPort, "A");
		Path aSocket = directory.resolve(aPort + ".sock");
		assertThat(Commands.mode(aSocket)).isEqualTo("srw-rw---- svc-a lfp-shared");

		Process trusting = start(Commands.asUser("svc-b"), directory, "B", bPort,
				"--loopback.fast-path.unix-domain.group=lfp-shared",
				"--loopback.fast-path.unix-domain.trusted-users=svc-a");
		Commands.awaitTcpAnswer(bPort, "B");
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + bPort + "/call?port=" + aPort))
			.contains("\"webClient\":\"A\"")
			.contains("\"restClient\":\"A\"");
		List<Map<String, Object>> overAfUnix = JsonPath
			.parse(Commands.curl("-s", "http://127.0.0.1:" + bPort + "/actuator/loopbackfastpath"))
			.read("$.sockets[?(@.role == 'CLIENT' && @.path == '" + aSocket + "')]");
		assertThat(overAfUnix).extracting((client) -> client.get("component"))
			.contains("reactor-netty-client", "httpclient5");
		Commands.stop(trusting);

		Path log = directory.getParent().resolve("b.log");
		start(Commands.asUser("svc-b"), directory, "B", bPort, log,
				"--loopback.fast-path.unix-domain.group=lfp-shared");
		Commands.awaitTcpAnswer(bPort, "B");
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + bPort + "/call?port=" + aPort))
			.contains("\"webClient\":\"A\"")
			.contains("\"restClient\":\"A\"");
		List<Map<String, Object>> untrusted = JsonPath
			.parse(Commands.curl("-s", "http://127.0.0.1:" + bPort + "/actuator/loopbackfastpath"))
			.read("$.sockets[?(@.role == 'CLIENT' && @.path == '" + aSocket + "')]");
		assertThat(untrusted).as("over TCP, not over A's socket").isEmpty();
		assertThat(Files.readString(log)).containsOnlyOnce("not using " + aSocket)
			.contains("belongs to svc-a, who is not trusted");
	}

	@Test
	void eachRequestOverTheSocketCarriesTheIdentityOfTheUserWhoseProcessConnected() throws Exception {
		Path directory = sharedDirectoryOfTwoServices("lfp-peer");
		int port = TestSocketUtils.findAvailableTcpPort();
		start(Commands.asUser("svc-a"), directory, "A", port, "--loopback.fast-path.unix-domain.group=lfp-shared");
		Commands.awaitTcpAnswer(port, "A");
		Path socket = directory.resolve(port + ".sock");
		for (String user : List.of("svc-b", "svc-a", "svc-b")) {
			List<String> curl = new ArrayList<>(Commands.asUser(user));
			curl.addAll(List.of("curl", "-s", "--max-time", "60", "--unix-socket", socket.toString(),
					"http://127.0.0.1:" + port + "/peer"));
			assertThat(Commands.run(curl.toArray(String[]::new))).as(user)
				.isEqualTo(user + " " + Commands.run("id", "-u", user) + " " + Commands.run("id", "-gn", user) + " "
						+ Commands.run("id", "-g", user));
		}
		assertThat(Commands.curl("-s", "http://127.0.0.1:" + port + "/peer")).as("over TCP").isEqualTo("none");
		Map<String, Object> peerUsers = JsonPath
			.parse(Commands.curl("-s", "http://127.0.0.1:" + port + "/actuator/loopbackfastpath"))
			.read("$.unixDomain.published[0].peerUsers");
		// svc-a: its curl above, and the application's own calls once ready (WebClient,
		// RestClient), which may share a connection
		assertThat(peerUsers).containsOnlyKeys("svc-a", "svc-b").containsEntry("svc-b", 2);
		assertThat(((Number) peerUsers.get("svc-a")).intValue()).isBetween(1, 3);
	}

	// Users svc-a and svc-b, both in lfp-shared, and a directory the group shares
	// (sticky)
	private static Path sharedDirectoryOfTwoServices(String prefix) throws Exception {
		Commands.run("sh", "-c", "getent group lfp-shared || groupadd --system lfp-shared");
		for (String user : List.of("svc-a", "svc-b")) {
			Commands.run("sh", "-c",
					"id " + user + " || useradd --system --no-create-home --shell /usr/sbin/nologin " + user);
			Commands.run("usermod", "-aG", "lfp-shared", user);
		}
		Path directory = Files.createTempDirectory(prefix).resolve("shared");
		Commands.run("install", "-d", "-m", "1770", "-g", "lfp-shared", directory.toString());
		Commands.run("chmod", "755", directory.getParent().toString());
		return directory;
	}

	private static void assertClientsOverAfUnix(DocumentContext report, Path socket) {
		List<Map<String, Object>> clients = report.read("$.sockets[?(@.role == 'CLIENT')]");
		assertThat(clients).extracting((client) -> client.get("component"))
			.contains("reactor-netty-client", "httpclient5");
		assertThat(clients).allSatisfy((client) -> assertThat(client).containsEntry("transport", "UNIX_DOMAIN")
			.containsEntry("path", socket.toString()));
	}

	private Process start(List<String> prefix, Path directory, String name, int port, String... args)
			throws IOException {
		return start(prefix, directory, name, port, null, args);
	}

	private Process start(List<String> prefix, Path directory, String name, int port, Path log, String... args)
			throws IOException {
		List<String> command = new ArrayList<>(prefix);
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-cp", classpath + "/*", PlainApplication.class.getName(), "--server.port=" + port,
				"--spring.application.name=" + name, "--loopback.fast-path.unix-domain.enabled=true",
				"--loopback.fast-path.unix-domain.directory=" + directory, "--logging.level.root=warn"));
		command.addAll(List.of(args));
		Path output = (log != null) ? log : Files.createTempFile("lfp-" + name, ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		this.processes.add(process);
		return process;
	}

	private void startNginx(Path base, int port, Path socket) throws Exception {
		Path conf = base.resolve("nginx.conf");
		Files.writeString(conf, """
				user www-data;
				daemon off;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log;
				events {}
				http {
					access_log off;
					client_body_temp_path %1$s/body;
					proxy_temp_path %1$s/proxy;
					fastcgi_temp_path %1$s/fastcgi;
					uwsgi_temp_path %1$s/uwsgi;
					scgi_temp_path %1$s/scgi;
					server {
						listen 127.0.0.1:%2$d;
						location / {
							proxy_pass http://unix:%3$s:;
						}
					}
				}
				""".formatted(base, port, socket));
		Process nginx = new ProcessBuilder("nginx", "-c", conf.toString(), "-p", base.toString())
			.redirectErrorStream(true)
			.redirectOutput(base.resolve("nginx.out").toFile())
			.start();
		this.processes.add(nginx);
		Commands
			.await(() -> Commands.curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + port + "/")
				.equals("502") ? "up" : null);
	}

}
