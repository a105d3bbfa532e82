/**
 * The one place that reads and writes other libraries' private fields, for the few hooks
 * no public extension point reaches. Each library's {@code *Internals} class keeps only
 * what is particular to it: which fields, and their native-image hints.
 */
@NullMarked
package io.github.loopbackfastpath.reflect;

import org.jspecify.annotations.NullMarked;
