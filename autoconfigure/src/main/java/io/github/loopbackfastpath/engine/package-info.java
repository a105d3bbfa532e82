/**
 * The engine: decides whether to request the fast path for a socket and asks the
 * {@code platform} for it, best effort, then hands the outcome to the {@code registry}
 * package. Hooks talk to the {@link LoopbackFastPath} interface only. Spring-free: what
 * the user can change is phrased by a {@link SettingNames} from the layer that built the
 * engine.
 */
@NullMarked
package io.github.loopbackfastpath.engine;

import org.jspecify.annotations.NullMarked;
