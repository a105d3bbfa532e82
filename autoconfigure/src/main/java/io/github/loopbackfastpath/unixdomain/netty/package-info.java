/**
 * The same-host mode: netty.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.netty;

import org.jspecify.annotations.NullMarked;
