package io.github.loopbackfastpath.unixdomain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import io.github.loopbackfastpath.registry.FastPathStatus;
import io.github.loopbackfastpath.registry.SocketRecord;
import io.github.loopbackfastpath.registry.SocketRegistry;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Transport;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The socket directory, publishing and the trust checks, on real AF_UNIX sockets and real
 * files.
 */
@EnabledOnOs(value = { OS.LINUX, OS.MAC }, disabledReason = "POSIX owners and permissions")
class UnixDomainPublisherAndRouterTests {

	private static final int PORT = 18080;

	@TempDir
	Path temp;

	private final SocketRegistry registry = new SocketRegistry(16);

	@Test
	void publishesInAnOwnerOnlyDirectoryAndRemovesTheFileOnClose() throws IOException {
		Path directory = this.temp.resolve("sockets");
		SameHostMode sockets = new SameHostMode(directory, this.registry);
		PublishedSocket published = sockets.publish("test", PORT, UnixDomainPublisherAndRouterTests::listen);
		assertThat(published).isNotNull();
		assertThat(published.path()).isEqualTo(directory.resolve(PORT + ".sock")).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		SocketRecord record = this.registry.records().get(0);
		assertThat(record.outcome().transport()).isEqualTo(Transport.UNIX_DOMAIN);
		assertThat(record.outcome().path()).isEqualTo(published.path().toString());
		assertThat(record.status()).isEqualTo(FastPathStatus.NOT_APPLICABLE);
		assertThat(sockets.route(URI.create("http://127.0.0.1:" + PORT + "/x"))).isEqualTo(published.path());
		assertThat(sockets.route(URI.create("http://localhost:" + PORT + "/x"))).isEqualTo(published.path());
		assertThat(sockets.route(URI.create("http://[::1]:" + PORT + "/x"))).isEqualTo(published.path());
		assertThat(sockets.route(URI.create("https://127.0.0.1:" + PORT + "/x"))).as("TLS stays on TCP").isNull();
		assertThat(sockets.route(URI.create("http://192.168.1.1:" + PORT + "/x"))).as("not loopback").isNull();
		assertThat(sockets.route(URI.create("http://127.0.0.1:" + (PORT + 1) + "/x"))).as("nothing published").isNull();
		sockets.close();
		assertThat(published.path()).doesNotExist();
		assertThat(record.isOpen()).isFalse();
		assertThat(sockets.published()).isEmpty();
	}

	@Test
	void aStaleSocketFileLeftByACrashedProcessIsReplaced() throws IOException {
		Path directory = ownerOnly(this.temp.resolve("sockets"));
		Path socket = directory.resolve(PORT + ".sock");
		ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		crashed.bind(UnixDomainSocketAddress.of(socket));
		crashed.close();
		assertThat(socket).exists();
		SameHostMode sockets = new SameHostMode(directory, this.registry);
		assertThat(sockets.publish("test", PORT, UnixDomainPublisherAndRouterTests::listen)).isNotNull();
		assertThat(SocketDirectory.isLive(socket)).isTrue();
		sockets.close();
	}

	@Test
	void aLiveSocketOfAnotherProcessIsNeverTakenOver() throws IOException {
		Path directory = ownerOnly(this.temp.resolve("sockets"));
		Path socket = directory.resolve(PORT + ".sock");
		try (ServerSocketChannel other = listen(socket)) {
			SameHostMode sockets = new SameHostMode(directory, this.registry);
			assertThat(sockets.publish("test", PORT, UnixDomainPublisherAndRouterTests::listen)).isNull();
			SocketRecord record = this.registry.records().get(0);
			assertThat(record.role()).isEqualTo(SocketRole.LISTENER);
			assertThat(record.status()).isEqualTo(FastPathStatus.SKIPPED);
			assertThat(record.outcome().path()).isEqualTo(socket.toString());
			assertThat(record.outcome().message()).contains("Another live process").contains("never taken over");
			assertThat(SocketDirectory.isLive(socket)).as("the other process still serves it").isTrue();
			sockets.close();
			assertThat(socket).as("not ours to remove").exists();
		}
	}

	@Test
	void aSocketPathLongerThanTheOsTakesIsARecordedReason() {
		Path directory = this.temp.resolve("d".repeat(60)).resolve("e".repeat(60));
		SameHostMode sockets = new SameHostMode(directory, this.registry);
		assertThat(sockets.publish("test", PORT, UnixDomainPublisherAndRouterTests::listen)).isNull();
		assertThat(this.registry.records().get(0).outcome().message()).contains("bytes long")
			.contains("Choose a shorter loopback.fast-path.unix-domain.directory");
	}

