package dev.codexauth.usage.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where and how often the ChatGPT account quota is read (sync.md §10). */
@ApplicationScoped
public class ChatgptUsageSettings {

    @Inject
    @ConfigProperty(name = "chatgpt.base.url", defaultValue = "https://chatgpt.com/backend-api")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "chatgpt.usage.timeout", defaultValue = "10")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "chatgpt.usage.cron.interval", defaultValue = "3600")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "chatgpt.usage.force.min.seconds", defaultValue = "30")
    long forceMinSeconds;

    public String usageUrl() {
        return baseUrl.trim().replaceAll("/+$", "") + "/wham/usage";
    }

    public int timeoutSeconds() {
        return timeoutSeconds <= 0 ? 10 : timeoutSeconds;
    }

    /** Seconds between scheduled reads; 0 or less turns the schedule off (admins can still refresh). */
    public long intervalSeconds() {
        return intervalSeconds;
    }

    /** Fleet-wide minimum time between two forced refreshes (admin.md §2.8). */
    public long forceMinSeconds() {
        return Math.max(0, forceMinSeconds);
    }
}
