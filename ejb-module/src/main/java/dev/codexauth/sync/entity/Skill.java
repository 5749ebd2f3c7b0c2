package dev.codexauth.sync.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A fleet skill (SKILL.md); deleted_at marks a retired one. Table {@code skills} (spec/schema.md). */
@Entity
@Table(name = "skills")
@DynamicUpdate
public class Skill extends SyncedFile {

    @Column(name = "slug", nullable = false, length = 255)
    private String slug;

    @Column(name = "display_name", length = 255)
    private String displayName;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "description")
    private String description;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "manifest", nullable = false)
    private String manifest;

    @Override
    public String name() {
        return slug;
    }

    @Override
    public void name(String name) {
        this.slug = name;
    }

    @Override
    public String content() {
        return manifest;
    }

    @Override
    public void content(String content) {
        this.manifest = content;
    }

    @Override
    public String firstMetadata() {
        return displayName;
    }

    @Override
    public void firstMetadata(String value) {
        this.displayName = value;
    }

    @Override
    public String secondMetadata() {
        return description;
    }

    @Override
    public void secondMetadata(String value) {
        this.description = value;
    }
}
