package dev.codexauth.http;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A transaction rolled back because it collided with another at the same moment: a deadlock (MySQL and MariaDB error
 * 1213, SQLSTATE 40001), a lock wait past {@code innodb_lock_wait_timeout} (1205), or a row it read and then changed
 * that another request deleted in between (an {@link OptimisticLockException}: the entities carry no version, so that
 * is its only cause). Nothing of the request was written and the same request sent again gets the answer the new
 * state calls for, so the caller is told that, with a 503 and {@code Retry-After}, instead of an unexplained 500.
 */
public final class DatabaseConflict {

    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DUPLICATE_KEY = 1062;
    private static final String CODE = "database_conflict";

    private DatabaseConflict() {
    }

    /** Whether the failure, or anything that caused it, is such a collision. */
    public static boolean causedIt(Throwable failure) {
        return Causes.of(failure).anyMatch(cause -> cause instanceof PessimisticLockException || cause instanceof LockTimeoutException
                || cause instanceof OptimisticLockException || cause instanceof SQLException sql && ("40001".equals(sql.getSQLState())
                || sql.getErrorCode() == DEADLOCK || sql.getErrorCode() == LOCK_WAIT_TIMEOUT));
    }

    /** Whether the failure is a duplicate of a unique key (MySQL and MariaDB error 1062). */
    public static boolean duplicateKey(Throwable failure) {
        return Causes.of(failure).anyMatch(cause -> cause instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY);
    }

    /**
     * The work, and once more when a collision rolled it back: for a boundary outside any transaction whose work is
     * one transaction that may simply run again (nothing of the first attempt was written).
     */
    public static <T> T retriedOnce(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException failure) {
            if (failure instanceof ApiException api ? !CODE.equals(api.code()) : !causedIt(failure)) {
                throw failure;
            }
            return work.get();
        }
    }

    /** The answer: 503 {@code database_conflict}, to be sent again after a second. */
    public static ApiException answer() {
        return new ApiException(503, CODE, "The request collided with another change at the same moment and was"
                + " rolled back; nothing was changed. Send it again.", null, null, Map.of("Retry-After", "1"));
    }
}
