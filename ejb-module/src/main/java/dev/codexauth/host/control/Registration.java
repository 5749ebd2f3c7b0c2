package dev.codexauth.host.control;

import java.util.Optional;

/** What an admin asks for when registering (or re-registering) a host; absent flags keep their current values. */
public record Registration(String fqdn, Optional<Boolean> secure, Optional<Boolean> vip, Optional<Boolean> temporary,
                           Optional<Boolean> curlInsecure, Optional<Boolean> forceIpv4, boolean rotateKey) {
}
