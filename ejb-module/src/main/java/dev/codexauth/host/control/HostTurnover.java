package dev.codexauth.host.control;

/**
 * Fired synchronously, inside the transaction that changes the host, so other features keep or hand over what a host
 * owned: {@link Kind#LEAVING} just before its row is deleted (the schema's cascades follow), {@link Kind#REGISTERED}
 * just after a new host row exists.
 */
public record HostTurnover(Kind kind, long hostId, String fqdn) {

    public enum Kind { LEAVING, REGISTERED }
}
