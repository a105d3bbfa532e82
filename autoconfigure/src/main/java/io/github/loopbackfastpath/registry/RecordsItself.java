package io.github.loopbackfastpath.registry;

/**
 * A listener that records its own sockets, such as the same-host mode's AF_UNIX
 * connectors: the ioctl's coverage checks pass it by instead of recording it as a
 * listener they did not hook. The one thing the ioctl's hooks know of that mode.
 *
 * @author Loopback Fast Path contributors
 */
public interface RecordsItself {

}
