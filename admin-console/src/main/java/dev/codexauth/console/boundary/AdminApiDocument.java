package dev.codexauth.console.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The admin API's OpenAPI filter ({@code mp.openapi.filter}, see {@link ApiDocumentFilter}). Its application sits
 * at {@code /admin}, and a session caller's changing request must also send the session's CSRF token
 * ({@link AdminAccessFilter}); API token callers are exempt. Every changing request may also answer 503.
 */
public class AdminApiDocument extends ApiDocumentFilter {

    static final String SESSION = "adminSession";
    static final String CSRF = "adminCsrf";

    public AdminApiDocument() {
        super("/admin");
    }

    @Override
    protected void completeOperation(PathItem.HttpMethod method, Operation operation) {
        if (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD) {
            return;
        }
        // A change may collide with another in the database and be rolled back: 503 database_conflict, to send again.
        addErrors(operation, "503");
        if (operation.getSecurity() == null) {
            return;
        }
        List<SecurityRequirement> requirements = operation.getSecurity().stream()
                .map(requirement -> requirement.hasScheme(SESSION) ? withCsrf(requirement) : requirement).toList();
        operation.setSecurity(requirements);
    }

    private static SecurityRequirement withCsrf(SecurityRequirement session) {
        SecurityRequirement both = OASFactory.createSecurityRequirement();
        session.getSchemes().forEach(both::addScheme);
        return both.addScheme(CSRF);
    }
}
