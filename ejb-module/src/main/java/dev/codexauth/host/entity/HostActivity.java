package dev.codexauth.host.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * When a host last contacted the server, kept apart from {@code hosts.updated_at} (which admin edits touch too),
 * and whether pruning has disabled it. Table {@code host_activity}.
 */
@Entity
@Table(name = "host_activity")
@DynamicUpdate
public class HostActivity {

    @Id
    @Column(name = "host_id", nullable = false)
    private Long hostId;

    @Column(name = "first_seen_at")
    private Instant firstSeenAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "pruned_at")
    private Instant prunedAt;

    @Column(name = "prune_reason", length = 32)
    private String pruneReason;

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }

    public Instant getFirstSeenAt() {
        return firstSeenAt;
    }

    public void setFirstSeenAt(Instant firstSeenAt) {
        this.firstSeenAt = firstSeenAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public void setLastSeenAt(Instant lastSeenAt) {
        this.lastSeenAt = lastSeenAt;
    }

    public Instant getPrunedAt() {
        return prunedAt;
    }

    public void setPrunedAt(Instant prunedAt) {
        this.prunedAt = prunedAt;
    }

    public String getPruneReason() {
        return pruneReason;
    }

    public void setPruneReason(String pruneReason) {
        this.pruneReason = pruneReason;
    }
}
