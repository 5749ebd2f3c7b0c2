package dev.codexauth.host.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A single-use installer token: only its SHA-256 and a sealed copy are stored. Table {@code install_tokens} (spec/schema.md). */
@Entity
@Table(name = "install_tokens")
@DynamicUpdate
public class InstallToken extends SingleUseToken {

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
}
