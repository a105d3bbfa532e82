package io.github.loopbackfastpath.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.github.loopbackfastpath.engine.FastPathEngine;
import io.github.loopbackfastpath.jdk.ChannelHandles;
import io.github.loopbackfastpath.platform.SocketPlatform;
import io.github.loopbackfastpath.platform.detect.SocketPlatforms;
import io.github.loopbackfastpath.registry.SocketRegistry;

/**
 * The engines the benchmarks compare.
 *
 * @author Loopback Fast Path contributors
 */
final class Engines {

	private Engines() {
	}

	/**
	 * The engine of this OS: on Linux no ioctl exists, so the hook costs the handle
	 * lookup and the record.
	 * @param historySize closed sockets kept
	 * @return the engine
	 */
	static FastPathEngine thisOs(int historySize) {
		return new FastPathEngine(SocketPlatforms.detect(), ChannelHandles.detect(), new SocketRegistry(historySize),
				true, true);
	}

	/**
	 * A substitute at the Winsock boundary whose "ioctl" is a real native call on the
	 * socket ({@code getsockname} through libc), bound the way the Windows binding binds
	 * {@code WSAIoctl} (JNA direct mapping, per-thread buffers), answering
	 * {@code WSAEOPNOTSUPP}: the cost of the hook with one native call per socket, as on
	 * Windows.
	 * @param handles how native handles are reached
	 * @param historySize closed sockets kept
	 * @return the engine
	 */
	static FastPathEngine nativeCall(ChannelHandles handles, int historySize) {
		return new FastPathEngine(new NativeCallPlatform(), handles, new SocketRegistry(historySize), true, true);
	}

	static final class NativeCallPlatform implements SocketPlatform {

		private static final ThreadLocal<Memory[]> BUFFERS = ThreadLocal
			.withInitial(() -> new Memory[] { new Memory(128), new Memory(4) });

		private final SocketPlatform real = SocketPlatforms.detect();

		@Override
		public String osName() {
			return "substitute (libc call as ioctl)";
		}

		@Override
		public String osVersion() {
			return this.real.osVersion();
		}

		@Override
		public Integer windowsBuild() {
			return 19045;
		}

		@Override
		public boolean supportsFastPath() {
			return true;
		}

		@Override
		public String nativeLibrary() {
			return "libc";
		}

		@Override
		public int enableLoopbackFastPath(long handle) {
			Memory[] buffers = BUFFERS.get();
			buffers[1].setInt(0, 128);
			int result = Libc.getsockname((int) handle, buffers[0], buffers[1]);
			return (result == 0) ? 10045 : 10038;
		}

		@Override
		public int localPort(long handle) {
			return this.real.localPort(handle);
		}

	}

	static final class Libc {

		static {
			Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
		}

		private Libc() {
		}

		static native int getsockname(int socket, Pointer address, Pointer length);

	}

}
