package dev.codexauth.security.control;

/** The encryption keys are missing or malformed: the server must not start. */
public class KeyConfigurationException extends IllegalStateException {

    public KeyConfigurationException(String message) {
        super(message);
    }
}
