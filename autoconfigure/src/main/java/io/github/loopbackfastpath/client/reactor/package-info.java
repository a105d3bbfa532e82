/**
 * The Reactor Netty client hook: every connection of a Reactor Netty {@code HttpClient}
 * (and so of {@code WebClient} and the Reactor request factory of {@code RestClient} and
 * {@code RestTemplate}) gets the fast path after registration and before connect
 * ({@code ReactorNettyClientFastPath}). {@code ReactorNettyInternals} reads the client's
 * resolved-address selection (for the same-host mode), with its hints in
 * {@code ReactorNettyRuntimeHints}.
 */
@NullMarked
package io.github.loopbackfastpath.client.reactor;

import org.jspecify.annotations.NullMarked;
