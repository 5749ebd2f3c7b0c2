package dev.codexauth.host.entity;

import dev.codexauth.ops.control.TextTimestamp;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A local user account seen on a host (used by uninstall). Table {@code host_users} (spec/schema.md). */
@Entity
@Table(name = "host_users")
@DynamicUpdate
public class HostUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "host_id", nullable = false)
    private long hostId;

    @Column(name = "username", nullable = false, length = 255)
    private String username;

    @Column(name = "hostname", length = 255)
    private String hostname;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "first_seen", nullable = false, length = 100)
    private Instant firstSeen;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "last_seen", nullable = false, length = 100)
    private Instant lastSeen;

    public Long getId() {
        return id;
    }

    public long getHostId() {
        return hostId;
    }

    public void setHostId(long hostId) {
        this.hostId = hostId;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public Instant getFirstSeen() {
        return firstSeen;
    }

    public void setFirstSeen(Instant firstSeen) {
        this.firstSeen = firstSeen;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(Instant lastSeen) {
        this.lastSeen = lastSeen;
    }
}
