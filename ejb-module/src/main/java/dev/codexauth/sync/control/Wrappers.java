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
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The wrapper as each host gets it: {@code GET /wrapper} and {@code /wrapper/download} (host-api.md §4.5) and the
 * wrapper fields of a host's {@code versions} block. The key baked in is the one the host authenticated with
 * (the same plaintext the host row's encrypted copy holds); the base URL is the one hosts may be given (§5.2).
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

    /** The calling host's script; 404 without a template, 503 when no trustworthy base URL is configured. */
    public WrapperBaking.BakedWrapper download(HostCredentials credentials, RequestOrigin origin) {
        Host host = authenticator.authenticate(credentials, false);
        WrapperTemplate.Template current = template.current()
                .orElseThrow(() -> new ApiException(404, "wrapper_not_available", "Wrapper not available"));
        String baseUrl = baseUrls.forHosts(origin).orElseThrow(() -> new ApiException(503, "base_url_unavailable",
                "No public base URL to bake into the wrapper (set PUBLIC_BASE_URL)"));
        return WrapperBaking.bake(current, values(host, credentials.key(), baseUrl));
    }

    /**
     * The host's {@code versions} block with its baked wrapper's version and sha; the template's sha when no base
     * URL resolves (host-api.md §4.1).
     */
    public VersionsBlock forHost(Host host, VersionsBlock fleet, String presentedKey, RequestOrigin origin) {
        Optional<WrapperTemplate.Template> current = template.current();
        if (current.isEmpty()) {
            return fleet;
        }
        String sha = baseUrls.forHosts(origin)
                .map(baseUrl -> WrapperBaking.bake(current.get(), values(host, presentedKey, baseUrl)).sha256())
                .orElse(current.get().sha256());
        return fleet.withWrapper(current.get().version(), sha);
    }

    /** {@code GET /versions}: the unbaked template's version and sha. */
    public VersionsBlock unbaked(VersionsBlock fleet) {
        return template.current().map(t -> fleet.withWrapper(t.version(), t.sha256())).orElse(fleet);
    }

    private WrapperBaking.HostValues values(Host host, String key, String baseUrl) {
        return new WrapperBaking.HostValues(baseUrl, key, host.getFqdn(), host.isSecure(), host.isForceIpv4(), installation.id(),
                settings.current().cdxSilent(), host.isCurlInsecure(), host.getModelOverride(), host.getReasoningEffortOverride());
    }
}
