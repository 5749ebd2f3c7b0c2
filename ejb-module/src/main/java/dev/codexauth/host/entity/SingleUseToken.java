package dev.codexauth.host.entity;

import dev.codexauth.ops.control.TextTimestamp;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The columns every single-use {@code curl | bash} token table has (installer and auth seed tokens): the token's
 * SHA-256 for lookup, a sealed copy, the base URL it was issued for, and its expiry and use.
 */
@MappedSuperclass
public abstract class SingleUseToken {

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
