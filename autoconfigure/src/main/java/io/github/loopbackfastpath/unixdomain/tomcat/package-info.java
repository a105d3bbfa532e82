/**
 * The same-host mode: tomcat.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.tomcat;

import org.jspecify.annotations.NullMarked;
