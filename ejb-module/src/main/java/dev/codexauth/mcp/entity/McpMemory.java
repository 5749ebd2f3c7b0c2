package dev.codexauth.mcp.entity;

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

/** A memory a host or a workspace stored through MCP; deleted_at marks a soft delete. Table {@code mcp_memories} (spec/schema.md). */
@Entity
@Table(name = "mcp_memories")
@DynamicUpdate
public class McpMemory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    /** The owning host, or null when a workspace owns the memory. */
    @Column(name = "host_id")
    private Long hostId;

    /** The owning workspace, or null when a host owns the memory. */
    @Column(name = "workspace_id")
    private Long workspaceId;

    @Column(name = "memory_key", nullable = false, length = 128)
    private String memoryKey;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "content", nullable = false)
    private String content;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "metadata")
    private String metadata;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "tags")
    private String tags;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "tags_text")
    private String tagsText;

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

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }

    public Long getWorkspaceId() {
        return workspaceId;
    }

    public void setWorkspaceId(Long workspaceId) {
        this.workspaceId = workspaceId;
    }

    public String getMemoryKey() {
        return memoryKey;
    }

    public void setMemoryKey(String memoryKey) {
        this.memoryKey = memoryKey;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public String getMetadata() {
        return metadata;
    }

    public void setMetadata(String metadata) {
        this.metadata = metadata;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getTagsText() {
        return tagsText;
    }

    public void setTagsText(String tagsText) {
        this.tagsText = tagsText;
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
