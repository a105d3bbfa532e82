package io.github.loopbackfastpath.benchmarks;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import io.github.loopbackfastpath.jdk.ChannelHandles;
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

/**
 * What reaching a JDK channel's native socket costs on each route: through the exported
 * {@code sun.nio.ch} ({@code SelChImpl#getFDVal()}) and through JNI
 * ({@code JNU_GetFieldByName}), on an open channel.
 *
 * @author Loopback Fast Path contributors
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2,
		jvmArgsAppend = { "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
@State(Scope.Benchmark)
public class HandleLookupBenchmark {

	/**
	 * {@code exported}: {@code SelChImpl#getFDVal()}. {@code jni}: the JNI route.
	 */
	@Param({ "exported", "jni" })
	public String route;

	private ChannelHandles handles;

	private SocketChannel channel;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.handles = this.route.equals("jni") ? ChannelHandles.viaJni() : ChannelHandles.detect();
		this.channel = SocketChannel.open();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.channel.close();
	}

	@Benchmark
	public Long lookup() {
		return this.handles.lookup(this.channel).value();
	}

}
