package dev.codexauth.usage.entity;

import dev.codexauth.ops.control.TextTimestamp;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Model prices per 1,000 tokens as fetched at one time. Table {@code pricing_snapshots} (spec/schema.md). */
@Entity
@Table(name = "pricing_snapshots")
@DynamicUpdate
public class PricingSnapshot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "model", nullable = false, length = 128)
    private String model;

    @Column(name = "currency", nullable = false, length = 8)
    private String currency;

    @Column(name = "input_price_per_1k", nullable = false, precision = 12, scale = 6)
    private BigDecimal inputPricePer1k;

    @Column(name = "output_price_per_1k", nullable = false, precision = 12, scale = 6)
    private BigDecimal outputPricePer1k;

    @Column(name = "cached_price_per_1k", nullable = false, precision = 12, scale = 6)
    private BigDecimal cachedPricePer1k;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "source_url")
    private String sourceUrl;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "raw")
    private String raw;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "fetched_at", nullable = false, length = 100)
    private Instant fetchedAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    public Long getId() {
        return id;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public BigDecimal getInputPricePer1k() {
        return inputPricePer1k;
    }

    public void setInputPricePer1k(BigDecimal inputPricePer1k) {
        this.inputPricePer1k = inputPricePer1k;
    }

    public BigDecimal getOutputPricePer1k() {
        return outputPricePer1k;
    }

    public void setOutputPricePer1k(BigDecimal outputPricePer1k) {
        this.outputPricePer1k = outputPricePer1k;
    }

    public BigDecimal getCachedPricePer1k() {
        return cachedPricePer1k;
    }

    public void setCachedPricePer1k(BigDecimal cachedPricePer1k) {
        this.cachedPricePer1k = cachedPricePer1k;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public void setSourceUrl(String sourceUrl) {
        this.sourceUrl = sourceUrl;
    }

    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    public Instant getFetchedAt() {
        return fetchedAt;
    }

    public void setFetchedAt(Instant fetchedAt) {
        this.fetchedAt = fetchedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
