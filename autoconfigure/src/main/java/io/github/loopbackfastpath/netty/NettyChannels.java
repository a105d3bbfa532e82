package io.github.loopbackfastpath.netty;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.Channel;
import java.nio.file.Path;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.engine.SocketRequest;
import io.github.loopbackfastpath.platform.NativeHandle;
import io.github.loopbackfastpath.registry.ListenerRecord;
import io.github.loopbackfastpath.registry.LiveSocket;
import io.github.loopbackfastpath.registry.SocketRole;
import io.github.loopbackfastpath.registry.Stage;
import io.github.loopbackfastpath.registry.TrackedSocket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.nio.AbstractNioChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.ServerDomainSocketChannel;
import io.netty.channel.unix.UnixChannel;
import org.jspecify.annotations.Nullable;

/**
 * The native socket of a Netty channel: the native transports expose their descriptor
 * ({@link UnixChannel#fd()}); the NIO transport wraps a JDK channel, reached through
 * {@code AbstractNioChannel#javaChannel()} (the one reflective access to Netty,
 * registered by {@link NettyRuntimeHints}) and then like any JDK channel.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyChannels {

	static final String JAVA_CHANNEL_METHOD = "javaChannel";

	private static final boolean UNIX_PRESENT = isPresent("io.netty.channel.unix.UnixChannel");

	private static final @Nullable Method JAVA_CHANNEL = javaChannelMethod();

	private NettyChannels() {
	}

	/**
	 * The native socket of a Netty channel.
	 * @param channel the channel
	 * @param fastPath the engine, whose handle finder reaches JDK channels
	 * @return the handle, or why it is unavailable
	 */
	public static NativeHandle handle(io.netty.channel.Channel channel, LoopbackFastPath fastPath) {
		if (UNIX_PRESENT && Unix.isUnixChannel(channel)) {
			return Unix.handle(channel);
		}
		if (channel instanceof AbstractNioChannel) {
			Channel javaChannel = javaChannel(channel);
			return (javaChannel != null) ? fastPath.handleOf(javaChannel)
					: NativeHandle.unavailable("AbstractNioChannel.javaChannel() is not accessible (is Netty on the "
							+ "module path without being open to this code?)");
		}
		return NativeHandle
			.unavailable("The Netty transport " + channel.getClass().getName() + " exposes no native socket");
	}

	/**
	 * The JDK channel under a channel of Netty's NIO transport.
	 * @param channel a Netty channel
	 * @return the JDK channel, or {@code null} for another transport
	 */
	public static @Nullable Channel jdkChannel(io.netty.channel.Channel channel) {
		return javaChannel(channel);
	}

	/**
	 * The file descriptor of an open channel of Netty's native transports (epoll, kqueue,
	 * io_uring).
	 * @param channel a Netty channel
	 * @return the descriptor, or {@code null} for another transport or a closed channel
	 */
	public static @Nullable Integer fd(io.netty.channel.Channel channel) {
		if (UNIX_PRESENT && Unix.isUnixChannel(channel)) {
			NativeHandle handle = Unix.handle(channel);
			return (handle.value() != null) ? handle.value().intValue() : null;
		}
		return null;
	}

	private static @Nullable Channel javaChannel(io.netty.channel.Channel channel) {
		if (JAVA_CHANNEL == null || !(channel instanceof AbstractNioChannel)) {
			return null;
		}
		try {
			return (Channel) JAVA_CHANNEL.invoke(channel);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A weak live view of a Netty channel.
	 * @param channel the channel
	 * @return the view
	 */
	public static LiveSocket live(io.netty.channel.Channel channel) {
		return new NettyLiveSocket(channel);
	}

	/**
	 * Request the fast path for a server channel that is created and not bound yet, count
	 * the connections it accepts (a handler first in its pipeline), and report it closed
	 * when it closes. Never throws: a failing hook leaves the channel as it was and is
	 * recorded.
	 * @param fastPath the engine
	 * @param component what opened the channel
	 * @param channel the server channel, unregistered and unbound
	 */
	public static void beforeBind(LoopbackFastPath fastPath, String component, io.netty.channel.Channel channel) {
		try {
			if (isDomainServerChannel(channel)) {
				// Such as Spring gRPC's domain-socket server: recorded
				// once bound, no ioctl
				channel.pipeline().addFirst(new DomainSocketBind(fastPath, component));
				return;
			}
			listen(channel, fastPath.request(SocketRequest.listener(component, Stage.BEFORE_BIND, live(channel)),
					NativeHandle.readLater(channel, (live) -> handle(live, fastPath))));
		}
		catch (RuntimeException | LinkageError ex) {
			// Best effort: never break the listener, never stay silent
			fastPath.hookFailed(SocketRole.LISTENER, component, ex);
		}
	}

	/**
	 * Request the fast path for a client channel about to connect: skipped, with the
	 * reason, when the remote address is not TCP or is resolved and not loopback (the
	 * ioctl has no effect there); reported closed when the channel closes. Never throws:
	 * a failing hook leaves the channel as it was and is recorded.
	 * @param fastPath the engine
	 * @param component what opened the channel
	 * @param channel the channel, registered and not connected
	 * @param remoteAddress where it is about to connect
	 */
	public static void beforeConnect(LoopbackFastPath fastPath, String component, io.netty.channel.Channel channel,
			@Nullable SocketAddress remoteAddress) {
		try {
			if (remoteAddress != null && NettyDomainSockets.isDomainSocket(remoteAddress)) {
				// An AF_UNIX connection: the same-host mode records it
				return;
			}
			InetSocketAddress remote = (remoteAddress instanceof InetSocketAddress inet) ? inet : null;
			SocketRequest request = SocketRequest.client(component, live(channel), remote);
			String notLoopback = request.notLoopback();
			TrackedSocket socket;
			if (remote == null) {
				socket = fastPath.skip(request, "The channel connects to " + remoteAddress
						+ ", which is not a TCP address: the loopback fast path is for TCP only.");
			}
			else if (notLoopback != null) {
				socket = fastPath.skip(request, notLoopback);
			}
			else {
				socket = fastPath.request(request, NativeHandle.readLater(channel, (live) -> handle(live, fastPath)));
			}
			closeWith(channel, socket);
		}
		catch (RuntimeException | LinkageError ex) {
			// Best effort: never break a connection, never stay silent
			fastPath.hookFailed(SocketRole.CLIENT, component, ex);
		}
	}

	// A listener's record counts what the channel accepts and closes with it
	private static void listen(io.netty.channel.Channel channel, TrackedSocket socket) {
		ListenerRecord record = new ListenerRecord();
		record.set(socket);
		channel.pipeline().addFirst(new AcceptCounter(record));
		channel.closeFuture().addListener((future) -> record.closed());
	}

	/**
	 * Report the socket closed as soon as the channel closes.
	 * @param channel the channel
	 * @param socket the tracked socket
	 */
	public static void closeWith(io.netty.channel.Channel channel, TrackedSocket socket) {
		channel.closeFuture().addListener((future) -> socket.closed());
	}

	private static @Nullable Method javaChannelMethod() {
		try {
			Method method = AbstractNioChannel.class.getDeclaredMethod(JAVA_CHANNEL_METHOD);
			method.setAccessible(true);
			return method;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, NettyChannels.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static boolean isDomainServerChannel(io.netty.channel.Channel channel) {
		return channel instanceof NioServerDomainSocketChannel || (UNIX_PRESENT && Unix.isDomainServerChannel(channel));
	}

	/**
	 * Only loaded when Netty's native Unix transport classes are on the classpath.
	 */
	private static final class Unix {

		static boolean isUnixChannel(io.netty.channel.Channel channel) {
			return channel instanceof UnixChannel;
		}

		static boolean isDomainServerChannel(io.netty.channel.Channel channel) {
			return channel instanceof ServerDomainSocketChannel;
		}

		static NativeHandle handle(io.netty.channel.Channel channel) {
			io.netty.channel.unix.FileDescriptor fd = ((UnixChannel) channel).fd();
			return fd.isOpen() ? NativeHandle.of(fd.intValue())
					: NativeHandle.unavailable(channel.getClass().getName() + " is closed");
		}

	}

	/**
	 * Records an AF_UNIX server channel with its socket file once it is bound, counts
	 * what it accepts, and steps aside.
	 */
	private static final class DomainSocketBind extends ChannelOutboundHandlerAdapter {

		private final LoopbackFastPath fastPath;

		private final String component;

		DomainSocketBind(LoopbackFastPath fastPath, String component) {
			this.fastPath = fastPath;
			this.component = component;
		}

		@Override
		public void bind(ChannelHandlerContext context, SocketAddress localAddress, ChannelPromise promise) {
			context.pipeline().remove(this);
			io.netty.channel.Channel channel = context.channel();
			Path path = NettyDomainSockets.path(localAddress);
			if (path != null) {
				promise.addListener((bound) -> {
					if (bound.isSuccess()) {
						listen(channel, this.fastPath.notTcp(SocketRole.LISTENER, this.component, path, live(channel)));
					}
				});
			}
			context.bind(localAddress, promise);
		}

	}

	/**
	 * Sees every channel a server channel accepts: one add to a striped counter.
	 */
	private static final class AcceptCounter extends ChannelInboundHandlerAdapter {

		private final ListenerRecord record;

		AcceptCounter(ListenerRecord record) {
			this.record = record;
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (message instanceof io.netty.channel.Channel) {
				this.record.accepted();
			}
			context.fireChannelRead(message);
		}

	}

	private static final class NettyLiveSocket extends LiveSocket {

		private final WeakReference<io.netty.channel.Channel> channel;

		NettyLiveSocket(io.netty.channel.Channel channel) {
			this.channel = new WeakReference<>(channel);
		}

		@Override
		public boolean isOpen() {
			io.netty.channel.Channel channel = this.channel.get();
			return channel != null && channel.isOpen();
		}

		@Override
		protected @Nullable InetSocketAddress readLocalAddress() {
			io.netty.channel.Channel channel = this.channel.get();
			return (channel != null) ? LiveSocket.inet(channel.localAddress()) : null;
		}

		@Override
		protected @Nullable InetSocketAddress readRemoteAddress() {
			io.netty.channel.Channel channel = this.channel.get();
			return (channel != null) ? LiveSocket.inet(channel.remoteAddress()) : null;
		}

	}

}
