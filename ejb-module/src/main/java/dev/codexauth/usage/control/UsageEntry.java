package dev.codexauth.usage.control;

/** One usage entry as stored: counts the host did not send are null, {@code model} and {@code line} are cleaned. */
public record UsageEntry(Long total, Long input, Long output, Long cached, Long reasoning, String model, String line) {
}
