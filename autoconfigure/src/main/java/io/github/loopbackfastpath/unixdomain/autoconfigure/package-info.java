/**
 * The same-host mode's wiring: its properties ({@code loopback.fast-path.unix-domain.*}),
 * its decisions ({@code UnixDomainAutoConfiguration}), servers
 * ({@code UnixDomainServerAutoConfiguration}), clients
 * ({@code UnixDomainClientAutoConfiguration}) and the observation key
 * ({@code UnixDomainObservationAutoConfiguration}). It needs no JNA.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.autoconfigure;

import org.jspecify.annotations.NullMarked;
