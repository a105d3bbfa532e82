package io.github.loopbackfastpath.plain;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who called over the application's socket; over TCP nobody is known. Only with the
 * starter on the class path: the start-up benchmark runs the application without it too.
 *
 * @author Loopback Fast Path contributors
 */
@RestController
@ConditionalOnClass(name = "io.github.loopbackfastpath.unixdomain.PeerIdentity")
class PeerController {

	@GetMapping("/peer")
	String peer(@RequestAttribute(name = PeerIdentity.ATTRIBUTE, required = false) @Nullable PeerIdentity peer) {
		return (peer != null) ? peer.user() + " " + peer.uid() + " " + peer.group() + " " + peer.gid() : "none";
	}

}
