package dev.codexauth.mcp.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One MCP session (spec/mcp.md §8): issued at {@code initialize}, bound to the caller that opened it, kept in the
 * database so that every node of a cluster serves it. Only the SHA-256 of the session id is stored.
 */
@Entity
@Table(name = "mcp_sessions")
public class McpSession {

    @Id
    @Column(name = "id_hash", nullable = false, updatable = false, length = 64)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String idHash;

    @Column(name = "caller", nullable = false, updatable = false, length = 64)
    private String caller;

    @Column(name = "host_id", updatable = false)
    private Long hostId;

    @Column(name = "protocol_version", nullable = false, updatable = false, length = 16)
    private String protocolVersion;

    @Column(name = "client_name", updatable = false, length = 128)
    private String clientName;

    @Column(name = "client_version", updatable = false, length = 64)
    private String clientVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    @Column(name = "last_used_at", nullable = false)
    private LocalDateTime lastUsedAt;

    protected McpSession() {
    }

    public McpSession(String idHash, String caller, Long hostId, String protocolVersion, String clientName, String clientVersion,
                      LocalDateTime now) {
        this.idHash = idHash;
        this.caller = caller;
        this.hostId = hostId;
        this.protocolVersion = protocolVersion;
        this.clientName = clientName;
        this.clientVersion = clientVersion;
        this.createdAt = now;
        this.lastUsedAt = now;
    }

    public String getIdHash() {
        return idHash;
    }

    public String getCaller() {
        return caller;
    }

    public Long getHostId() {
        return hostId;
    }

    public String getProtocolVersion() {
        return protocolVersion;
    }

    public String getClientName() {
        return clientName;
    }

    public String getClientVersion() {
        return clientVersion;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public LocalDateTime getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(LocalDateTime lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }
}
