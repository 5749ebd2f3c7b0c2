package dev.codexauth.console.pages;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.SeedTokens;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.auth.control.UploadAnswer;
import dev.codexauth.console.boundary.AdminRequest;
import dev.codexauth.console.control.CanonicalAdministration;
import dev.codexauth.host.control.BaseUrls;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.primefaces.event.FileUploadEvent;

/**
 * {@code /admin/canonical.xhtml}: the canonical auth.json every host is served - its status and version history
 * (digests and names only, never a token) and an upload that replaces it, validated, stored and audited by
 * {@link CanonicalAdministration} exactly as {@code POST /admin/api/auth/upload} is, and a one-time seed command
 * (as {@code POST /admin/api/auth/seed-command}) that uploads a machine's own auth.json.
 */
@Named
@ViewScoped
public class CanonicalPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int HISTORY_ROWS = 10;

    @Inject
    CanonicalAdministration administration;

    @Inject
    CanonicalStore store;

    @Inject
    BaseUrls baseUrls;

    @Inject
    AdminRequest request;

    @Inject
    ConsoleUser user;

    private transient Optional<StoredCanonical> current;
    private List<CanonicalAdministration.Version> history;
    private String upload;
    private String sourceHost;
    /** The one-time command: shown until the next action on this page, never after leaving it. */
    private transient SeedTokens.Issued seed;

    @PostConstruct
    void load() {
        current = store.latest();
        history = administration.history(HISTORY_ROWS);
    }

    public void replace() {
        seed = null;
        if (!user.mayChange()) {
            return;
        }
        if (upload == null || upload.isBlank()) {
            Feedback.fieldError("canonical:upload", "Paste the auth.json to upload");
            return;
        }
        UploadAnswer answer = Feedback.attempt(() -> administration.upload(upload, "auth",
                CanonicalAdministration.sourceHost(sourceHost), user.actor()), null);
        if (answer != null) {
            Feedback.info("Upload " + answer.status() + "; digest " + prefix(answer.canonicalDigest()) + "…; hosts get it on their next sync");
            // The tokens pasted are not kept in the page once stored.
            upload = null;
            load();
        }
    }

    /** A chosen {@code .json} file fills the text area (admin.md §3.5); nothing is stored until Upload and replace. */
    public void fileChosen(FileUploadEvent event) {
        seed = null;
        if (!user.mayChange()) {
            return;
        }
        byte[] content = event.getFile().getContent();
        if (content.length > CanonicalAdministration.MAX_UPLOAD_BYTES) {
            Feedback.fieldError("canonical:upload", "auth.json must be at most 64 KiB");
            return;
        }
        upload = new String(content, StandardCharsets.UTF_8);
        Feedback.info(event.getFile().getFileName() + " read: check it, then Upload and replace");
    }

    public void issueSeedCommand() {
        if (user.mayChange()) {
            seed = Feedback.attempt(() -> administration.seedCommand(baseUrls.require(request.origin()), user.actor()),
                    "One-time seed command issued");
        }
    }

    private StoredCanonical canonical() {
        if (current == null) {
            current = store.latest();
        }
        return current.orElse(null);
    }

    public boolean isPresent() {
        return canonical() != null;
    }

    public String getDigest() {
        return isPresent() ? prefix(canonical().digest()) : "";
    }

    public String getLastRefresh() {
        return isPresent() ? canonical().lastRefresh() : "";
    }

    public String getRefreshAge() {
        return isPresent() ? Ages.ago(canonical().lastRefresh()) : "never";
    }

    public String getStoredAge() {
        return isPresent() ? Ages.ago(canonical().createdAt()) : "never";
    }

    public String getAccountId() {
        String account = isPresent() ? canonical().accountId() : null;
        return account == null ? "not in the document" : account;
    }

    public List<CanonicalAdministration.Version> getHistory() {
        return history;
    }

    public String getUpload() {
        return upload;
    }

    public void setUpload(String upload) {
        this.upload = upload;
    }

    public String getSourceHost() {
        return sourceHost;
    }

    public void setSourceHost(String sourceHost) {
        this.sourceHost = sourceHost;
    }

    public SeedTokens.Issued getSeed() {
        return seed;
    }

    /** The first 12 characters of a digest: enough to tell versions apart, as the dashboard shows them. */
    private static String prefix(String digest) {
        return digest == null ? "" : digest.substring(0, Math.min(12, digest.length()));
    }
}
