package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.DataSourceConfig;
import dev.codexauth.security.control.Hashes;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Authenticates an {@code xwllm_} bearer (spec/identity.md): one indexed read per request of the token's row, its
 * person, workspace and the workspace's <em>live</em> entitlement. Nothing is cached, so a revocation or a lost
 * entitlement written on any node refuses the very next request on every node; the read is a unique-key lookup
 * joined on primary keys (see bench/ person-auth for its cost). A malformed token is refused without a query.
 */
@ApplicationScoped
public class TokenAuthenticator {

    private static final Pattern SHAPE = Pattern.compile("^xwllm_[A-Za-z0-9_-]{43}$");
    private static final String LOOKUP = "SELECT t.id, t.person_id, p.clerk_user_id, p.email, t.workspace_id, w.slug, t.scopes, "
            + "t.expires_at, t.revoked_at, COALESCE(e.status, 'none') FROM llm_tokens t JOIN people p ON p.id = t.person_id "
            + "JOIN workspaces w ON w.id = t.workspace_id LEFT JOIN entitlements e ON e.workspace_id = t.workspace_id "
            + "WHERE t.token_hash = ?";

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    @Inject
    TokenUse use;

    public static boolean looksLikeToken(String bearer) {
        return bearer != null && bearer.startsWith(LlmTokens.PREFIX);
    }

    /**
     * @throws ApiException 401 {@code invalid_token} for an unknown, revoked or expired token, 403
     *                      {@code entitlement_inactive} when its workspace has no active subscription
     */
    public TokenCaller authenticate(String token, String clientIp) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            throw invalid("unknown token");
        }
        TokenCaller caller;
        try (Connection connection = dataSource.getConnection(); PreparedStatement lookup = connection.prepareStatement(LOOKUP)) {
            lookup.setString(1, Hashes.sha256Hex(token));
            try (ResultSet row = lookup.executeQuery()) {
                if (!row.next()) {
                    throw invalid("unknown token");
                }
                if (row.getTimestamp(9) != null) {
                    throw invalid("the token was revoked");
                }
                Timestamp expires = row.getTimestamp(8);
                if (expires != null && !utc(expires).isAfter(Instant.now())) {
                    throw invalid("the token expired");
                }
                caller = new TokenCaller(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getLong(5),
                        row.getString(6), Scopes.parse(row.getString(7)), row.getString(10));
            }
        } catch (SQLException unavailable) {
            throw new ApiException(503, "database_unavailable", "The token could not be checked; try again shortly");
        }
        if (!Entitlements.allows(caller.entitlement())) {
            throw Entitlements.inactive(caller.entitlement());
        }
        use.record(caller.tokenId(), clientIp);
        return caller;
    }

    private static Instant utc(Timestamp stored) {
        LocalDateTime wallTime = stored.toLocalDateTime();
        return wallTime.toInstant(ZoneOffset.UTC);
    }

    static ApiException invalid(String reason) {
        return new ApiException(401, "invalid_token", "The bearer token was refused: " + reason, null, null,
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }
}
