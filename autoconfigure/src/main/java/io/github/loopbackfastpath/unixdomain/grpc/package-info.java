/**
 * The same-host mode: grpc.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.grpc;

import org.jspecify.annotations.NullMarked;
