package dev.codexauth.ops.entity;

import dev.codexauth.ops.control.TextTimestamp;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A fleet setting or piece of runtime state (table versions: name, value, updated_at). Table {@code versions} (spec/schema.md). */
@Entity
@Table(name = "versions")
@DynamicUpdate
public class Setting {

    @Id
    @Column(name = "name", nullable = false, length = 191)
    private String name;

    @Column(name = "version", nullable = false, length = 191)
    private String version;

    @Convert(converter = TextTimestamp.class)
    @Column(name = "updated_at", nullable = false, length = 100)
    private Instant updatedAt;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
