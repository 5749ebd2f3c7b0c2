package dev.codexauth.security.control;

/** A stored secret that no key of the ring opens: corrupt, altered, or sealed with a key that was removed. */
public class UndecryptableValueException extends RuntimeException {

    public UndecryptableValueException(String message) {
        super(message);
    }
}
