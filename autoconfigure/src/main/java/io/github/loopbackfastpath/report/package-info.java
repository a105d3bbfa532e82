/**
 * What an operator reads about both modes outside the endpoint: one log line per listener
 * ({@code SocketLogger}), one warning with the fix per distinct failure
 * ({@code Remedies}), the one start-up summary line for both modes
 * ({@code StartupReport}), and the failure analysis when {@code fail-on-error} stops
 * start-up.
 */
@NullMarked
package io.github.loopbackfastpath.report;

import org.jspecify.annotations.NullMarked;
