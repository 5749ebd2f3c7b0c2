package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
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
}
