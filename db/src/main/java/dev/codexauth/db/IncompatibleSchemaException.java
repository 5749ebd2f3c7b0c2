package dev.codexauth.db;

/** The database cannot be migrated safely; the message says what an operator must change. */
public class IncompatibleSchemaException extends IllegalStateException {

    public IncompatibleSchemaException(String message) {
        super(message);
    }
}
