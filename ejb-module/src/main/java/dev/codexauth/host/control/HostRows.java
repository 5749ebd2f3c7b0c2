package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.DataSourceConfig;
import dev.codexauth.ops.control.TextTimestamp;
import dev.codexauth.security.control.Hashes;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * Reads the host holding a key with plain JDBC, for the lookups that only look ({@link SettledHosts}, the in-sync
 * {@code /auth} answer): each one through JPA built a persistence context, ran the query through Hibernate and
 * hydrated a managed entity, more than the rest of a usage report cost. Every column is read as the entity maps it
 * (text timestamps through the entity's own {@link TextTimestamp}, DATETIMEs in UTC as {@code hibernate.jdbc.time_zone}).
 * A database failure is the {@link PersistenceException} the JPA query threw.
 */
@ApplicationScoped
public class HostRows {

    private static final String BY_KEY_HASH = "SELECT id, fqdn, api_key, api_key_hash, api_key_enc, status, secure,"
            + " allow_roaming_ips, last_refresh, auth_digest, ip, client_version, wrapper_version, api_calls, created_at,"
            + " updated_at, client_version_override, insecure_enabled_until, insecure_grace_until, insecure_window_minutes,"
            + " force_ipv4, curl_insecure, expires_at, vip, model_override, reasoning_effort_override"
            + " FROM hosts WHERE api_key_hash";

    /** Keys read together by {@link #byKeyHashes}: a bounded statement, and placeholders far below the protocol's limit. */
    static final int HASHES_PER_STATEMENT = 500;

    private static final TextTimestamp TEXT_TIMESTAMP = new TextTimestamp();
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    /** A detached copy of the row holding this key, never to be changed or merged; empty for an unknown key. */
    public Optional<Host> byKey(String presentedKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(BY_KEY_HASH + " = ?")) {
            select.setString(1, Hashes.sha256Hex(presentedKey));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(host(row)) : Optional.empty();
            }
        } catch (SQLException failure) {
            throw new PersistenceException("The host could not be read", failure);
        }
    }

    /**
     * Detached copies of the rows holding these key hashes (SHA-256 hex, as stored), by hash; a hash no row holds is
     * absent. One connection, one statement per {@link #HASHES_PER_STATEMENT} hashes.
     */
    public Map<String, Host> byKeyHashes(Collection<String> keyHashes) {
        Map<String, Host> found = new HashMap<>();
        List<String> all = List.copyOf(keyHashes);
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < all.size(); from += HASHES_PER_STATEMENT) {
                List<String> part = all.subList(from, Math.min(all.size(), from + HASHES_PER_STATEMENT));
                String placeholders = String.join(",", Collections.nCopies(part.size(), "?"));
                try (PreparedStatement select = connection.prepareStatement(BY_KEY_HASH + " IN (" + placeholders + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        select.setString(i + 1, part.get(i));
                    }
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            Host host = host(row);
                            found.put(host.getApiKeyHash(), host);
                        }
                    }
                }
            }
        } catch (SQLException failure) {
            throw new PersistenceException("The hosts could not be read", failure);
        }
        return found;
    }

    static Host host(ResultSet row) throws SQLException {
        Host host = new Host(row.getLong("id"));
        host.setFqdn(row.getString("fqdn"));
        host.setApiKey(row.getString("api_key"));
        host.setApiKeyHash(row.getString("api_key_hash"));
        host.setApiKeyEnc(row.getString("api_key_enc"));
        host.setStatus(row.getString("status"));
        host.setSecure(row.getBoolean("secure"));
        host.setAllowRoamingIps(row.getBoolean("allow_roaming_ips"));
        host.setLastRefresh(row.getString("last_refresh"));
        host.setAuthDigest(row.getString("auth_digest"));
        host.setIp(row.getString("ip"));
        host.setClientVersion(row.getString("client_version"));
        host.setWrapperVersion(row.getString("wrapper_version"));
        host.setApiCalls(row.getLong("api_calls"));
        host.setCreatedAt(instant(row, "created_at"));
        host.setUpdatedAt(instant(row, "updated_at"));
        host.setClientVersionOverride(row.getString("client_version_override"));
        host.setInsecureEnabledUntil(dateTime(row, "insecure_enabled_until"));
        host.setInsecureGraceUntil(dateTime(row, "insecure_grace_until"));
        int windowMinutes = row.getInt("insecure_window_minutes");
        host.setInsecureWindowMinutes(row.wasNull() ? null : windowMinutes);
        host.setForceIpv4(row.getBoolean("force_ipv4"));
        host.setCurlInsecure(row.getBoolean("curl_insecure"));
        host.setExpiresAt(instant(row, "expires_at"));
        host.setVip(row.getBoolean("vip"));
        host.setModelOverride(row.getString("model_override"));
        host.setReasoningEffortOverride(row.getString("reasoning_effort_override"));
        return host;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return TEXT_TIMESTAMP.convertToEntityAttribute(row.getString(column));
    }

    private static LocalDateTime dateTime(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column, Calendar.getInstance(UTC));
        return value == null ? null : value.toLocalDateTime();
    }
}
