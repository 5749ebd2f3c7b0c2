package dev.codexauth.identity.control;

/** A signed-in person in the workspace their session names, with their role there. */
public record Member(long personId, String userId, String email, long workspaceId, String workspaceSlug, String role) {
}
