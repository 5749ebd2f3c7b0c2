package dev.codexauth.console.pages;

import dev.codexauth.identity.control.Entitlements;
import dev.codexauth.identity.control.IdentityAdministration;
import dev.codexauth.identity.control.LlmTokens;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/people.xhtml}: the identity plane for admins (spec/identity.md) — workspaces with their live
 * entitlement, the people who signed in, and every install token (never its value). Admins set an entitlement by
 * hand and revoke any token, through the same audited control methods as {@code /admin/api/workspaces} and
 * {@code /admin/api/llm-tokens}.
 */
@Named
@ViewScoped
public class PeoplePage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int LIMIT = 500;
    /** The statuses an admin can choose, in the order a menu shows them. */
    private static final List<String> STATUSES = List.of("active", "trialing", "past_due", "canceled", "unpaid", "none");

    @Inject
    IdentityAdministration identity;

    @Inject
    LlmTokens tokens;

    @Inject
    ConsoleUser user;

    private List<IdentityAdministration.Workspace> workspaces;
    private List<IdentityAdministration.Person> people;
    private List<LlmTokens.Listed> tokenList;
    private IdentityAdministration.Workspace selected;
    private String status;

    public List<IdentityAdministration.Workspace> getWorkspaces() {
        if (workspaces == null) {
            workspaces = identity.workspaces(LIMIT);
        }
        return workspaces;
    }

    public List<IdentityAdministration.Person> getPeople() {
        if (people == null) {
            people = identity.people(LIMIT);
        }
        return people;
    }

    public List<LlmTokens.Listed> getTokens() {
        if (tokenList == null) {
            tokenList = tokens.all(LIMIT);
        }
        return tokenList;
    }

    public List<String> getStatuses() {
        return STATUSES;
    }

    /** Whether a status lets the workspace's tokens work (for the tag's colour). */
    public boolean entitles(String entitlement) {
        return Entitlements.allows(entitlement);
    }

    public String joined(List<String> words) {
        return String.join(" ", words);
    }

    /** Opens the entitlement dialog for one workspace. */
    public void select(IdentityAdministration.Workspace workspace) {
        selected = workspace;
        status = workspace.entitlement();
    }

    public void saveEntitlement() {
        if (selected != null && user.mayChange() && STATUSES.contains(status)) {
            Feedback.run("Entitlement of " + selected.slug() + " set to " + status,
                    () -> identity.entitle(selected.id(), status, null, null, user.actor()));
            workspaces = null;
        }
    }

    public void revoke(LlmTokens.Listed token) {
        if (user.mayChange()) {
            Feedback.run("Token " + token.prefix() + "… revoked", () -> identity.revoke(token.id(), user.actor()));
            tokenList = null;
            workspaces = null;
            people = null;
        }
    }

    public IdentityAdministration.Workspace getSelected() {
        return selected;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
