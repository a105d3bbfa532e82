package io.github.loopbackfastpath.registry;

/**
 * The names of what opens sockets, as the records, the endpoint, the metrics and the
 * start-up line show them: one place for both modes.
 *
 * @author Loopback Fast Path contributors
 */
public final class Components {

	/**
	 * Tomcat's listeners.
	 */
	public static final String TOMCAT = "tomcat";

	/**
	 * Jetty's listeners.
	 */
	public static final String JETTY = "jetty";

	/**
	 * Reactor Netty's listeners.
	 */
	public static final String REACTOR_NETTY = "reactor-netty";

	/**
	 * The gRPC server (grpc-netty).
	 */
	public static final String GRPC = "grpc";

	/**
	 * Reactor Netty's client.
	 */
	public static final String REACTOR_NETTY_CLIENT = "reactor-netty-client";

	/**
	 * Jetty's client.
	 */
	public static final String JETTY_CLIENT = "jetty-client";

	/**
	 * Apache HttpClient 5.
	 */
	public static final String HTTPCLIENT5 = "httpclient5";

	/**
	 * The JDK's {@code java.net.http.HttpClient}.
	 */
	public static final String JDK_HTTPCLIENT = "jdk-httpclient";

	/**
	 * {@code RestClient} and {@code RestTemplate}, where Spring Boot builds them without
	 * builder customizers (a reactive application).
	 */
	public static final String REST_CLIENT = "rest-client";

	/**
	 * gRPC channels (grpc-netty).
	 */
	public static final String GRPC_CLIENT = "grpc-client";

	/**
	 * In-process gRPC servers and channels.
	 */
	public static final String GRPC_IN_PROCESS = "grpc-in-process";

	/**
	 * grpc-netty-shaded's servers and channels.
	 */
	public static final String GRPC_NETTY_SHADED = "grpc-netty-shaded";

	private Components() {
	}

}
