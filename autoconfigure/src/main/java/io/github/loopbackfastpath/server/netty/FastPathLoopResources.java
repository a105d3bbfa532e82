package io.github.loopbackfastpath.server.netty;

import java.time.Duration;

import io.github.loopbackfastpath.engine.LoopbackFastPath;
import io.github.loopbackfastpath.netty.NettyChannels;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * Loop resources that delegate everything, and request the fast path on every server
 * channel they create: {@link #onChannel} returns it unregistered and unbound, so the
 * ioctl comes before bind. A handler at the head of the server channel's pipeline counts
 * the connections it accepts.
 * <p>
 * The delegate belongs to its owner (the application's {@code ReactorResourceFactory} or
 * Reactor Netty's global resources): disposing this wrapper disposes nothing.
 *
 * @author Loopback Fast Path contributors
 */
final class FastPathLoopResources implements LoopResources {

	private final LoopResources delegate;

	private final LoopbackFastPath fastPath;

	private final String component;

	FastPathLoopResources(LoopResources delegate, LoopbackFastPath fastPath, String component) {
		this.delegate = delegate;
		this.fastPath = fastPath;
		this.component = component;
	}

	@Override
	public <CHANNEL extends Channel> CHANNEL onChannel(Class<CHANNEL> channelType, EventLoopGroup group) {
		CHANNEL channel = this.delegate.onChannel(channelType, group);
		if (channel instanceof ServerChannel) {
			NettyChannels.beforeBind(this.fastPath, this.component, channel);
		}
		return channel;
	}

	@Override
	public <CHANNEL extends Channel> Class<? extends CHANNEL> onChannelClass(Class<CHANNEL> channelType,
			EventLoopGroup group) {
		return this.delegate.onChannelClass(channelType, group);
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.delegate.onServer(useNative);
	}

	@Override
	public EventLoopGroup onServerSelect(boolean useNative) {
		return this.delegate.onServerSelect(useNative);
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return this.delegate.onClient(useNative);
	}

	@Override
	public boolean daemon() {
		return this.delegate.daemon();
	}

	@Override
	public boolean isDisposed() {
		return this.delegate.isDisposed();
	}

	@Override
	public void dispose() {
		// Not ours to dispose
	}

	@Override
	public Mono<Void> disposeLater() {
		return Mono.empty();
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.empty();
	}

	LoopResources delegate() {
		return this.delegate;
	}

}
