package dev.codexauth.ops.boundary;

import dev.codexauth.host.control.BaseUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** What an operator must hear about at start-up rather than from the first host that fails. */
@ApplicationScoped
public class StartupNotices {

    private static final Logger LOG = Logger.getLogger(StartupNotices.class.getName());

    @Inject
    BaseUrls baseUrls;

    void started(@Observes @Initialized(ApplicationScoped.class) Object context) {
        if (baseUrls.configured().isEmpty()) {
            LOG.warning("PUBLIC_BASE_URL is not set (or not an http(s) URL): registering hosts, installers, wrappers and "
                    + "config.toml downloads answer 503 public_base_url_missing unless a trusted proxy sends X-Forwarded-Host. "
                    + "Set it to the address hosts reach this server at, e.g. PUBLIC_BASE_URL=https://codex-auth.example.com");
        }
    }
}
