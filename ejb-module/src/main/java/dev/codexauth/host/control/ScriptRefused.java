package dev.codexauth.host.control;

import jakarta.ejb.ApplicationException;

/** An installer or seed token that cannot be used: answered as a failing shell script, not as JSON. */
@ApplicationException(rollback = true)
public class ScriptRefused extends RuntimeException {

    private final int status;

    public ScriptRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
