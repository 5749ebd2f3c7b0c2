package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseConflictTest {

    @Test
    void aDeadlockALockWaitTimeoutOrARowDeletedMeanwhileIsAConflict() {
        SQLException deadlock = new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
        SQLException timeout = new SQLException("Lock wait timeout exceeded", "HY000", 1205);

        assertThat(DatabaseConflict.causedIt(new EJBException(new PersistenceException("could not execute statement", deadlock))))
                .isTrue();
        assertThat(DatabaseConflict.causedIt(new PersistenceException(timeout))).isTrue();
        assertThat(DatabaseConflict.causedIt(new jakarta.persistence.PessimisticLockException("row locked"))).isTrue();
        assertThat(DatabaseConflict.causedIt(new EJBException(new jakarta.persistence.OptimisticLockException("row deleted meanwhile"))))
                .isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(DatabaseConflict.causedIt(new PersistenceException(new SQLIntegrityConstraintViolationException(
                "Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(DatabaseConflict.causedIt(new IllegalStateException("no database"))).isFalse();
    }

    @Test
    void theAnswerTellsTheCallerToSendItAgain() {
        ApiException answer = DatabaseConflict.answer();

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("database_conflict");
        assertThat(answer.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void aDuplicateKeyIsToldApart() {
        assertThat(DatabaseConflict.duplicateKey(new PersistenceException(new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'a.fleet.test' for key 'fqdn'", "23000", 1062)))).isTrue();
        assertThat(DatabaseConflict.duplicateKey(new PersistenceException(new SQLIntegrityConstraintViolationException(
                "Cannot add or update a child row", "23000", 1452)))).isFalse();
    }

    @Test
    void workRolledBackByACollisionRunsOnceMore() {
        AtomicInteger attempts = new AtomicInteger();

        String answer = DatabaseConflict.retriedOnce(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new EJBException(new PersistenceException(new SQLTransactionRollbackException("Deadlock", "40001", 1213)));
            }
            return "registered";
        });

        assertThat(answer).isEqualTo("registered");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aSecondCollisionOrAnyOtherFailureReachesTheCaller() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> DatabaseConflict.retriedOnce(() -> {
            attempts.incrementAndGet();
            throw DatabaseConflict.answer();
        })).isInstanceOf(ApiException.class).hasMessageContaining("Send it again");
        assertThat(attempts).hasValue(2);
        assertThatThrownBy(() -> DatabaseConflict.retriedOnce(() -> {
            throw new ApiException(404, "host_not_found", "Host not found");
        })).hasMessage("Host not found");
    }
}
