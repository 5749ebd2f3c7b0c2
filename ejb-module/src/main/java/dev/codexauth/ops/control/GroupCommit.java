package dev.codexauth.ops.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * Writes that each caller must see committed before it answers, shared between the callers that arrive together:
 * one caller at a time writes everything queued (up to a weight) in one transaction while the others wait, and the
 * next waiter whose item is still queued writes the next batch. Nobody waits for a timer: a lone caller writes its
 * item at once, and under load a batch holds what arrived while the previous one was being written.
 *
 * <p>A batch is all or nothing. When one fails, its items are written again one by one, so an item that cannot be
 * stored fails alone and the others are still stored; unless the writer could not reach its store at all
 * ({@link StoreUnavailable}), which every item of the batch would meet again: they all fail at once.
 *
 * @param <T> what a caller asks to have written
 * @param <R> what the writer gives back for each item (for example the row's generated id)
 */
public final class GroupCommit<T, R> {

    /** Writes a batch in one transaction and answers one result per item, in order; throws when nothing was stored. */
    @FunctionalInterface
    public interface BatchWriter<T, R> {
        List<R> write(List<T> batch) throws Exception;
    }

    /** Thrown by a writer that could not reach its store (no connection, connection lost): nothing is retried. */
    public static final class StoreUnavailable extends Exception {
        public StoreUnavailable(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Why a caller's item was not stored. */
    public static final class WriteFailed extends RuntimeException {
        WriteFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final class Pending<T, R> {
        final T item;
        boolean done;
        R result;
        Exception failure;

        Pending(T item) {
            this.item = item;
        }
    }

    private final BatchWriter<T, R> writer;
    private final ToIntFunction<T> weight;
    private final int maxWeight;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchWritten = lock.newCondition();
    private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
    private boolean writing;

    /**
     * @param weight    what an item costs the batch (for example its rows)
     * @param maxWeight a batch's weight at most, except that a batch always takes at least one item
     */
    public GroupCommit(BatchWriter<T, R> writer, ToIntFunction<T> weight, int maxWeight) {
        this.writer = writer;
        this.weight = weight;
        this.maxWeight = maxWeight;
    }

    /** Returns once the item is committed, with the writer's result for it; throws {@link WriteFailed} if it was not. */
    public R write(T item) {
        Pending<T, R> mine = new Pending<>(item);
        lock.lock();
        try {
            queue.add(mine);
            while (!mine.done) {
                if (writing) {
                    batchWritten.awaitUninterruptibly();
                } else {
                    writing = true;
                    List<Pending<T, R>> batch = new ArrayList<>();
                    try {
                        takeNextBatch(batch);
                        lock.unlock();
                        try {
                            writeBatch(batch);
                        } finally {
                            lock.lock();
                        }
                    } finally {
                        // Whatever escaped (an Error), no caller of this batch may wait for an item nobody writes.
                        batch.stream().filter(p -> !p.done).forEach(p -> fail(p, new IllegalStateException("the batch was not written")));
                        writing = false;
                        batchWritten.signalAll();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw new WriteFailed(mine.failure);
        }
        return mine.result;
    }

    private void takeNextBatch(List<Pending<T, R>> batch) {
        int total = 0;
        while (!queue.isEmpty()) {
            int next = weight.applyAsInt(queue.peek().item);
            if (!batch.isEmpty() && total + next > maxWeight) {
                break;
            }
            total += next;
            batch.add(queue.poll());
        }
    }

    /** A batch of one is not retried: its failure is its caller's. */
    private void writeBatch(List<Pending<T, R>> batch) {
        List<R> results;
        try {
            results = writer.write(batch.stream().map(p -> p.item).toList());
        } catch (Exception failure) {
            if (batch.size() == 1 || failure instanceof StoreUnavailable) {
                batch.forEach(p -> fail(p, failure));
            } else {
                batch.forEach(p -> writeBatch(List.of(p)));
            }
            return;
        }
        complete(batch, results);
    }

    /** Hands each caller its result; a writer that answered the wrong number of results is a bug, failed loudly. */
    private static <T, R> void complete(List<Pending<T, R>> batch, List<R> results) {
        if (results.size() != batch.size()) {
            IllegalStateException miscounted = new IllegalStateException(
                    "the writer answered " + results.size() + " results for " + batch.size() + " items");
            batch.forEach(p -> fail(p, miscounted));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result = results.get(i);
            batch.get(i).done = true;
        }
    }

    private static <T, R> void fail(Pending<T, R> pending, Exception failure) {
        pending.failure = failure;
        pending.done = true;
    }
}
