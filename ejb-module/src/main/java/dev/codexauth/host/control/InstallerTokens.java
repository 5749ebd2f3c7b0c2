package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.host.entity.InstallToken;
import dev.codexauth.http.Redaction;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.sync.control.FleetVersions;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Single-use installer tokens (host-api.md §5.6, §4.12). Redemption builds the script first and then consumes the
 * token with one conditional UPDATE, so of two racing requests (on one node or several) exactly one gets the
 * script, and a failed build never burns a token. Used and expired rows are kept (retention deletes them after
 * {@code RETENTION_INSTALLER_TOKENS_DAYS}), so a spent link says why it no longer works.
 */
@Stateless
public class InstallerTokens {

    private static final SingleUseTokens<InstallToken> TOKENS = new SingleUseTokens<>(InstallToken.class, "Installer");

    /** A freshly issued installer: the token (shown once), its URL and the command to paste on the host. */
    public record Issued(String token, String url, String command, String expiresAt) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    @EJB
    Events events;

    @EJB
    FleetVersions versions;

    @Inject
    BaseUrls baseUrls;

    @Inject
    @ConfigProperty(name = "install.token.ttl.seconds", defaultValue = "1800")
    long ttlSeconds;

    /**
     * The first installer of a host created in this transaction. It has no link to retire and must not look for one:
     * that UPDATE finds no row for the new id and locks the gap at the end of the host_id index instead, where every
     * concurrent registration inserts its own link, so hosts registered in parallel deadlocked each other (MariaDB
     * rolled one back: a 500 for a script onboarding a fleet).
     */
    public Issued issueFirst(Host host, String plainKey, String baseUrl) {
        return insert(host, plainKey, baseUrl, Instant.now());
    }

    /**
     * Replaces the host's pending installer with a new one. The host's row is locked first, as a registration locks it
     * by updating it: a registration and an admin's new installer for one host (or two new installers) otherwise each
     * held a range of the link index the other had to insert into, with the row lock on the far side, and deadlocked.
     */
    public Issued issue(Host host, String plainKey, String baseUrl) {
        em.lock(host, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        // Spent links stay as tombstones so that they keep answering 410 with a reason (not 404) until retention
        // removes them; the host's pending link is retired, not deleted, for the same reason.
        em.createNativeQuery("UPDATE install_tokens SET expires_at = ?1 WHERE host_id = ?2 AND used_at IS NULL AND expires_at > ?1")
                .setParameter(1, Timestamps.format(now)).setParameter(2, host.getId()).executeUpdate();
        return insert(host, plainKey, baseUrl, now);
    }

    private Issued insert(Host host, String plainKey, String baseUrl, Instant now) {
        String token = UUID.randomUUID().toString();
        Instant expires = now.plusSeconds(ttlSeconds <= 0 ? 1800 : ttlSeconds);
        InstallToken row = new InstallToken();
        row.setToken(Hashes.sha256Hex(token));
        row.setTokenEnc(encryption.seal(token));
        row.setHostId(host.getId());
        row.setFqdn(host.getFqdn());
        row.setApiKey(Hashes.sha256Hex(plainKey));
        row.setApiKeyEnc(encryption.seal(plainKey));
        row.setBaseUrl(baseUrl);
        row.setExpiresAt(expires);
        row.setCreatedAt(now);
        em.persist(row);
        events.record(host.getId(), "admin.install_token.create", Events.details("fqdn", host.getFqdn(),
                "expires_at", Timestamps.format(expires), "token", Redaction.prefix(token)));
        String url = baseUrl + "/install/" + token;
        // No -f: a refused link (404, 410) answers with a script that prints why and exits 1, and curl must hand it
        // to bash; with -f bash would get nothing and exit 0.
        String curl = (host.isForceIpv4() ? "curl -4 " : "curl ") + (host.isCurlInsecure() ? "-k " : "") + "-sSL \"" + url + "\" | bash";
        return new Issued(token, url, curl, Timestamps.format(expires));
    }

    /** {@code GET}: the script, consuming the token. */
    public DownloadScript redeem(String token) {
        InstallToken row = TOKENS.usable(em, token);
        DownloadScript script = build(row);
        TOKENS.consume(em, row);
        events.record(row.getHostId(), "install.token.consume", Events.details("token", Redaction.prefix(token)));
        return script;
    }

    /** {@code HEAD}: the same checks and headers, the token left unused. */
    public DownloadScript preview(String token) {
        return build(TOKENS.usable(em, token));
    }

    private DownloadScript build(InstallToken row) {
        Host host = em.find(Host.class, row.getHostId());
        if (host == null) {
            throw new ScriptRefused(404, "Installer host missing");
        }
        java.util.Optional<String> baseUrl = BaseUrls.valid(row.getBaseUrl()).or(baseUrls::configured);
        if (baseUrl.isEmpty()) {
            throw new ScriptRefused(500, "Installer base URL invalid");
        }
        String key = row.getApiKeyEnc() == null ? null : encryption.openText(row.getApiKeyEnc());
        if (key == null || key.isBlank() || row.getFqdn() == null) {
            throw new ScriptRefused(500, "Installer metadata missing (fqdn/base/api key)");
        }
        // No version pinned: the installer looks up the latest release, and fails clearly when it cannot.
        String codexVersion = versions.snapshot().clientVersion();
        String body = ShellScript.render(InstallerTokens.class, "install.sh", Map.of(
                "BASE_URL", baseUrl.get(),
                "API_KEY", key,
                "FQDN", row.getFqdn(),
                "CODEX_VERSION", codexVersion == null ? "" : codexVersion,
                "FORCE_IPV4", host.isForceIpv4() ? "1" : "0",
                "CURL_INSECURE", host.isCurlInsecure() ? "1" : "0"));
        return new DownloadScript(body, Timestamps.format(row.getExpiresAt()));
    }
}
