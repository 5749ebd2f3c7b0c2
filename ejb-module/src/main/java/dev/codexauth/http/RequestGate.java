package dev.codexauth.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What every request of an application passes before anything reads it: a known method ({@code TRACE} and other
 * strangers get 405 and a closed connection, so an unread body can never be taken for the next request), a bounded
 * URI and header block (414, 431), a body no larger than the application's limit ({@code Content-Length} at once,
 * then counted while it streams: 413), not trickling in ({@link SlowBodies}: 429, 408) and in a form the application
 * reads (415; multipart from signed-in callers only). Refusals are the JSON error shape and one log line (JSON-RPC
 * errors on the application's JSON-RPC endpoint, if any). Declared first in each application's {@code web.xml}; init
 * parameters name the MicroProfile Config property of the body limit, its default, whether multipart bodies are
 * accepted, whether the gate reads form bodies itself ({@code read-form-bodies}, for Faces), and the JSON-RPC endpoint
 * ({@code json-rpc-path}).
 */
public class RequestGate extends HttpFilter {

    /**
     * Request attributes with the peer's address and the scheme, for JAX-RS filters (a container request's properties
     * are the servlet request's attributes): an injected {@code HttpServletRequest} there is a proxy resolved on
     * every call, about 3 % of what a host request cost the JVM.
     */
    public static final String PEER_ADDRESS = "dev.codexauth.http.peerAddress";
    public static final String SCHEME = "dev.codexauth.http.scheme";

    static final int MAX_URI_CHARS = 8192;
    static final int MAX_HEADER_BYTES = 16_384;
    static final int MAX_HEADERS = 100;
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    private static final Logger LOG = Logger.getLogger(RequestGate.class.getName());
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "^\\s*([a-z0-9!#$&^_.+-]+)/([a-z0-9!#$&^_.+-]+)\\s*((?:;\\s*[a-z0-9!#$&^_.+-]+\\s*=\\s*(?:[a-z0-9!#$&^_.+-]+|\"[^\"]*\")\\s*)*)$");
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)\"?");

    private long maxBodyBytes;
    private boolean multipart;
    private String jsonRpcPath;
    private SlowBodies slowBodies;
    private boolean readsForms;

    @Override
    public void init() {
        Config config = ConfigProvider.getConfig();
        String setting = getInitParameter("max-body-setting");
        long fallback = Long.parseLong(getInitParameter("max-body-default"));
        maxBodyBytes = setting == null ? fallback
                : config.getOptionalValue(setting, Long.class).filter(v -> v > 0).orElse(fallback);
        multipart = Boolean.parseBoolean(getInitParameter("accept-multipart"));
        readsForms = Boolean.parseBoolean(getInitParameter("read-form-bodies"));
        jsonRpcPath = getInitParameter("json-rpc-path");
        int slowPerClient = config.getOptionalValue("http.slow.bodies.per.client", Integer.class).filter(v -> v > 0).orElse(8);
        long bodyTimeout = config.getOptionalValue("http.body.timeout.seconds", Long.class).filter(v -> v > 0).orElse(60L);
        slowBodies = new SlowBodies(slowPerClient, TimeUnit.SECONDS.toNanos(bodyTimeout));
        BodylessMethodFraming.apply(getServletContext().getClass().getClassLoader());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (jsonRpcPath != null && request.getRequestURI().substring(request.getContextPath().length()).replaceAll("/+$", "")
                .equals(jsonRpcPath)) {
            request.setAttribute(HttpErrors.JSON_RPC, Boolean.TRUE);
        }
        ApiException refused = refusal(request);
        if (refused != null) {
            LOG.info(() -> String.format("refused %s %s -> %d %s ip=%s", Redaction.text(request.getMethod(), 16),
                    Redaction.path(Redaction.text(request.getRequestURI(), 200)), refused.status(), refused.code(),
                    request.getRemoteAddr()));
            if (refused.status() == 415) {
                drain(request);
            }
            HttpErrors.write(request, response, refused);
            return;
        }
        request.setAttribute(PEER_ADDRESS, request.getRemoteAddr());
        request.setAttribute(SCHEME, request.getScheme());
        GatedBody gated = new GatedBody(request, maxBodyBytes, slowBodies, request.getRemoteAddr());
        try {
            if (readsForms && isForm(request)) {
                try {
                    gated.readForm();
                } catch (IOException failed) {
                    ApiException refusedBody = BodyRefused.answerFor(failed);
                    if (refusedBody != null) {
                        HttpErrors.write(request, response, refusedBody);
                    } else {
                        LOG.fine(() -> "form body not read: " + failed.getMessage());
                    }
                    return;
                }
            }
            chain.doFilter(gated, response);
        } finally {
            gated.release();
        }
    }

    /**
     * Reads and drops a refused body of allowed size before answering: a client still sending it would otherwise
     * meet a closed connection (broken pipe) instead of reading why it was refused. A slow one is read as the
     * applications read bodies, within its client's places and time.
     */
    private void drain(HttpServletRequest request) {
        byte[] buffer = new byte[8192];
        GatedBody gated = new GatedBody(request, maxBodyBytes, slowBodies, request.getRemoteAddr());
        try (InputStream body = gated.getInputStream()) {
            while (body.read(buffer) > 0) {
                // dropped
            }
        } catch (IOException goneTooLargeOrTooSlow) {
            LOG.fine(() -> "refused body not drained: " + goneTooLargeOrTooSlow.getMessage());
        } finally {
            gated.release();
        }
    }

    private ApiException refusal(HttpServletRequest request) {
        if (!METHODS.contains(request.getMethod())) {
            return new ApiException(405, "method_not_allowed", "Method not allowed", null, null,
                    Map.of("Allow", ALLOWED_METHODS, "Connection", "close"));
        }
        String query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > MAX_URI_CHARS) {
            return new ApiException(414, "uri_too_long", "Request URI longer than " + MAX_URI_CHARS + " characters");
        }
        if (headersTooLarge(request)) {
            return new ApiException(431, "headers_too_large", "Request headers larger than " + MAX_HEADER_BYTES
                    + " bytes or more than " + MAX_HEADERS + " headers", null, null, Map.of("Connection", "close"));
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            return new PayloadTooLarge(maxBodyBytes);
        }
        boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody && !readable(request.getHeader("Content-Type"))) {
            return new ApiException(415, "unsupported_media_type", "Send the body as application/json (UTF-8)"
                    + (multipart ? " or multipart/form-data" : ""), null, null, Map.of("Connection", "close"));
        }
        if (hasBody && multipart && request.getUserPrincipal() == null && isMultipart(request)) {
            // The container parses multipart bodies itself, beyond the gate's reach: only signed-in callers upload.
            return new ApiException(401, "unauthenticated", "Sign in before uploading", null, null, Map.of("Connection", "close"));
        }
        return null;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static boolean headersTooLarge(HttpServletRequest request) {
        int count = 0;
        long bytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                count++;
                bytes += name.length() + value.length() + 4;
            }
        }
        return count > MAX_HEADERS || bytes > MAX_HEADER_BYTES;
    }

    /**
     * JSON, or no type at all; form-encoded too, because {@code curl -d} labels JSON that way and the original's
     * documentation posts like that. A charset other than UTF-8 is refused rather than misread.
     */
    private boolean readable(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        Matcher type = MEDIA_TYPE.matcher(contentType.toLowerCase(Locale.ROOT));
        if (!type.matches()) {
            return false;
        }
        Matcher charset = CHARSET.matcher(type.group(3));
        if (charset.find() && !charset.group(1).equals("utf-8") && !charset.group(1).equals("utf8")) {
            return false;
        }
        String media = type.group(1) + "/" + type.group(2);
        return media.equals("application/json") || (type.group(1).equals("application") && type.group(2).endsWith("+json"))
                || media.equals("application/x-www-form-urlencoded") || (multipart && media.equals("multipart/form-data"));
    }
}
