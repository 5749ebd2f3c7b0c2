package dev.codexauth.console.pages;

import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.console.boundary.AdminRequest;
import dev.codexauth.console.control.HostAdministration;
import dev.codexauth.console.control.HostFlag;
import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.host.control.HostDirectory;
import dev.codexauth.host.control.HostListing;
import dev.codexauth.host.control.HostRegistry;
import dev.codexauth.host.control.Registration;
import dev.codexauth.http.Jsonp;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/hosts.xhtml?tab=insecure&q=...}: the lazy host table (admin.md §3.3) with row actions and the
 * New host wizard. Every change goes through {@link HostAdministration}, which audits it, as the API's do.
 */
@Named
@ViewScoped
public class HostsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    HostDirectory directory;

    @Inject
    HostAdministration administration;

    @Inject
    BaseUrls baseUrls;

    @Inject
    AdminRequest request;

    @Inject
    ConsoleUser user;

    private HostRows rows;
    private String search;
    private String tab;
    private int windowMinutes = 10;
    private Map<String, Long> counts;
    private final NewHost newHost = new NewHost();
    private HostListing.Item selected;
    private String model;
    private String effort;
    private String versionPin;
    private HostListing.Item toDelete;
    private String typedFqdn;
    /** A fresh installer command (and key, when rotated) of the selected host: this response only. */
    private transient String issued;
    /** The canonical auth.json revealed from the detail dialog: holds tokens, so this response only. */
    private transient String revealed;

    /** The New host form, and what it revealed: kept only until the dialog closes. */
    public static class NewHost implements Serializable {
        private static final long serialVersionUID = 1L;
        private String fqdn;
        private boolean secure = true;
        private boolean temporary;
        private boolean curlInsecure;
        private boolean forceIpv4;
        private boolean vip;
        private String apiKey;
        private String command;
        private String expiresAt;

        public String getFqdn() { return fqdn; }
        public void setFqdn(String fqdn) { this.fqdn = fqdn; }
        public boolean isSecure() { return secure; }
        public void setSecure(boolean secure) { this.secure = secure; }
        public boolean isTemporary() { return temporary; }
        public void setTemporary(boolean temporary) { this.temporary = temporary; }
        public boolean isCurlInsecure() { return curlInsecure; }
        public void setCurlInsecure(boolean curlInsecure) { this.curlInsecure = curlInsecure; }
        public boolean isForceIpv4() { return forceIpv4; }
        public void setForceIpv4(boolean forceIpv4) { this.forceIpv4 = forceIpv4; }
        public boolean isVip() { return vip; }
        public void setVip(boolean vip) { this.vip = vip; }
        public String getApiKey() { return apiKey; }
        public String getCommand() { return command; }
        public String getExpiresAt() { return expiresAt; }
        public boolean isIssued() { return command != null; }
    }

    @PostConstruct
    void init() {
        rows = new HostRows(directory);
    }

    /** Applies the bookmarkable {@code tab} and {@code q} parameters (and later searches) to the table. */
    public void applyFilter() {
        if (tab != null && !List.of("secure", "insecure", "unprovisioned").contains(tab)) {
            tab = null;
        }
        rows.filter(search, tab);
        counts = null;
    }

    public void register() {
        if (!user.mayChange()) {
            return;
        }
        Registration registration = new Registration(newHost.fqdn == null ? "" : newHost.fqdn.trim(), Optional.of(newHost.secure),
                Optional.of(newHost.vip), Optional.of(newHost.temporary), Optional.of(newHost.curlInsecure),
                Optional.of(newHost.forceIpv4), true);
        HostRegistry.Registered registered = Feedback.attempt(() -> administration.register(registration,
                baseUrls.require(request.origin()), user.actor()), null);
        if (registered != null) {
            counts = null;
            newHost.apiKey = registered.apiKey();
            newHost.command = registered.installer().command();
            newHost.expiresAt = registered.installer().expiresAt();
            Feedback.info((registered.created() ? "Host registered: " : "Host re-registered, its key rotated: ")
                    + registered.host().getFqdn());
        }
    }

    /** Closing the wizard forgets the key and installer: they are shown once. */
    public void closeNewHost() {
        newHost.fqdn = null;
        newHost.apiKey = null;
        newHost.command = null;
        newHost.expiresAt = null;
    }

    public void setSuspended(HostListing.Item host, boolean suspended) {
        change(host, suspended ? "Host suspended: " : "Host active again: ",
                () -> administration.status(host.id(), suspended ? "suspended" : "active", user.actor()));
    }

    public void setRoaming(HostListing.Item host, boolean allow) {
        change(host, allow ? "Roaming allowed: " : "Bound to its IP: ", () -> administration.set(host.id(), HostFlag.ROAMING, allow, user.actor()));
    }

    public void openWindow(HostListing.Item host) {
        if (windowMinutes < 1 || windowMinutes > 480) {
            Feedback.error("Window minutes must be between 1 and 480");
            return;
        }
        if (user.mayChange()) {
            Feedback.run("Insecure window open for " + windowMinutes + " min: " + host.fqdn(),
                    () -> administration.insecureEnable(host.id(), Optional.of(windowMinutes), false, user.actor()));
        }
    }

    public void closeWindow(HostListing.Item host) {
        change(host, "Insecure window closed: ", () -> administration.insecureDisable(host.id(), user.actor()));
    }

    /** Opens the delete dialog for one host; nothing is deleted until its name is typed (admin.md §3.7). */
    public void askDelete(HostListing.Item host) {
        toDelete = host;
        typedFqdn = null;
    }

    /** Enables Delete in the dialog once the typed name is the host's. */
    public boolean isDeleteConfirmed() {
        return toDelete != null && typedFqdn != null && typedFqdn.trim().equalsIgnoreCase(toDelete.fqdn());
    }

    public void delete() {
        if (toDelete == null || !user.mayChange()) {
            return;
        }
        // Checked here too: a page tampered with to enable the button still deletes nothing.
        if (!isDeleteConfirmed()) {
            Feedback.fieldError("deleteForm:typedFqdn", "Type " + toDelete.fqdn() + " to confirm");
            return;
        }
        HostListing.Item host = toDelete;
        if (Feedback.run("Host deleted: " + host.fqdn(), () -> administration.delete(host.id(), user.actor()))) {
            toDelete = null;
            typedFqdn = null;
        }
        counts = null;
    }

    private void change(HostListing.Item host, String done, Runnable change) {
        if (user.mayChange()) {
            Feedback.run(done + host.fqdn(), change);
            counts = null;
        }
    }

    /** Opens the detail dialog of one host with its current overrides. */
    public void openDetail(HostListing.Item host) {
        selected = directory.one(host.id()).orElse(host);
        model = selected.modelOverride();
        effort = selected.reasoningEffortOverride();
        versionPin = selected.clientVersionOverride();
        issued = null;
        revealed = null;
    }

    /** Model, effort and Codex version of the selected host; empty values follow the fleet. */
    public void saveOverrides() {
        if (selected != null && user.mayChange() && Feedback.run("Overrides saved: " + selected.fqdn(), () -> {
            administration.model(selected.id(), model, effort, user.actor());
            administration.codexVersion(selected.id(), versionPin, user.actor());
        })) {
            openDetail(selected);
        }
    }

    /** A new one-time installer; with {@code rotateKey} also a new API key (the running host stops until reinstalled). */
    public void issueInstaller(boolean rotateKey) {
        if (selected == null || !user.mayChange()) {
            return;
        }
        HostRegistry.Registered registered = Feedback.attempt(() -> administration.newInstaller(selected.id(), rotateKey,
                baseUrls.require(request.origin()), user.actor()), rotateKey ? "API key rotated: " + selected.fqdn()
                : "New installer: " + selected.fqdn());
        if (registered != null) {
            issued = (registered.rotated() ? "API key: " + registered.apiKey() + "\n" : "") + registered.installer().command();
        }
    }

    /** View canonical auth (admins, confirmed first): the document every host is served, audited as the API's reveal. */
    public void revealCanonical() {
        if (selected == null) {
            return;
        }
        if (!user.isAdmin()) {
            Feedback.error("Only admins may see the canonical auth.json");
            return;
        }
        Optional<StoredCanonical> canonical = Feedback.attempt(() -> administration.revealCanonical(selected.id(), user.actor()), null);
        if (canonical != null && canonical.isEmpty()) {
            Feedback.error("No canonical auth.json stored yet");
        } else if (canonical != null) {
            StringWriter text = new StringWriter();
            Jsonp.PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)
                    .write(canonical.get().canonical().document());
            revealed = text.toString().strip();
            Feedback.info("Canonical auth.json shown (digest " + canonical.get().digest().substring(0, 12) + "…); the view is audited");
        }
    }

    public void clearAuth() {
        if (selected != null && user.mayChange()) {
            Feedback.run("Auth state cleared: " + selected.fqdn(), () -> administration.clear(selected.id(), user.actor()));
        }
    }

    public HostListing.Item getToDelete() {
        return toDelete;
    }

    public String getTypedFqdn() {
        return typedFqdn;
    }

    public void setTypedFqdn(String typedFqdn) {
        this.typedFqdn = typedFqdn;
    }

    public HostListing.Item getSelected() {
        return selected;
    }

    public String getRevealed() {
        String once = revealed;
        revealed = null;
        return once;
    }

    public String getIssued() {
        String once = issued;
        issued = null;
        return once;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getEffort() {
        return effort;
    }

    public void setEffort(String effort) {
        this.effort = effort;
    }

    public String getVersionPin() {
        return versionPin;
    }

    public void setVersionPin(String versionPin) {
        this.versionPin = versionPin;
    }

    /** True while the host's insecure window is open. */
    public boolean windowOpen(HostListing.Item host) {
        return host.insecureEnabledUntil() != null
                && Timestamps.parse(host.insecureEnabledUntil()).map(u -> u.isAfter(Instant.now())).orElse(false);
    }

    public String ago(String timestamp) {
        return Ages.ago(timestamp);
    }

    public HostRows getRows() {
        return rows;
    }

    /** Tab counts, read once per filter or change rather than once per badge. */
    public Map<String, Long> getCounts() {
        if (counts == null) {
            counts = directory.list(new HostDirectory.Query(1, 1, null, null, "host", true)).counts();
        }
        return counts;
    }

    public NewHost getNewHost() {
        return newHost;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getTab() {
        return tab;
    }

    public void setTab(String tab) {
        this.tab = tab;
    }

    public int getWindowMinutes() {
        return windowMinutes;
    }

    public void setWindowMinutes(int windowMinutes) {
        this.windowMinutes = windowMinutes;
    }
}
