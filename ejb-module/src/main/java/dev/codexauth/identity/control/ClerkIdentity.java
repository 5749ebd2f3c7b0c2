package dev.codexauth.identity.control;

/**
 * Who a verified Clerk session token names: the user ({@code sub}), the session ({@code sid}), the origin it was
 * issued to ({@code azp}) and the active organization ({@code o.id}, {@code o.slg}, {@code o.rol}), which is the
 * workspace. A token without an organization names the user's personal workspace.
 */
public record ClerkIdentity(String userId, String sessionId, String authorizedParty, String email, String name,
                            String organizationId, String workspaceSlug, String workspaceRole) {

    /** The role in the workspace: Clerk's {@code org:admin} is an admin, the personal workspace's owner is its owner. */
    public String memberRole() {
        if (organizationId == null) {
            return "owner";
        }
        return workspaceRole != null && workspaceRole.endsWith("admin") ? "admin" : "member";
    }
}
