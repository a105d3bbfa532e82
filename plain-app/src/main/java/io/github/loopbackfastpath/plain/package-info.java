/**
 * A plain application with the starter, as a new user writes one.
 */
@NullMarked
package io.github.loopbackfastpath.plain;

import org.jspecify.annotations.NullMarked;
