package dev.codexauth.security.entity;

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

/** A fixed-window hit counter per client IP and bucket. Table {@code ip_rate_limits} (spec/schema.md). */
@Entity
@Table(name = "ip_rate_limits")
@DynamicUpdate
public class IpRateLimit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "ip", nullable = false, length = 64)
    private String ip;

    @Column(name = "bucket", nullable = false, length = 64)
    private String bucket;

    @Column(name = "count", nullable = false)
    private int count;

    @Column(name = "reset_at", nullable = false, length = 100)
    private String resetAt;

    @Column(name = "last_hit", nullable = false, length = 100)
    private String lastHit;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    public Long getId() {
        return id;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        this.count = count;
    }

    public String getResetAt() {
        return resetAt;
    }

    public void setResetAt(String resetAt) {
        this.resetAt = resetAt;
    }

    public String getLastHit() {
        return lastHit;
    }

    public void setLastHit(String lastHit) {
        this.lastHit = lastHit;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
