package dev.codexauth.launcher;

import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * Remembers why a deployment failed. Payara logs the exception and only answers "not deployed"; the operator should
 * not have to find the cause among a thousand lines of log, so the launcher's last line names it.
 */
final class DeploymentFailure extends Handler implements AutoCloseable {

    /** A message logged by its id alone, as Payara does when the id's bundle is not on the logger (AS-DEPLOYMENT-00026). */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Z]+(-[A-Z]+)*-[0-9]+");

    private final Logger root = Logger.getLogger("");
    private volatile Throwable last;
    private volatile String firstSevereMessage;

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
        if (record.getLevel().intValue() < Level.SEVERE.intValue()) {
            return;
        }
        if (record.getThrown() != null) {
            last = record.getThrown();
        } else if (firstSevereMessage == null) {
            firstSevereMessage = new SimpleFormatter().formatMessage(record);
        } else if (MESSAGE_ID.matcher(firstSevereMessage).matches()) {
            firstSevereMessage += ": " + new SimpleFormatter().formatMessage(record);
        }
    }

    /**
     * The innermost cause of the last exception logged as severe, else the first severe message: some failures are
     * logged as text only, and the first of those is where it went wrong, the later ones its consequences. A first
     * message that is only an id comes with the next one, which says what the id stands for.
     */
    Optional<String> cause() {
        return Optional.ofNullable(last).map(Launcher::innermost)
                .map(cause -> cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage())
                .or(() -> Optional.ofNullable(firstSevereMessage));
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
