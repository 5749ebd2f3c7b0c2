package dev.codexauth.http;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Grizzly, Payara's HTTP codec, frames {@code TRACE} and {@code CONNECT} as methods without a body: it ignores their
 * {@code Content-Length} and parses the body as the next request on the connection, which then runs although the
 * gate refused the {@code TRACE} and the client asked to close (a request smuggled past any proxy that framed the two
 * as one). Marked as methods that may carry a payload, their body is read as their own, and the gate refuses it with
 * the rest. No listener setting reaches this (Payara's {@code allow-payload-for-undefined-http-methods} covers
 * {@code GET} and {@code DELETE} only), so it is set once per JVM through the codec's class, found by the class
 * loader of the container's own servlet objects; where that fails the server says so at start.
 */
final class BodylessMethodFraming {

    private static final Logger LOG = Logger.getLogger(BodylessMethodFraming.class.getName());
    private static final List<String> METHODS = List.of("TRACE", "CONNECT");
    private static final AtomicBoolean APPLIED = new AtomicBoolean();

    private BodylessMethodFraming() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void apply(ClassLoader container) {
        if (APPLIED.get()) {
            return;
        }
        try {
            Class<?> method = Class.forName("org.glassfish.grizzly.http.Method", true, container);
            Class<? extends Enum> expectation = (Class<? extends Enum>) Class.forName(
                    "org.glassfish.grizzly.http.Method$PayloadExpectation", true, container);
            Object allowed = Enum.valueOf(expectation, "ALLOWED");
            Field field = method.getDeclaredField("payloadExpectation");
            field.setAccessible(true);
            for (String name : METHODS) {
                field.set(method.getField(name).get(null), allowed);
            }
            APPLIED.set(true);
            LOG.fine("TRACE and CONNECT bodies are framed by their Content-Length");
        } catch (ReflectiveOperationException | RuntimeException unreachable) {
            LOG.log(Level.WARNING, "Could not make the HTTP codec read TRACE and CONNECT bodies ({0}): refuse both methods at the"
                    + " reverse proxy (docs/security.md)", unreachable.toString());
        }
    }
}
