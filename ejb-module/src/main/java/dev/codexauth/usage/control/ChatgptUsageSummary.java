package dev.codexauth.usage.control;

/**
 * {@code chatgpt_usage} of {@code /auth}: the latest quota snapshot, with countdowns as of now (the original sent
 * them as of the fetch) and today's use of the weekly window.
 */
public record ChatgptUsageSummary(String status, String planType, Boolean rateAllowed, Boolean rateLimitReached,
                                  String fetchedAt, String nextEligibleAt, Window primaryWindow, Window secondaryWindow,
                                  Integer dailyUsedPercent, String dailyBaselineAt) {

    public record Window(Integer usedPercent, Long limitSeconds, Long resetAfterSeconds, String resetAt) {
    }
}
