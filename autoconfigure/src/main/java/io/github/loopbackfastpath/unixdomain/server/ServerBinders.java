package io.github.loopbackfastpath.unixdomain.server;

import io.github.loopbackfastpath.server.WebServers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hands every web server that starts, the management server's included, to the
 * {@link ServerBinder} of its kind and to the {@link SocketPublisher}, and registers the
 * socket's shutdown with the server ({@link SocketShutdown}, in the server's context). A
 * server no binder handles is recorded as skipped with the reason. Once the beans of an
 * application that starts a web server are made, what publishing needs and no port
 * decides is prepared in the background while the servers start
 * ({@link SocketPublisher#prepareInTheBackground}); a mock web environment prepares
 * nothing.
 *
 * @author Loopback Fast Path contributors
 */
public final class ServerBinders
		implements ApplicationListener<WebServerInitializedEvent>, SmartInitializingSingleton, ApplicationContextAware {

	private final SocketPublisher sockets;

	private final ObjectProvider<ServerBinder> binders;

	private boolean startsAServer;

	/**
	 * Create the binders' dispatcher.
	 * @param sockets publishes the sockets
	 * @param binders the binders of the servers on the classpath
	 */
	public ServerBinders(SocketPublisher sockets, ObjectProvider<ServerBinder> binders) {
		this.sockets = sockets;
		this.binders = binders;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.startsAServer = context instanceof WebServerApplicationContext;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.startsAServer) {
			return;
		}
		this.sockets
			.prepareInTheBackground(this.binders.orderedStream().map((binder) -> (Runnable) binder::prepare).toList());
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		WebServer server = event.getWebServer();
		int port = server.getPort();
		if (port <= 0) {
			// A server that listens on its socket only has no TCP port
			PublishedSocket published = this.sockets
				.started(SocketOnly.ofNamespace(event.getApplicationContext().getServerNamespace()), () -> {
				});
			if (published != null) {
				shutDownWith(event.getApplicationContext(), published);
			}
			return;
		}
		if (this.sockets.unavailable() != null) {
			return;
		}
		String component = WebServers.componentOf(server);
		for (ServerBinder binder : this.binders.orderedStream().toList()) {
			if (component != null && binder.component().equals(component)) {
				publish(binder, component, event.getApplicationContext(), port);
				return;
			}
		}
		this.sockets.skip(server.getClass().getName(), port,
				"The starter cannot bind " + server.getClass().getName() + " to an AF_UNIX socket.");
	}

	private void publish(ServerBinder binder, String component, WebServerApplicationContext context, int port) {
		String refusal = binder.refusal(context);
		if (refusal != null) {
			this.sockets.skip(component, port, refusal);
			return;
		}
		PublishedSocket published = this.sockets.publish(component, port, binder.address(context),
				(socket, accepted) -> binder.bind(context, socket, accepted));
		if (published != null) {
			shutDownWith(context, published);
		}
	}

	private void shutDownWith(WebServerApplicationContext context, PublishedSocket published) {
		if (context instanceof ConfigurableApplicationContext configurable) {
			// Shut down with the server, in its own context (the management server's
			// child context included)
			boolean graceful = configurable.getEnvironment()
				.getProperty("server.shutdown", Shutdown.class, Shutdown.GRACEFUL) == Shutdown.GRACEFUL;
			// A name per published socket: a server the context stops and starts again
			// (Lifecycle stop and start, a checkpoint and restore) is published anew
			configurable.getBeanFactory()
				.registerSingleton("loopbackFastPathUnixDomainShutdown" + published.port() + "#" + published.hashCode(),
						new SocketShutdown(published, graceful, WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE));
		}
	}

}
