/**
 * The Apache HttpClient 5 (classic) hook: every plain socket the connection manager opens
 * is a JDK socket channel's socket, which gets the fast path before connect.
 */
@NullMarked
package io.github.loopbackfastpath.client.httpclient5;

import org.jspecify.annotations.NullMarked;
