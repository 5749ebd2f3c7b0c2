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

/** A fleet prompt file (slash command); deleted_at marks a retired one. Table {@code slash_commands} (spec/schema.md). */
@Entity
@Table(name = "slash_commands")
@DynamicUpdate
public class SlashCommand implements SyncedFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "filename", nullable = false, length = 255)
    private String filename;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "description")
    private String description;

    @Column(name = "argument_hint", length = 255)
    private String argumentHint;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "prompt", nullable = false)
    private String prompt;

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

    public String getFilename() {
        return filename;
    }

    public void setFilename(String filename) {
        this.filename = filename;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getArgumentHint() {
        return argumentHint;
    }

    public void setArgumentHint(String argumentHint) {
        this.argumentHint = argumentHint;
    }

    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
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
        return getFilename();
    }

    @Override
    public void name(String name) {
        setFilename(name);
    }

    @Override
    public String content() {
        return getPrompt();
    }

    @Override
    public void content(String content) {
        setPrompt(content);
    }

    @Override
    public String firstMetadata() {
        return getDescription();
    }

    @Override
    public void firstMetadata(String value) {
        setDescription(value);
    }

    @Override
    public String secondMetadata() {
        return getArgumentHint();
    }

    @Override
    public void secondMetadata(String value) {
        setArgumentHint(value);
    }
}
