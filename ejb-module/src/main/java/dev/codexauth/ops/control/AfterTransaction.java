package dev.codexauth.ops.control;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntPredicate;

/** Work that runs once the caller's transaction has ended, by its outcome (an interposed synchronization). */
public final class AfterTransaction {

    private AfterTransaction() {
    }

    /** Only when the transaction committed: what others may see now is what it wrote. */
    public static void committed(TransactionSynchronizationRegistry transactions, Runnable work) {
        when(transactions, status -> status == Status.STATUS_COMMITTED, work);
    }

    /** Only when it rolled back. */
    public static void rolledBack(TransactionSynchronizationRegistry transactions, Runnable work) {
        when(transactions, status -> status == Status.STATUS_ROLLEDBACK, work);
    }

    /** Whatever the outcome. */
    public static void ended(TransactionSynchronizationRegistry transactions, Runnable work) {
        when(transactions, status -> true, work);
    }

    private static void when(TransactionSynchronizationRegistry transactions, IntPredicate outcome, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (outcome.test(status)) {
                    work.run();
                }
            }
        });
    }
}
