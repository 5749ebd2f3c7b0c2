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
import java.time.LocalDateTime;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A registered machine: its key (hash and sealed copy), IP binding, flags, reported versions and overrides. Table {@code hosts} (spec/schema.md). */
@Entity
@Table(name = "hosts")
@DynamicUpdate
public class Host {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    public Host() {
    }

    /** A copy of a stored row read without JPA ({@code HostRows}): never persisted, merged or changed. */
    public Host(long id) {
        this.id = id;
    }

    @Column(name = "fqdn", nullable = false, length = 255)
    private String fqdn;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "api_key", nullable = false, length = 64)
    private String apiKey;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "api_key_hash", length = 64)
    private String apiKeyHash;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "api_key_enc")
    private String apiKeyEnc;

    @Column(name = "status", nullable = false, length = 32)
    private String status;

    @Column(name = "secure", nullable = false)
    private boolean secure;

    @Column(name = "allow_roaming_ips", nullable = false)
    private boolean allowRoamingIps;

    @Column(name = "last_refresh", length = 100)
    private String lastRefresh;

    @Column(name = "auth_digest", length = 128)
    private String authDigest;

    @Column(name = "ip", length = 64)
    private String ip;

    @Column(name = "client_version", length = 64)
    private String clientVersion;

    @Column(name = "wrapper_version", length = 64)
    private String wrapperVersion;

    @Column(name = "api_calls", nullable = false)
    private long apiCalls;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "updated_at", nullable = false, length = 100)
    private Instant updatedAt;

    @Column(name = "client_version_override", length = 64)
    private String clientVersionOverride;

    @Column(name = "insecure_enabled_until")
    private LocalDateTime insecureEnabledUntil;

    @Column(name = "insecure_grace_until")
    private LocalDateTime insecureGraceUntil;

    @Column(name = "insecure_window_minutes")
    private Integer insecureWindowMinutes;

    @Column(name = "force_ipv4", nullable = false)
    private boolean forceIpv4;

    @Column(name = "curl_insecure", nullable = false)
    private boolean curlInsecure;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "expires_at", length = 100)
    private Instant expiresAt;

    @Column(name = "vip", nullable = false)
    private boolean vip;

    @Column(name = "model_override", length = 128)
    private String modelOverride;

    @Column(name = "reasoning_effort_override", length = 32)
    private String reasoningEffortOverride;

    public Long getId() {
        return id;
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

    public String getApiKeyHash() {
        return apiKeyHash;
    }

    public void setApiKeyHash(String apiKeyHash) {
        this.apiKeyHash = apiKeyHash;
    }

    public String getApiKeyEnc() {
        return apiKeyEnc;
    }

    public void setApiKeyEnc(String apiKeyEnc) {
        this.apiKeyEnc = apiKeyEnc;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public boolean isSecure() {
        return secure;
    }

    public void setSecure(boolean secure) {
        this.secure = secure;
    }

    /**
     * Active, secure, permanent and bound to an IP: a host whose accepted calls change nothing about it but its
     * activity row, so the in-memory fast paths ({@code /auth} in sync, MCP callers) may answer for it.
     */
    public boolean isSettled() {
        return "active".equals(status) && secure && expiresAt == null && ip != null;
    }

    public boolean isAllowRoamingIps() {
        return allowRoamingIps;
    }

    public void setAllowRoamingIps(boolean allowRoamingIps) {
        this.allowRoamingIps = allowRoamingIps;
    }

    public String getLastRefresh() {
        return lastRefresh;
    }

    public void setLastRefresh(String lastRefresh) {
        this.lastRefresh = lastRefresh;
    }

    public String getAuthDigest() {
        return authDigest;
    }

    public void setAuthDigest(String authDigest) {
        this.authDigest = authDigest;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getClientVersion() {
        return clientVersion;
    }

    public void setClientVersion(String clientVersion) {
        this.clientVersion = clientVersion;
    }

    public String getWrapperVersion() {
        return wrapperVersion;
    }

    public void setWrapperVersion(String wrapperVersion) {
        this.wrapperVersion = wrapperVersion;
    }

    public long getApiCalls() {
        return apiCalls;
    }

    public void setApiCalls(long apiCalls) {
        this.apiCalls = apiCalls;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getClientVersionOverride() {
        return clientVersionOverride;
    }

    public void setClientVersionOverride(String clientVersionOverride) {
        this.clientVersionOverride = clientVersionOverride;
    }

    public LocalDateTime getInsecureEnabledUntil() {
        return insecureEnabledUntil;
    }

    public void setInsecureEnabledUntil(LocalDateTime insecureEnabledUntil) {
        this.insecureEnabledUntil = insecureEnabledUntil;
    }

    public LocalDateTime getInsecureGraceUntil() {
        return insecureGraceUntil;
    }

    public void setInsecureGraceUntil(LocalDateTime insecureGraceUntil) {
        this.insecureGraceUntil = insecureGraceUntil;
    }

    public Integer getInsecureWindowMinutes() {
        return insecureWindowMinutes;
    }

    public void setInsecureWindowMinutes(Integer insecureWindowMinutes) {
        this.insecureWindowMinutes = insecureWindowMinutes;
    }

    public boolean isForceIpv4() {
        return forceIpv4;
    }

    public void setForceIpv4(boolean forceIpv4) {
        this.forceIpv4 = forceIpv4;
    }

    public boolean isCurlInsecure() {
        return curlInsecure;
    }

    public void setCurlInsecure(boolean curlInsecure) {
        this.curlInsecure = curlInsecure;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public boolean isVip() {
        return vip;
    }

    public void setVip(boolean vip) {
        this.vip = vip;
    }

    public String getModelOverride() {
        return modelOverride;
    }

    public void setModelOverride(String modelOverride) {
        this.modelOverride = modelOverride;
    }

    public String getReasoningEffortOverride() {
        return reasoningEffortOverride;
    }

    public void setReasoningEffortOverride(String reasoningEffortOverride) {
        this.reasoningEffortOverride = reasoningEffortOverride;
    }
}
