package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The access window of insecure hosts (host-api.md §5.13). {@code /auth} and {@code /mcp} need it open and slide it
 * by the host's minutes, never shortening it (the original could cut a 30-minute provisioning window to 10); every
 * other host route only needs it open. A grace end (which nothing sets any more) still admits a store.
 */
@Stateless
public class InsecureWindow {

    public static final int DEFAULT_MINUTES = 10;
    public static final int MAX_MINUTES = 480;

    @EJB
    Events events;

    /** Requires an open window and slides it (for {@code /auth} and {@code /mcp}). */
    public void enterAndSlide(Host host, String command) {
        Instant now = Instant.now();
        requireOpen(host, command, now);
        if (!host.isSecure()) {
            Instant end = now.plusSeconds(60L * minutes(host));
            Instant current = Timestamps.fromUtcDateTime(host.getInsecureEnabledUntil());
            if (current == null || end.isAfter(current)) {
                host.setInsecureEnabledUntil(Timestamps.toUtcDateTime(end));
            }
        }
    }

    /** Requires an open window without moving it. */
    public void requireOpen(Host host, String command) {
        requireOpen(host, command, Instant.now());
    }

    private void requireOpen(Host host, String command, Instant now) {
        if (host.isSecure() || open(host.getInsecureEnabledUntil(), now)) {
            return;
        }
        // The store grace is decided where the command is known (/auth); other routes leave it to that check.
        if (!"retrieve".equals(command) && open(host.getInsecureGraceUntil(), now)) {
            return;
        }
        String until = Timestamps.format(host.getInsecureEnabledUntil());
        events.recordSurvivingRollback(host.getId(), "auth.insecure.denied", Events.details("command", command,
                "enabled_until", until, "grace_until", Timestamps.format(host.getInsecureGraceUntil())));
        throw HostDenied.insecureWindowClosed(until);
    }

    public static int minutes(Host host) {
        Integer stored = host.getInsecureWindowMinutes();
        return stored == null ? DEFAULT_MINUTES : Math.max(0, Math.min(MAX_MINUTES, stored));
    }

    private static boolean open(LocalDateTime until, Instant now) {
        return until != null && !Timestamps.fromUtcDateTime(until).isBefore(now);
    }
}
