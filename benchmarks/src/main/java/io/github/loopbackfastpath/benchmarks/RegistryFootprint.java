package io.github.loopbackfastpath.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRegistry;
import org.openjdk.jol.info.GraphLayout;

/**
 * The registry's memory after many connections have come and gone: real loopback
 * connections through the engine, with a few kept open, and the registry's retained size
 * measured with JOL at checkpoints up to 100,000 connections. The bound is open sockets
 * plus history-size.
 *
 * @author Loopback Fast Path contributors
 */
public final class RegistryFootprint {

	private static final int HISTORY_SIZE = 256;

	private static final int KEPT_OPEN = 10;

	private static final Set<Integer> CHECKPOINTS = Set.of(1_000, 10_000, 50_000, 100_000);

	private RegistryFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int total = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		FastPathEngine fastPath = Engines.thisOs(HISTORY_SIZE);
		SocketRegistry registry = fastPath.registry();
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
			InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
			List<SocketChannel> accepted = new ArrayList<>();
			Thread acceptor = new Thread(() -> acceptAll(server, accepted), "acceptor");
			acceptor.setDaemon(true);
			acceptor.start();
			List<SocketChannel> open = new ArrayList<>();
			for (int i = 0; i < KEPT_OPEN; i++) {
				open.add(connect(fastPath, address));
			}
			System.out.printf(Locale.ROOT,
					"| connections | records held (between sweeps) | records kept (after a sweep) | open | bound (open + %d) | retained size of the registry | heap used after GC |%n",
					HISTORY_SIZE);
			System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
			for (int i = KEPT_OPEN + 1; i <= total; i++) {
				connect(fastPath, address).close();
				if (CHECKPOINTS.contains(i) || i == total) {
					report(registry, i, open);
				}
			}
			for (SocketChannel channel : open) {
				channel.close();
			}
		}
	}

	private static void report(SocketRegistry registry, int connections, List<SocketChannel> openChannels) {
		int open = openChannels.size();
		int beforeSweep = registry.size();
		System.gc();
		registry.sweep();
		// What the registry holds beyond the open sockets themselves (which it only sees
		// through weak references), the JDK state reachable from them, and the class
		// metadata its EnumMap points to (Class, Module, class loader)
		Object[] shared = new Object[openChannels.size() + 1];
		openChannels.toArray(shared);
		shared[openChannels.size()] = io.github.loopbackfastpath.registry.FastPathStatus.class;
		GraphLayout layout = GraphLayout.parseInstance(registry).subtract(GraphLayout.parseInstance(shared));
		long retained = layout.totalSize();
		if (Boolean.getBoolean("footprint")) {
			System.err.println(layout.toFootprint());
		}
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		int kept = registry.size();
		System.out.printf(Locale.ROOT, "| %,d | %d | %d | %d | %d | %,d bytes | %.1f MiB |%n", connections, beforeSweep,
				kept, registry.openCount(), open + HISTORY_SIZE, retained, heap / (1024.0 * 1024.0));
		if (kept > open + HISTORY_SIZE || beforeSweep > open + HISTORY_SIZE + Math.max(64, open) + 1) {
			throw new IllegalStateException("The registry kept " + beforeSweep + " records before the sweep and " + kept
					+ " after, more than " + (open + HISTORY_SIZE) + " plus the sweep interval");
		}
	}

	private static SocketChannel connect(FastPathEngine fastPath, InetSocketAddress address) throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.setOption(StandardSocketOptions.SO_LINGER, 0);
		fastPath.request(SocketRequest.client("footprint", LiveSocket.of(channel), address), channel);
		channel.connect(address);
		return channel;
	}

	private static void acceptAll(ServerSocketChannel server, List<SocketChannel> accepted) {
		try {
			while (true) {
				server.accept().close();
			}
		}
		catch (IOException ex) {
			// done
		}
	}

}
