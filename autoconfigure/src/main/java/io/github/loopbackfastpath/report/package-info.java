/**
 * What an operator reads about the fast path outside the endpoint: one log line per
 * listener, one warning with the fix per distinct failure, the start-up summary, and the
 * failure analysis when {@code fail-on-error} stops start-up.
 */
@NullMarked
package io.github.loopbackfastpath.report;

import org.jspecify.annotations.NullMarked;
