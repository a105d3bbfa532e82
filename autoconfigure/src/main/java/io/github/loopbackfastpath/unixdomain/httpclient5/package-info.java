/**
 * The same-host mode: httpclient5.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.httpclient5;

import org.jspecify.annotations.NullMarked;
