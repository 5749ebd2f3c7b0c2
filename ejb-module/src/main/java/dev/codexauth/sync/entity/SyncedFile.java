package dev.codexauth.sync.entity;

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
 * A fleet file that hosts sync by name and sha256 and may retire (prompts and skills): the columns both tables share,
 * and a common view of the rest so that one service implements both protocols. Each kind names its file, its content
 * and its two free-text metadata columns differently; those columns live in the subclass.
 */
@MappedSuperclass
public abstract class SyncedFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "source_host_id")
    private Long sourceHostId;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "created_at", nullable = false, length = 100)
    private Instant createdAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "updated_at", nullable = false, length = 100)
    private Instant updatedAt;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "deleted_at", length = 100)
    private Instant deletedAt;

    public abstract String name();

    public abstract void name(String name);

    public abstract String content();

    public abstract void content(String content);

    public abstract String firstMetadata();

    public abstract void firstMetadata(String value);

    public abstract String secondMetadata();

    public abstract void secondMetadata(String value);

    public Long getId() {
        return id;
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

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public void setDeletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
    }
}
