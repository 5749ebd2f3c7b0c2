package dev.codexauth.launcher;

import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Remembers why a deployment failed. Payara logs the exception and only answers "not deployed"; the operator should
 * not have to find the cause among a thousand lines of log, so the launcher's last line names it.
 */
final class DeploymentFailure extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private volatile Throwable last;

    private DeploymentFailure() {
        setLevel(Level.SEVERE);
    }

    /** Watches the log until closed. */
    static DeploymentFailure watch() {
        DeploymentFailure watcher = new DeploymentFailure();
        watcher.root.addHandler(watcher);
        return watcher;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getThrown() != null && record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            last = record.getThrown();
        }
    }

    /** The innermost cause of the last exception logged as severe, if any was. */
    Optional<String> cause() {
        return Optional.ofNullable(last).map(Launcher::innermost)
                .map(cause -> cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
