package dev.codexauth.ops.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Stands in for a database: keeps what each committed batch held, and refuses any batch with a negative item. */
    static final class Store {
        final List<List<Integer>> committed = Collections.synchronizedList(new ArrayList<>());
        volatile long writeMillis;

        List<String> write(List<Integer> batch) throws Exception {
            Thread.sleep(writeMillis);
            if (batch.stream().anyMatch(item -> item < 0)) {
                throw new Exception("constraint violated");
            }
            committed.add(batch);
            return batch.stream().map(item -> "row-" + item).toList();
        }

        List<Integer> items() {
            synchronized (committed) {
                return committed.stream().flatMap(List::stream).toList();
            }
        }
    }

    private final Store store = new Store();

    @Test
    void aLoneCallerIsWrittenAtOnceInABatchOfItsOwn() {
        GroupCommit<Integer, String> commits = new GroupCommit<>(store::write, item -> 1, 100);

        assertThat(commits.write(7)).isEqualTo("row-7");
        assertThat(store.committed).containsExactly(List.of(7));
    }

    @Test
    void concurrentCallersShareCommitsAndEachGetsItsOwnResult() throws Exception {
        store.writeMillis = 2;
        GroupCommit<Integer, String> commits = new GroupCommit<>(store::write, item -> 1, 10);
        int callers = 16;
        int perCaller = 40;

        List<List<String>> answers = runConcurrently(callers, caller -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perCaller; i++) {
                int item = caller * 1_000 + i;
                String result = commits.write(item);
                assertThat(result).isEqualTo("row-" + item);
                mine.add(result);
            }
            return mine;
        });

        assertThat(answers).allSatisfy(mine -> assertThat(mine).hasSize(perCaller));
        assertThat(store.items()).hasSize(callers * perCaller).doesNotHaveDuplicates();
        assertThat(store.committed).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(10));
        assertThat(store.committed.size()).as("commits for %d writes", callers * perCaller).isLessThan(callers * perCaller / 2);
    }

    @Test
    void anItemThatCannotBeStoredFailsAloneAndTheRestOfItsBatchIsStored() throws Exception {
        store.writeMillis = 20;
        GroupCommit<Integer, String> commits = new GroupCommit<>(store::write, item -> 1, 100);
        ConcurrentHashMap<Integer, String> outcomes = new ConcurrentHashMap<>();

        runConcurrently(8, caller -> {
            int item = caller == 3 ? -1 : caller;
            try {
                outcomes.put(item, commits.write(item));
            } catch (GroupCommit.WriteFailed failed) {
                outcomes.put(item, "failed: " + failed.getMessage());
            }
            return null;
        });

        assertThat(outcomes).containsEntry(-1, "failed: constraint violated");
        for (int caller : new int[] {0, 1, 2, 4, 5, 6, 7}) {
            assertThat(outcomes).containsEntry(caller, "row-" + caller);
        }
        assertThat(store.items()).containsExactlyInAnyOrder(0, 1, 2, 4, 5, 6, 7);
    }

    @Test
    void aLoneFailureReachesItsCaller() {
        GroupCommit<Integer, String> commits = new GroupCommit<>(store::write, item -> 1, 100);

        assertThatThrownBy(() -> commits.write(-5)).isInstanceOf(GroupCommit.WriteFailed.class).hasMessage("constraint violated");
        assertThat(commits.write(5)).as("the next caller still writes").isEqualTo("row-5");
    }

    @Test
    void whenTheStoreIsUnreachableTheWholeBatchFailsWithoutBeingRetriedItemByItem() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit<Integer, String> commits = new GroupCommit<>(batch -> {
            attempts.incrementAndGet();
            Thread.sleep(20);
            throw new GroupCommit.StoreUnavailable(new Exception("connection refused"));
        }, item -> 1, 100);

        List<String> outcomes = runConcurrently(8, caller -> {
            try {
                return commits.write(caller);
            } catch (GroupCommit.WriteFailed failed) {
                return "failed: " + failed.getMessage();
            }
        });

        assertThat(outcomes).containsOnly("failed: connection refused");
        assertThat(attempts.get()).as("one attempt per batch, none per item").isLessThan(8);
    }

    @Test
    void anErrorWhileRetryingAloneLeavesNoCallerWaitingAndTheNextCallersStillWrite() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        GroupCommit<Integer, String> commits = new GroupCommit<>(batch -> {
            if (calls.incrementAndGet() == 1) {
                Thread.sleep(50);
            } else if (batch.size() > 1) {
                throw new Exception("batch refused");
            } else if (errors.getAndIncrement() == 0) {
                throw new AssertionError("writer broke");
            }
            return store.write(batch);
        }, item -> 1, 100);

        List<String> outcomes = runConcurrently(6, caller -> {
            try {
                return commits.write(caller);
            } catch (GroupCommit.WriteFailed failed) {
                return "failed";
            } catch (AssertionError broke) {
                return "broke";
            }
        });

        assertThat(outcomes).as("every caller answered").hasSize(6);
        assertThat(commits.write(9)).isEqualTo("row-9");
    }

    @Test
    void anItemHeavierThanABatchIsABatchOfItsOwn() throws Exception {
        store.writeMillis = 5;
        GroupCommit<Integer, String> commits = new GroupCommit<>(store::write, item -> item, 50);

        runConcurrently(6, caller -> commits.write(caller == 0 ? 80 : 20));

        assertThat(store.committed).contains(List.of(80));
        assertThat(store.committed).allSatisfy(batch ->
                assertThat(batch.size() == 1 || batch.stream().mapToInt(Integer::intValue).sum() <= 50).isTrue());
        assertThat(store.items()).hasSize(6);
    }

    interface Caller<V> {
        V run(int caller) throws Exception;
    }

    /** Starts every caller at the same moment and waits for all of them. */
    private static <V> List<V> runConcurrently(int callers, Caller<V> caller) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<V>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return caller.run(index);
                }));
            }
            start.countDown();
            List<V> results = new ArrayList<>();
            for (Future<V> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
