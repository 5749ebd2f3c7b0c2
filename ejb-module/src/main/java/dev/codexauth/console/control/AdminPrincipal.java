package dev.codexauth.console.control;

/**
 * Who acts in the admin API: a signed-in user ({@code form}) or an API token ({@code token}, named
 * {@code token:<prefix>} in the audit trail), with the role that decides what they may change.
 */
public record AdminPrincipal(String name, String role, String method, Long userId, boolean mustChangePassword) {

    public boolean admin() {
        return "admin".equals(role);
    }
}
