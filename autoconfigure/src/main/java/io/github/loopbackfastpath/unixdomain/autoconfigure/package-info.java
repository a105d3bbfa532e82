/**
 * The same-host mode: autoconfigure.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.autoconfigure;

import org.jspecify.annotations.NullMarked;
