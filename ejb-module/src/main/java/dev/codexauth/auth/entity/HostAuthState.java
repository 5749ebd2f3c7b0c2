package dev.codexauth.auth.entity;

import dev.codexauth.ops.control.TextTimestamp;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Which canonical payload a host was last synced to. Table {@code host_auth_states} (spec/schema.md). */
@Entity
@Table(name = "host_auth_states")
@DynamicUpdate
public class HostAuthState {

    @Id
    @Column(name = "host_id", nullable = false)
    private Long hostId;

    @Column(name = "payload_id", nullable = false)
    private long payloadId;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "seen_digest", nullable = false, length = 64)
    private String seenDigest;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "seen_at", nullable = false, length = 100)
    private Instant seenAt;

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }

    public long getPayloadId() {
        return payloadId;
    }

    public void setPayloadId(long payloadId) {
        this.payloadId = payloadId;
    }

    public String getSeenDigest() {
        return seenDigest;
    }

    public void setSeenDigest(String seenDigest) {
        this.seenDigest = seenDigest;
    }

    public Instant getSeenAt() {
        return seenAt;
    }

    public void setSeenAt(Instant seenAt) {
        this.seenAt = seenAt;
    }
}
