package io.github.loopbackfastpath.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.client.reactor.ReactorNettyClientFastPath;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.netty.channel.ChannelOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.netty.Connection;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

/**
 * The cost of one loopback connection (open, hook, connect, close) with the starter's
 * hook and without, in the same run: for a JDK NIO channel and through Reactor Netty. The
 * server accepts and closes; clients close with {@code SO_LINGER} 0, so that no
 * {@code TIME_WAIT} piles up.
 *
 * @author Loopback Fast Path contributors
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1,
		jvmArgsAppend = { "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
@State(Scope.Benchmark)
public class ConnectionBenchmark {

	/**
	 * {@code off}: no hook. {@code hook}: the starter's hook with this OS's platform.
	 * {@code hook-native}: the hook with one real JNA call per socket standing in for
	 * {@code WSAIoctl}, handles read through the exported {@code sun.nio.ch}.
	 * {@code hook-native-jni}: the same with handles read through the JNI route, as in an
	 * application started without JVM options.
	 */
	@Param({ "off", "hook", "hook-native", "hook-native-jni" })
	public String mode;

	private ServerSocketChannel server;

	private Thread acceptor;

	private InetSocketAddress address;

	private FastPathEngine fastPath;

	private LoopResources loops;

	private TcpClient tcpClient;

	private Engines.NativeCallPlatform probe;

	private SocketChannel probeChannel;

	private long probeHandle;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.server = ServerSocketChannel.open();
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		this.address = (InetSocketAddress) this.server.getLocalAddress();
		this.acceptor = new Thread(this::acceptAndClose, "bench-acceptor");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
		this.fastPath = switch (this.mode) {
			case "hook" -> Engines.thisOs(256);
			case "hook-native" -> Engines.nativeCall(ChannelHandles.detect(), 256);
			case "hook-native-jni" -> Engines.nativeCall(ChannelHandles.viaJni(), 256);
			default -> null;
		};
		this.loops = LoopResources.create("bench-client", 1, true);
		TcpClient client = TcpClient.create(ConnectionProvider.newConnection())
			.runOn(this.loops)
			.remoteAddress(() -> this.address)
			.option(ChannelOption.SO_LINGER, 0);
		this.tcpClient = (this.fastPath != null) ? new ReactorNettyClientFastPath(this.fastPath).apply(client) : client;
		if (this.mode.startsWith("hook-native")) {
			this.probe = new Engines.NativeCallPlatform();
			this.probeChannel = SocketChannel.open(this.address);
			this.probeHandle = ChannelHandles.detect().lookup(this.probeChannel).value();
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		if (this.probeChannel != null) {
			this.probeChannel.close();
		}
		this.server.close();
		this.loops.disposeLater().block(Duration.ofSeconds(10));
	}

	@Benchmark
	public void nioChannel() throws IOException {
		try (SocketChannel channel = SocketChannel.open()) {
			channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			if (this.fastPath != null) {
				this.fastPath.request(SocketRequest.client("bench", LiveSocket.of(channel), this.address), channel);
			}
			channel.connect(this.address);
		}
	}

	/**
	 * The native call alone, on an open socket, through the same binding as
	 * {@code hook-native}: the part of that mode's cost that is the system call, not the
	 * starter.
	 * @return the call's answer, so that it is not optimised away
	 */
	@Benchmark
	public int nativeCallOnly() {
		return (this.probe != null) ? this.probe.enableLoopbackFastPath(this.probeHandle) : 0;
	}

	@Benchmark
	public void reactorNetty() {
		Connection connection = this.tcpClient.connectNow(Duration.ofSeconds(10));
		connection.disposeNow(Duration.ofSeconds(10));
	}

	private void acceptAndClose() {
		try {
			while (true) {
				this.server.accept().close();
			}
		}
		catch (IOException ex) {
			// closed at tear-down
		}
	}

}
