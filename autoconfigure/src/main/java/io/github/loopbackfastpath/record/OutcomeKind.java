package io.github.loopbackfastpath.record;

/**
 * A kind of outcome, for counting: which role, which component, which status.
 *
 * @param role the socket's role
 * @param component what opened it
 * @param status what happened
 * @author Loopback Fast Path contributors
 */
public record OutcomeKind(SocketRole role, String component, FastPathStatus status) {

}
