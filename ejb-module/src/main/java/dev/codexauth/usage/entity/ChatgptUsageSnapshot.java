package dev.codexauth.usage.entity;

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

/** A ChatGPT account quota snapshot (ok or error). Table {@code chatgpt_usage_snapshots} (spec/schema.md). */
@Entity
@Table(name = "chatgpt_usage_snapshots")
@DynamicUpdate
public class ChatgptUsageSnapshot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "host_id")
    private Long hostId;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "plan_type", length = 64)
    private String planType;

    @Column(name = "rate_allowed")
    private Boolean rateAllowed;

    @Column(name = "rate_limit_reached")
    private Boolean rateLimitReached;

    @Column(name = "primary_used_percent")
    private Integer primaryUsedPercent;

    @Column(name = "primary_limit_seconds")
    private Long primaryLimitSeconds;

    @Column(name = "primary_reset_after_seconds")
    private Long primaryResetAfterSeconds;

    @Column(name = "primary_reset_at", length = 100)
    private String primaryResetAt;

    @Column(name = "secondary_used_percent")
    private Integer secondaryUsedPercent;

    @Column(name = "secondary_limit_seconds")
    private Long secondaryLimitSeconds;

    @Column(name = "secondary_reset_after_seconds")
    private Long secondaryResetAfterSeconds;

    @Column(name = "secondary_reset_at", length = 100)
    private String secondaryResetAt;

    @Column(name = "has_credits")
    private Boolean hasCredits;

    @Column(name = "unlimited")
    private Boolean unlimited;

    @Column(name = "credit_balance", length = 128)
    private String creditBalance;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "approx_local_messages")
    private String approxLocalMessages;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "approx_cloud_messages")
    private String approxCloudMessages;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "raw")
    private String raw;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "error")
    private String error;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "fetched_at", nullable = false, length = 100)
    private Instant fetchedAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "next_eligible_at", nullable = false, length = 100)
    private Instant nextEligibleAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    public Long getId() {
        return id;
    }

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPlanType() {
        return planType;
    }

    public void setPlanType(String planType) {
        this.planType = planType;
    }

    public Boolean getRateAllowed() {
        return rateAllowed;
    }

    public void setRateAllowed(Boolean rateAllowed) {
        this.rateAllowed = rateAllowed;
    }

    public Boolean getRateLimitReached() {
        return rateLimitReached;
    }

    public void setRateLimitReached(Boolean rateLimitReached) {
        this.rateLimitReached = rateLimitReached;
    }

    public Integer getPrimaryUsedPercent() {
        return primaryUsedPercent;
    }

    public void setPrimaryUsedPercent(Integer primaryUsedPercent) {
        this.primaryUsedPercent = primaryUsedPercent;
    }

    public Long getPrimaryLimitSeconds() {
        return primaryLimitSeconds;
    }

    public void setPrimaryLimitSeconds(Long primaryLimitSeconds) {
        this.primaryLimitSeconds = primaryLimitSeconds;
    }

    public Long getPrimaryResetAfterSeconds() {
        return primaryResetAfterSeconds;
    }

    public void setPrimaryResetAfterSeconds(Long primaryResetAfterSeconds) {
        this.primaryResetAfterSeconds = primaryResetAfterSeconds;
    }

    public String getPrimaryResetAt() {
        return primaryResetAt;
    }

    public void setPrimaryResetAt(String primaryResetAt) {
        this.primaryResetAt = primaryResetAt;
    }

    public Integer getSecondaryUsedPercent() {
        return secondaryUsedPercent;
    }

    public void setSecondaryUsedPercent(Integer secondaryUsedPercent) {
        this.secondaryUsedPercent = secondaryUsedPercent;
    }

    public Long getSecondaryLimitSeconds() {
        return secondaryLimitSeconds;
    }

    public void setSecondaryLimitSeconds(Long secondaryLimitSeconds) {
        this.secondaryLimitSeconds = secondaryLimitSeconds;
    }

    public Long getSecondaryResetAfterSeconds() {
        return secondaryResetAfterSeconds;
    }

    public void setSecondaryResetAfterSeconds(Long secondaryResetAfterSeconds) {
        this.secondaryResetAfterSeconds = secondaryResetAfterSeconds;
    }

    public String getSecondaryResetAt() {
        return secondaryResetAt;
    }

    public void setSecondaryResetAt(String secondaryResetAt) {
        this.secondaryResetAt = secondaryResetAt;
    }

    public Boolean getHasCredits() {
        return hasCredits;
    }

    public void setHasCredits(Boolean hasCredits) {
        this.hasCredits = hasCredits;
    }

    public Boolean getUnlimited() {
        return unlimited;
    }

    public void setUnlimited(Boolean unlimited) {
        this.unlimited = unlimited;
    }

    public String getCreditBalance() {
        return creditBalance;
    }

    public void setCreditBalance(String creditBalance) {
        this.creditBalance = creditBalance;
    }

    public String getApproxLocalMessages() {
        return approxLocalMessages;
    }

    public void setApproxLocalMessages(String approxLocalMessages) {
        this.approxLocalMessages = approxLocalMessages;
    }

    public String getApproxCloudMessages() {
        return approxCloudMessages;
    }

    public void setApproxCloudMessages(String approxCloudMessages) {
        this.approxCloudMessages = approxCloudMessages;
    }

    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public Instant getFetchedAt() {
        return fetchedAt;
    }

    public void setFetchedAt(Instant fetchedAt) {
        this.fetchedAt = fetchedAt;
    }

    public Instant getNextEligibleAt() {
        return nextEligibleAt;
    }

    public void setNextEligibleAt(Instant nextEligibleAt) {
        this.nextEligibleAt = nextEligibleAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
