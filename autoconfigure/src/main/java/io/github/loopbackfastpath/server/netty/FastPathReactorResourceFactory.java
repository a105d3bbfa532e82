package io.github.loopbackfastpath.server.netty;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.ReactorResourceFactory;

/**
 * What the Netty web server sees as its resource factory: the application's own, whose
 * loop resources are wrapped. Spring Boot's {@code NettyWebServer} calls
 * {@code runOn(resourceFactory.getLoopResources())} after every
 * {@code NettyServerCustomizer}, so a customizer's own {@code runOn} would be dropped;
 * this is the hook that holds.
 * <p>
 * Not a bean: the application's factory keeps its own lifecycle, and nothing here starts,
 * stops or disposes anything.
 *
 * @author Loopback Fast Path contributors
 */
final class FastPathReactorResourceFactory extends ReactorResourceFactory {

	private final ReactorResourceFactory delegate;

	private final LoopbackFastPath fastPath;

	private final String component;

	private volatile @Nullable FastPathLoopResources loopResources;

	FastPathReactorResourceFactory(ReactorResourceFactory delegate, LoopbackFastPath fastPath, String component) {
		this.delegate = delegate;
		this.fastPath = fastPath;
		this.component = component;
	}

	@Override
	public LoopResources getLoopResources() {
		LoopResources current = this.delegate.getLoopResources();
		FastPathLoopResources wrapped = this.loopResources;
		if (wrapped == null || wrapped.delegate() != current) {
			wrapped = new FastPathLoopResources(current, this.fastPath, this.component);
			this.loopResources = wrapped;
		}
		return wrapped;
	}

	@Override
	public ConnectionProvider getConnectionProvider() {
		return this.delegate.getConnectionProvider();
	}

	@Override
	public boolean isUseGlobalResources() {
		return this.delegate.isUseGlobalResources();
	}

	@Override
	public void afterPropertiesSet() {
	}

	@Override
	public void start() {
	}

	@Override
	public void stop() {
	}

	@Override
	public void destroy() {
	}

	@Override
	public boolean isRunning() {
		return this.delegate.isRunning();
	}

}
