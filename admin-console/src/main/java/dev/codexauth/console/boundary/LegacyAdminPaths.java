package dev.codexauth.console.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Serves the original's admin paths ({@code /admin/hosts}, {@code /admin/overview}, ...) from the canonical
 * {@code /admin/api/...} resources, for existing scripts ({@code ADMIN_LEGACY_PATHS}, default on).
 */
@WebFilter(urlPatterns = "/*")
public class LegacyAdminPaths extends HttpFilter {

    private static final Set<String> ORIGINAL_ROOTS = Set.of("overview", "versions", "hosts", "auth", "cdx-silent", "codex-version",
            "quota-mode", "prune-policy", "runner", "usage", "tokens", "chatgpt", "config", "agents", "slash-commands", "skills",
            "mcp", "logs");

    @Inject
    AdminSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String root = path.replaceFirst("^/", "").split("/", 2)[0];
        if (settings.legacyPaths() && ORIGINAL_ROOTS.contains(root)) {
            request.getRequestDispatcher("/api" + path).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
