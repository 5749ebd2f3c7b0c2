package dev.codexauth.auth.entity;

import dev.codexauth.host.entity.SingleUseToken;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/** A single-use token of the curl | bash auth seed command. Table {@code auth_seed_tokens} (spec/schema.md). */
@Entity
@Table(name = "auth_seed_tokens")
@DynamicUpdate
public class SeedToken extends SingleUseToken {
}
