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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A single-use installer token: only its SHA-256 and a sealed copy are stored. Table {@code install_tokens} (spec/schema.md). */
@Entity
@Table(name = "install_tokens")
@DynamicUpdate
public class InstallToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "token", nullable = false, length = 64)
    private String token;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "token_enc")
    private String tokenEnc;

    @Column(name = "host_id", nullable = false)
    private long hostId;

    @Column(name = "fqdn", nullable = false, length = 255)
    private String fqdn;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "api_key", nullable = false, length = 64)
    private String apiKey;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "api_key_enc")
    private String apiKeyEnc;

    @Column(name = "base_url", length = 255)
    private String baseUrl;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "expires_at", nullable = false, length = 100)
    private Instant expiresAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "used_at", length = 100)
    private Instant usedAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    public Long getId() {
        return id;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenEnc() {
        return tokenEnc;
    }

    public void setTokenEnc(String tokenEnc) {
        this.tokenEnc = tokenEnc;
    }

    public long getHostId() {
        return hostId;
    }

    public void setHostId(long hostId) {
        this.hostId = hostId;
    }

    public String getFqdn() {
        return fqdn;
    }

    public void setFqdn(String fqdn) {
        this.fqdn = fqdn;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getApiKeyEnc() {
        return apiKeyEnc;
    }

    public void setApiKeyEnc(String apiKeyEnc) {
        this.apiKeyEnc = apiKeyEnc;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Instant getUsedAt() {
        return usedAt;
    }

    public void setUsedAt(Instant usedAt) {
        this.usedAt = usedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
