package dev.codexauth.sync.entity;

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

/** A fleet skill (SKILL.md); deleted_at marks a retired one. Table {@code skills} (spec/schema.md). */
@Entity
@Table(name = "skills")
@DynamicUpdate
public class Skill implements SyncedFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "slug", nullable = false, length = 255)
    private String slug;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "display_name", length = 255)
    private String displayName;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "description")
    private String description;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "manifest", nullable = false)
    private String manifest;

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

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
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

    @Override
    public String name() {
        return getSlug();
    }

    @Override
    public void name(String name) {
        setSlug(name);
    }

    @Override
    public String content() {
        return getManifest();
    }

    @Override
    public void content(String content) {
        setManifest(content);
    }

    @Override
    public String firstMetadata() {
        return getDisplayName();
    }

    @Override
    public void firstMetadata(String value) {
        setDisplayName(value);
    }

    @Override
    public String secondMetadata() {
        return getDescription();
    }

    @Override
    public void secondMetadata(String value) {
        setDescription(value);
    }
}
