package io.github.loopbackfastpath.unixdomain.client.httpclient5;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import org.jspecify.annotations.Nullable;

/**
 * A {@link java.net.Socket} over a JDK AF_UNIX {@link SocketChannel}, for HttpClient 5's
 * classic I/O: blocking streams with {@code SO_TIMEOUT} honoured through a selector (its
 * stale-connection check relies on a read timing out). Everything a TCP socket has and an
 * AF_UNIX socket has not (TCP options, linger, an IP address) is a no-op or empty, and
 * the base class's own socket is never created: closing the adapter closes all it opened.
 *
 * @author Loopback Fast Path contributors
 */
final class UnixDomainSocketAdapter extends java.net.Socket {

	// At most what the JDK's own socket streams pass to the OS in one call
	private static final int MAX_TRANSFER = 128 * 1024;

	private final SocketChannel channel;

	private final Selector selector;

	private final SelectionKey key;

	private final InputStream input = new Input();

	private final OutputStream output = new Output();

	private volatile int timeout;

	private UnixDomainSocketAdapter(SocketChannel channel, Selector selector) throws IOException {
		this.channel = channel;
		this.selector = selector;
		this.key = channel.register(selector, SelectionKey.OP_READ);
	}

	/**
	 * Connect to an AF_UNIX socket.
	 * @param path the socket file
	 * @param buffers the buffer size to ask for
	 * @return the connected socket
	 * @throws IOException if the connection fails
	 */
	static UnixDomainSocketAdapter connect(Path path, SocketBuffers buffers) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		Selector selector = null;
		try {
			buffers.applyTo(channel);
			channel.connect(UnixDomainSocketAddress.of(path));
			channel.configureBlocking(false);
			selector = Selector.open();
			return new UnixDomainSocketAdapter(channel, selector);
		}
		catch (IOException | RuntimeException ex) {
			if (selector != null) {
				selector.close();
			}
			channel.close();
			throw ex;
		}
	}

	SocketChannel channel() {
		return this.channel;
	}

	// Wait until the channel is ready for the operation, or the timeout (0: forever)
	private void await(int operation, int timeout) throws IOException {
		if (!this.channel.isOpen()) {
			throw new SocketException("Socket is closed");
		}
		// Read interest stays set (level-triggered, and only waited on after a read found
		// nothing), so a response costs no interest change
		if (operation != SelectionKey.OP_READ) {
			this.key.interestOps(operation);
		}
		int ready = this.selector.select(timeout);
		this.selector.selectedKeys().clear();
		if (operation != SelectionKey.OP_READ) {
			this.key.interestOps(SelectionKey.OP_READ);
		}
		if (ready == 0 && timeout > 0) {
			throw new SocketTimeoutException("Read timed out after " + timeout + " ms");
		}
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return this.input;
	}

	@Override
	public OutputStream getOutputStream() throws IOException {
		return this.output;
	}

	@Override
	public void setSoTimeout(int timeout) {
		this.timeout = Math.max(timeout, 0);
	}

	@Override
	public int getSoTimeout() {
		return this.timeout;
	}

	@Override
	public boolean isConnected() {
		return this.channel.isConnected();
	}

	@Override
	public boolean isBound() {
		return true;
	}

	@Override
	public boolean isClosed() {
		return !this.channel.isOpen();
	}

	@Override
	public boolean isInputShutdown() {
		return !this.channel.isOpen();
	}

	@Override
	public boolean isOutputShutdown() {
		return !this.channel.isOpen();
	}

	@Override
	public void shutdownInput() throws IOException {
		this.channel.shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

	@Override
	public synchronized void close() throws IOException {
		try {
			this.selector.close();
		}
		finally {
			this.channel.close();
		}
	}

	@Override
	public @Nullable SocketAddress getRemoteSocketAddress() {
		try {
			return this.channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public @Nullable SocketAddress getLocalSocketAddress() {
		try {
			return this.channel.getLocalAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public int getPort() {
		return 0;
	}

	@Override
	public int getLocalPort() {
		return -1;
	}

	@Override
	public void setReceiveBufferSize(int size) throws SocketException {
		setOption(StandardSocketOptions.SO_RCVBUF, size);
	}

	@Override
	public void setSendBufferSize(int size) throws SocketException {
		setOption(StandardSocketOptions.SO_SNDBUF, size);
	}

	private void setOption(java.net.SocketOption<Integer> option, int value) throws SocketException {
		try {
			this.channel.setOption(option, value);
		}
		catch (IOException ex) {
			throw new SocketException(ex.getMessage());
		}
	}

	@Override
	public void setSoLinger(boolean on, int linger) {
		// No linger on AF_UNIX
	}

	@Override
	public void setTcpNoDelay(boolean on) {
		// No TCP
	}

	@Override
	public void setKeepAlive(boolean on) {
		// No TCP
	}

	@Override
	public void setReuseAddress(boolean on) {
		// Not bound to an address
	}

	@Override
	public String toString() {
		return "UnixDomainSocket[" + getRemoteSocketAddress() + "]";
	}

	private final class Input extends InputStream {

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, Math.min(length, MAX_TRANSFER));
			while (true) {
				int read = UnixDomainSocketAdapter.this.channel.read(buffer);
				if (read != 0) {
					return read;
				}
				await(SelectionKey.OP_READ, UnixDomainSocketAdapter.this.timeout);
			}
		}

		@Override
		public void close() throws IOException {
			UnixDomainSocketAdapter.this.close();
		}

	}

	private final class Output extends OutputStream {

		@Override
		public void write(int value) throws IOException {
			write(new byte[] { (byte) value }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
			while (buffer.hasRemaining()) {
				// A slice at a time: the JDK copies what it is passed into a direct
				// buffer on every call, else the whole rest of a large body each time
				ByteBuffer slice = buffer.slice();
				slice.limit(Math.min(slice.remaining(), MAX_TRANSFER));
				int written = UnixDomainSocketAdapter.this.channel.write(slice);
				if (written == 0) {
					// SO_TIMEOUT is for reads: a write waits for the peer to read
					await(SelectionKey.OP_WRITE, 0);
				}
				buffer.position(buffer.position() + written);
			}
		}

		@Override
		public void close() throws IOException {
			UnixDomainSocketAdapter.this.close();
		}

	}

}
