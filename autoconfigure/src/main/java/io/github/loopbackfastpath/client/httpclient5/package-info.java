/**
 * The Apache HttpClient 5 (classic) hook: every plain socket the connection manager opens
 * is a JDK socket channel's socket ({@code FastPathDetachedSocketFactory}), which gets
 * the fast path before connect ({@code HttpClient5FastPath}).
 * {@code HttpClient5Internals} reads the connection manager's operator and resolver (the
 * same-host mode uses it too), with its hints in {@code HttpClient5RuntimeHints}.
 */
@NullMarked
package io.github.loopbackfastpath.client.httpclient5;

import org.jspecify.annotations.NullMarked;
