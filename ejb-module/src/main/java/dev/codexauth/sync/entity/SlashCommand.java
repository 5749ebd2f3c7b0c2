package dev.codexauth.sync.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A fleet prompt file (slash command); deleted_at marks a retired one. Table {@code slash_commands} (spec/schema.md). */
@Entity
@Table(name = "slash_commands")
@DynamicUpdate
public class SlashCommand extends SyncedFile {

    @Column(name = "filename", nullable = false, length = 255)
    private String filename;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "description")
    private String description;

    @Column(name = "argument_hint", length = 255)
    private String argumentHint;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "prompt", nullable = false)
    private String prompt;

    @Override
    public String name() {
        return filename;
    }

    @Override
    public void name(String name) {
        this.filename = name;
    }

    @Override
    public String content() {
        return prompt;
    }

    @Override
    public void content(String content) {
        this.prompt = content;
    }

    @Override
    public String firstMetadata() {
        return description;
    }

    @Override
    public void firstMetadata(String value) {
        this.description = value;
    }

    @Override
    public String secondMetadata() {
        return argumentHint;
    }

    @Override
    public void secondMetadata(String value) {
        this.argumentHint = value;
    }
}
