package dev.codexauth.sync.control;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.RequestOrigin;
import dev.codexauth.host.entity.Host;
import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Installation;
import dev.codexauth.ops.control.SettingsStore;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The wrapper as each host gets it: {@code GET /wrapper} and {@code /wrapper/download} (host-api.md §4.5) and the
 * wrapper fields of a host's {@code versions} block; the base URL is the one hosts may be given (§5.2). The copy
 * carries no key (hosts keep it in a key file), except the one announced to a host whose wrapper predates key files:
 * it gets its own key baked in, since after the update nothing else would know it (docs/cdx.md "The host key").
 */
@Stateless
public class Wrappers {

    @EJB
    HostAuthenticator authenticator;

    @EJB
    WrapperTemplate template;

    @EJB
    Installation installation;

    @EJB
    SettingsStore settings;

    @Inject
    BaseUrls baseUrls;

    /** The first wrapper version that reads its key from a key file (versions are date-based, so they sort as text). */
    static final String FIRST_KEY_FILE_VERSION = "2026.12.03-01";
    /** Where a wrapper older than that downloads the copy that still carries its key. */
    static final String WITH_KEY_URL = FleetVersions.WRAPPER_URL + "?key=baked";

    /**
     * The calling host's script, with its key baked in only when {@code withKey} (the URL announced to an older
     * wrapper); 404 without a template, 503 when no trustworthy base URL is configured.
     */
    public WrapperBaking.BakedWrapper download(HostCredentials credentials, RequestOrigin origin, boolean withKey) {
        Host host = authenticator.authenticate(credentials, false);
        WrapperTemplate.Template current = template.current()
                .orElseThrow(() -> new ApiException(404, "wrapper_not_available", "Wrapper not available"));
        String baseUrl = baseUrls.require(origin);
        WrapperBaking.HostValues values = values(host, credentials.key(), baseUrl);
        return WrapperBaking.bake(current, withKey ? values : values.withoutKey());
    }

    /**
     * The host's {@code versions} block with its baked wrapper's version and sha; the template's sha when no base
     * URL resolves (host-api.md §4.1).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public VersionsBlock forHost(Host host, VersionsBlock fleet, String presentedKey, RequestOrigin origin) {
        Optional<WrapperTemplate.Template> current = template.current();
        if (current.isEmpty()) {
            return fleet;
        }
        boolean withKey = predatesKeyFiles(host.getWrapperVersion());
        String sha = baseUrls.resolve(origin)
                .map(baseUrl -> values(host, presentedKey, baseUrl))
                .map(values -> WrapperBaking.sha256(current.get(), withKey ? values : values.withoutKey()))
                .orElse(current.get().sha256());
        return withKey ? fleet.withWrapper(current.get().version(), sha, WITH_KEY_URL) : fleet.withWrapper(current.get().version(), sha);
    }

    /** A wrapper that reported a date-based version older than the first one with key files (unknown ones are not). */
    static boolean predatesKeyFiles(String reportedVersion) {
        return reportedVersion != null && reportedVersion.matches("\\d{4}\\.\\d{2}\\.\\d{2}-\\d{2}")
                && reportedVersion.compareTo(FIRST_KEY_FILE_VERSION) < 0;
    }

    /** {@code GET /versions}: the unbaked template's version and sha. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public VersionsBlock unbaked(VersionsBlock fleet) {
        return template.current().map(t -> fleet.withWrapper(t.version(), t.sha256())).orElse(fleet);
    }

    private WrapperBaking.HostValues values(Host host, String key, String baseUrl) {
        return new WrapperBaking.HostValues(baseUrl, key, host.getFqdn(), host.isSecure(), host.isForceIpv4(), installation.id(),
                settings.current().cdxSilent(), host.isCurlInsecure(), host.getModelOverride(), host.getReasoningEffortOverride());
    }
}
