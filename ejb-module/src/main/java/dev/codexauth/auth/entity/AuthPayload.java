package dev.codexauth.auth.entity;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One version of the canonical auth.json: digest, last_refresh and the sealed canonical bytes. Table {@code auth_payloads} (spec/schema.md). */
@Entity
@Table(name = "auth_payloads")
@DynamicUpdate
public class AuthPayload {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "last_refresh", nullable = false, length = 100)
    private String lastRefresh;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "source_host_id")
    private Long sourceHostId;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "body")
    private String body;

    public Long getId() {
        return id;
    }

    public String getLastRefresh() {
        return lastRefresh;
    }

    public void setLastRefresh(String lastRefresh) {
        this.lastRefresh = lastRefresh;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public Long getSourceHostId() {
        return sourceHostId;
    }

    public void setSourceHostId(Long sourceHostId) {
        this.sourceHostId = sourceHostId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
