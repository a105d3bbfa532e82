package io.github.loopbackfastpath.server.netty;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.registry.Components;
import reactor.netty.http.HttpResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives a Reactor Netty web server (application or management) loop resources that
 * request the fast path on its listening channel before bind, on the native transport
 * (epoll, kqueue) and on NIO alike.
 *
 * @author Loopback Fast Path contributors
 */
public final class NettyServerFastPathCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final LoopbackFastPath fastPath;

	private final ObjectProvider<ReactorResourceFactory> resourceFactory;

	/**
	 * Create a customizer.
	 * @param fastPath the engine
	 * @param resourceFactory the application's resource factory, if it has one
	 */
	public NettyServerFastPathCustomizer(LoopbackFastPath fastPath,
			ObjectProvider<ReactorResourceFactory> resourceFactory) {
		this.fastPath = fastPath;
		this.resourceFactory = resourceFactory;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		ReactorResourceFactory resources = this.resourceFactory.getIfUnique(GlobalResources::new);
		factory
			.setResourceFactory(new FastPathReactorResourceFactory(resources, this.fastPath, Components.REACTOR_NETTY));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Reactor Netty's global resources, which a server without a resource factory runs
	 * on.
	 */
	private static final class GlobalResources extends ReactorResourceFactory {

		@Override
		public reactor.netty.resources.LoopResources getLoopResources() {
			return HttpResources.get();
		}

	}

}
