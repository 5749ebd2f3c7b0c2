package dev.codexauth.sync.entity;

import java.time.Instant;

/**
 * A fleet file that hosts sync by name and sha256 and may retire (prompts and skills): the common view that lets one
 * service implement both protocols. Each kind has two free-text metadata columns, named by its JSON fields.
 */
public interface SyncedFile {

    Long getId();

    String name();

    void name(String name);

    String getSha256();

    void setSha256(String sha256);

    String content();

    void content(String content);

    String firstMetadata();

    void firstMetadata(String value);

    String secondMetadata();

    void secondMetadata(String value);

    Long getSourceHostId();

    void setSourceHostId(Long sourceHostId);

    Instant getCreatedAt();

    void setCreatedAt(Instant createdAt);

    Instant getUpdatedAt();

    void setUpdatedAt(Instant updatedAt);

    Instant getDeletedAt();

    void setDeletedAt(Instant deletedAt);
}