	@Test
	void aWorldWritableDirectoryIsNeitherPublishedInNorTrusted() throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve("shared"));
		Path socket = directory.resolve(PORT + ".sock");
		try (ServerSocketChannel planted = listen(socket)) {
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
			SameHostMode sockets = new SameHostMode(directory, this.registry);
			assertThat(sockets.route("127.0.0.1", PORT)).isNull();
			assertThat(sockets.publish("test", PORT + 1, UnixDomainPublisherAndRouterTests::listen)).isNull();
			assertThat(this.registry.records().get(0).outcome().message()).contains("grants others access (rwxrwxrwx)");
		}
	}

	@Test
	void aSocketFileOfAnotherUserIsNotUsed() throws IOException {
		assumeTrue("root".equals(System.getProperty("user.name")), "Only root can give a file to another user");
		Path directory = ownerOnly(this.temp.resolve("sockets"));
		Path socket = directory.resolve(PORT + ".sock");
		try (ServerSocketChannel planted = listen(socket)) {
			UserPrincipal nobody = socket.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("nobody");
			Files.setOwner(socket, nobody);
			SameHostMode sockets = new SameHostMode(directory, this.registry);
			assertThat(sockets.route("127.0.0.1", PORT)).isNull();
			assertThat(SocketTrust.currentUserOnly().untrustedFile(socket)).contains("belongs to nobody");
		}
	}

	@Test
	void aDirectoryOfAnUntrustedUserIsRefusedWithTheReasonAndTrustedWhenTheUserIs() throws IOException {
		assumeTrue("root".equals(System.getProperty("user.name")), "Only root can give a file to another user");
		Path directory = ownerOnly(this.temp.resolve("sockets"));
		Path socket = directory.resolve(PORT + ".sock");
		try (ServerSocketChannel otherApplication = listen(socket)) {
			UserPrincipal nobody = SocketTrust.lookupUser("nobody");
			Files.setOwner(directory, nobody);
			assertThat(SocketTrust.currentUserOnly().untrustedFile(socket))
				.contains("The socket directory " + directory + " belongs to nobody, who is not trusted")
				.contains("loopback.fast-path.unix-domain.trusted-users");
			assertThat(new SocketTrust(List.of(nobody), null).untrustedFile(socket)).isNull();
		}
	}

	@Test
	void aSocketFileNothingListensOnIsNotUsed() throws IOException {
		Path directory = ownerOnly(this.temp.resolve("sockets"));
		Path socket = directory.resolve(PORT + ".sock");
		listen(socket).close();
		SameHostMode sockets = new SameHostMode(directory, this.registry);
		assertThat(socket).exists();
		assertThat(sockets.route("localhost", PORT)).isNull();
	}

	@Test
	void aLiveSocketOfTheCurrentUserInAnOwnerOnlyDirectoryIsUsed() throws IOException {
		Path directory = ownerOnly(this.temp.resolve("sockets"));
		Path socket = directory.resolve(PORT + ".sock");
		try (ServerSocketChannel otherApplication = listen(socket)) {
			SameHostMode sockets = new SameHostMode(directory, this.registry);
			assertThat(sockets.route("localhost", PORT)).isEqualTo(socket);
			assertThat(SocketTrust.currentUserOnly().untrustedFile(socket)).isNull();
			assertThat(SocketTrust.currentUserOnly().untrustedPeer(socket)).as("the peer runs as this user").isNull();
		}
	}

	@Test
	void aSocketIsBoundInAPrivateDirectoryAndPublishedOnlyOnceItHasItsPermissions() throws IOException {
		Path directory = this.temp.resolve("sockets");
		Path published = directory.resolve(PORT + ".sock");
		SameHostMode sockets = new SameHostMode(directory, this.registry);
		PublishedSocket socket = sockets.publish("test", PORT, (bound, accepted) -> {
			assertThat(bound.getFileName()).isEqualTo(published.getFileName());
			assertThat(bound.getParent().getParent()).isEqualTo(directory);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bound.getParent())))
				.isEqualTo("rwx------");
			assertThat(published).doesNotExist();
			return listen(bound)::close;
		});
		assertThat(socket).isNotNull();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(published))).isEqualTo("rw-------");
		try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(published))) {
			assertThat(client.isConnected()).isTrue();
		}
		sockets.close();
		assertThat(directory).isEmptyDirectory();
	}

	@Test
	void aListenerBoundToOneAddressServesThatAddressOnlyAndAWildcardOneEveryLoopbackAddress() throws Exception {
		Path directory = this.temp.resolve("sockets");
		SameHostMode sockets = new SameHostMode(directory, this.registry);
		PublishedSocket one = sockets.publish("test", PORT, InetAddress.getByName("127.0.0.2"),
				UnixDomainPublisherAndRouterTests::listen);
		assertThat(one.path()).isEqualTo(directory.resolve(PORT + "@127.0.0.2.sock"));
		assertThat(sockets.route("127.0.0.2", PORT)).isEqualTo(one.path());
		assertThat(sockets.route("127.0.0.1", PORT)).isNull();
		assertThat(sockets.route("localhost", PORT)).isNull();
		PublishedSocket wildcard = sockets.publish("test", PORT + 1, InetAddress.getByName("0.0.0.0"),
				UnixDomainPublisherAndRouterTests::listen);
		assertThat(wildcard.path()).isEqualTo(directory.resolve((PORT + 1) + ".sock"));
		for (String host : List.of("127.0.0.1", "127.0.0.2", "localhost", "[::1]")) {
			assertThat(sockets.route(host, PORT + 1)).as(host).isEqualTo(wildcard.path());
		}
		assertThat(sockets.publish("test", PORT + 2, InetAddress.getByName("192.0.2.1"),
				UnixDomainPublisherAndRouterTests::listen))
			.as("a listener on a non-loopback address")
			.isNull();
		assertThat(this.registry.records()).anySatisfy((record) -> assertThat(record.outcome().message())
			.contains("bound to 192.0.2.1, not a loopback address"));
		sockets.close();
	}

	private static Path ownerOnly(Path directory) throws IOException {
		return Files.createDirectory(directory,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	private static ServerSocketChannel listen(Path socket) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		channel.bind(UnixDomainSocketAddress.of(socket));
		return channel;
	}

	private static Serving listen(Path socket, AcceptedConnections accepted) throws IOException {
		return listen(socket)::close;
	}

}
