package dev.codexauth.mcp.boundary;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.Jsonp;
import dev.codexauth.mcp.control.JsonRpc;
import dev.codexauth.mcp.control.McpAccessLogs;
import dev.codexauth.mcp.control.McpAuthentication;
import dev.codexauth.mcp.control.McpCaller;
import dev.codexauth.mcp.control.McpError;
import dev.codexauth.mcp.control.McpOrigins;
import dev.codexauth.mcp.control.McpProtocol;
import dev.codexauth.mcp.control.McpServer;
import dev.codexauth.mcp.control.McpSessions;
import dev.codexauth.mcp.control.ServerVersion;
import dev.codexauth.mcp.control.SteadyMcpCallers;
import dev.codexauth.mcp.entity.McpSession;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import dev.codexauth.http.ApiDocumentFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The MCP server over Streamable HTTP, JSON answers only (spec/mcp.md, docs/mcp.md): {@code POST /mcp} carries
 * JSON-RPC, {@code DELETE /mcp} ends a session, {@code GET /mcp} is 405 (no server-initiated stream) and
 * {@code OPTIONS /mcp} answers CORS preflights. Order: Origin, Accept, caller, body, session, protocol version. No
 * {@code @Produces}: the resource checks Accept itself, so that a refusal is a JSON-RPC error like every other.
 * Application-scoped, so no call pays for creating and injecting it: what one request logs travels in a local list.
 */
@Path("mcp")
@ApplicationScoped
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "mcp")
public class McpResource {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    @Inject
    HostRequest request;

    @Inject
    McpOrigins origins;

    @Inject
    McpServer server;

    @EJB
    McpAuthentication authentication;

    @EJB
    McpSessions sessions;

    @Inject
    SteadyMcpCallers steadyCallers;

    @Inject
    @ConfigProperty(name = "mcp.batch.max.items", defaultValue = "50")
    int maxBatchItems;

    @Inject
    McpAccessLogs accessLogs;

    @Inject
    MetricRegistry metrics;

    @Context
    HttpHeaders headers;

    @POST
    @SecurityRequirement(name = "hostApiKey")
    @SecurityRequirement(name = "hostBearer")
    @Operation(operationId = "mcpMessage", summary = "Send MCP JSON-RPC messages",
            description = "One JSON-RPC request or notification (a batch array only in protocol 2025-03-26). initialize opens a "
                    + "session (Mcp-Session-Id answer header); later requests carry that header and MCP-Protocol-Version. "
                    + "Answers and errors are JSON-RPC messages (docs/mcp.md), not the envelope.",
            extensions = {@Extension(name = ApiDocumentFilter.RAW_JSON, value = "true"),
                    @Extension(name = ApiDocumentFilter.JSON_BODY, value = "JsonRpcMessage")})
    @APIResponse(responseCode = "200", description = "The JSON-RPC response (an array for a batch)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "JsonRpcMessage")))
    @APIResponse(responseCode = "202", description = "Only notifications were sent: nothing to answer")
    public Response post() {
        List<McpAccessLogs.Entry> logged = new ArrayList<>();
        try {
            requireAllowedOrigin();
            requireJsonAccepted();
            McpAuthentication.Authenticated authenticated = authenticate("POST", logged);
            McpCaller caller = authenticated.caller();
            JsonValue body = parse();
            if (body instanceof JsonObject single && isInitialize(single)) {
                return initialize(caller, single, logged);
            }
            McpSession session = session(authenticated, logged);
            String version = protocolVersion(session);
            if (body instanceof JsonArray batch) {
                if (!McpProtocol.batchesAllowed(version)) {
                    throw new McpError(400, JsonRpc.INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not part of protocol " + version);
                }
                if (batch.isEmpty()) {
                    throw new McpError(400, JsonRpc.INVALID_REQUEST, "Invalid Request: empty batch");
                }
                if (batch.size() > maxBatchItems) {
                    // Each item is a call of its own (a transaction, a log row) that the per-request limits count once.
                    throw new McpError(400, JsonRpc.INVALID_REQUEST, "Invalid Request: a batch holds at most " + maxBatchItems + " messages");
                }
                JsonArrayBuilder answers = Jsonp.PROVIDER.createArrayBuilder();
                batch.forEach(item -> answer(caller, version, item, answers, logged));
                JsonArray all = answers.build();
                return all.isEmpty() ? Response.accepted().build() : Response.ok(all, MediaType.APPLICATION_JSON_TYPE).build();
            }
            JsonArrayBuilder answers = Jsonp.PROVIDER.createArrayBuilder();
            answer(caller, version, body, answers, logged);
            JsonArray one = answers.build();
            return one.isEmpty() ? Response.accepted().build() : Response.ok(one.get(0), MediaType.APPLICATION_JSON_TYPE).build();
        } finally {
            record(logged);
        }
    }

    @DELETE
    @SecurityRequirement(name = "hostApiKey")
    @SecurityRequirement(name = "hostBearer")
    @Operation(operationId = "mcpEndSession", summary = "End an MCP session", description = "The session named by Mcp-Session-Id.")
    @APIResponse(responseCode = "204", description = "The session is over")
    public Response delete() {
        List<McpAccessLogs.Entry> logged = new ArrayList<>();
        try {
            requireAllowedOrigin();
            McpCaller caller = authenticate("DELETE", logged).caller();
            String id = headers.getHeaderString(SESSION_HEADER);
            if (id == null || id.isEmpty()) {
                throw McpError.sessionRequired();
            }
            boolean closed = sessions.close(id, caller);
            steadyCallers.forgetSession(id);
            if (!closed) {
                throw McpError.sessionNotFound();
            }
            logged.add(new McpAccessLogs.Entry(caller.hostId(), "session/delete", null, true, null, null));
            return Response.noContent().build();
        } finally {
            record(logged);
        }
    }

    @GET
    @Operation(operationId = "mcpStream", summary = "No server-initiated stream",
            description = "Always 405 after the Origin check: this server answers every request with JSON and sends nothing unasked.",
            extensions = @Extension(name = ApiDocumentFilter.RAW_JSON, value = "true"))
    @APIResponse(responseCode = "405", description = "No stream is offered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "JsonRpcMessage")))
    public Response stream() {
        requireAllowedOrigin();
        throw new McpError(405, JsonRpc.TRANSPORT_ERROR, "Method Not Allowed: this server offers no SSE stream; use POST",
                null, Map.of("Allow", "POST, DELETE, OPTIONS"));
    }

    @OPTIONS
    @Operation(operationId = "mcpPreflight", summary = "CORS preflight",
            description = "For an allowed Origin (MCP_ALLOWED_ORIGINS, PUBLIC_BASE_URL) the CORS headers; any other Origin is refused.")
    @APIResponse(responseCode = "204", description = "Preflight accepted")
    public Response preflight() {
        requireAllowedOrigin();
        return Response.noContent().header("Allow", "POST, GET, DELETE, OPTIONS").build();
    }

    /** The request's access log rows, written behind; a refusal before dispatch is one row too (spec/mcp.md §8). */
    private void record(List<McpAccessLogs.Entry> logged) {
        if (!logged.isEmpty()) {
            accessLogs.record(request.clientIp(), (System.nanoTime() - request.startedNanos()) / 1_000_000, logged);
        }
    }

    private void answer(McpCaller caller, String version, JsonValue item, JsonArrayBuilder answers, List<McpAccessLogs.Entry> logged) {
        if (!McpServer.wellFormed(item)) {
            answers.add(JsonRpc.error(idOrNull(item), JsonRpc.INVALID_REQUEST, "Invalid Request"));
            return;
        }
        McpServer.Outcome outcome = server.handle(caller, version, item.asJsonObject());
        logged.add(new McpAccessLogs.Entry(caller.hostId(), outcome.method(), outcome.name(), outcome.success(), outcome.errorCode(),
                outcome.errorMessage()));
        if (outcome.method().equals("tools/call") && outcome.name() != null) {
            metrics.counter("mcp.tool.calls", new Tag("tool", outcome.name()), new Tag("outcome", outcome.success() ? "ok" : "error")).inc();
        }
        if (outcome.response() != null) {
            answers.add(outcome.response());
        }
    }

    private Response initialize(McpCaller caller, JsonObject item, List<McpAccessLogs.Entry> logged) {
        JsonValue id = McpServer.idOf(item);
        if (id == null) {
            throw new McpError(400, JsonRpc.INVALID_REQUEST, "Invalid Request: initialize must be a request with an id");
        }
        JsonObject params = item.get("params") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        String requested = params.get("protocolVersion") instanceof JsonString s ? s.getString() : null;
        String version = McpProtocol.negotiate(requested);
        JsonObject client = params.get("clientInfo") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        String sessionId = sessions.open(caller, version, text(client, "name"), text(client, "version"));
        logged.add(new McpAccessLogs.Entry(caller.hostId(), "initialize", text(client, "name"), true, null, null));
        return Response.ok(JsonRpc.result(id, server.initialize(version, ServerVersion.get())), MediaType.APPLICATION_JSON_TYPE)
                .header(SESSION_HEADER, sessionId).build();
    }

    /**
     * The caller and, when the request names one, its session: from memory for a settled host that called moments ago
     * ({@link SteadyMcpCallers}), else both looked up in one transaction.
     */
    private McpAuthentication.Authenticated authenticate(String method, List<McpAccessLogs.Entry> logged) {
        try {
            String sessionId = method.equals("POST") ? headers.getHeaderString(SESSION_HEADER) : null;
            McpAuthentication.Authenticated authenticated = steadyCallers.authenticated(request.credentials(), sessionId,
                    () -> authentication.authenticate(request.credentials(), sessionId));
            metrics.counter("mcp.auth", new Tag("outcome", "accepted")).inc();
            return authenticated;
        } catch (ApiException refused) {
            metrics.counter("mcp.auth", new Tag("outcome", "refused")).inc();
            logged.add(new McpAccessLogs.Entry(null, "auth:" + method, null, false, JsonRpc.UNAUTHORIZED, refused.getMessage()));
            throw McpErrors.refused(refused);
        }
    }

    private McpSession session(McpAuthentication.Authenticated authenticated, List<McpAccessLogs.Entry> logged) {
        Long hostId = authenticated.caller().hostId();
        String id = headers.getHeaderString(SESSION_HEADER);
        if (id == null || id.isEmpty()) {
            logged.add(new McpAccessLogs.Entry(hostId, "session", null, false, JsonRpc.TRANSPORT_ERROR, "session id missing"));
            throw McpError.sessionRequired();
        }
        if (authenticated.session() == null) {
            logged.add(new McpAccessLogs.Entry(hostId, "session", null, false, JsonRpc.TRANSPORT_ERROR, "session not found"));
            throw McpError.sessionNotFound();
        }
        return authenticated.session();
    }

    /** The header's version when present (it must be supported and the session's); else the session's. */
    private String protocolVersion(McpSession session) {
        String header = headers.getHeaderString(VERSION_HEADER);
        if (header == null || header.isEmpty()) {
            return session.getProtocolVersion();
        }
        if (!McpProtocol.supported(header)) {
            throw McpError.unsupportedVersion(header);
        }
        if (!header.equals(session.getProtocolVersion())) {
            throw new McpError(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: MCP-Protocol-Version " + header
                    + " is not the version negotiated for this session (" + session.getProtocolVersion() + ")");
        }
        return header;
    }

    private JsonValue parse() {
        JsonValue body;
        try {
            body = request.body().value();
        } catch (ApiException invalid) {
            throw McpErrors.unreadable(invalid);
        }
        if (body == null) {
            throw new McpError(400, JsonRpc.PARSE_ERROR, "Parse error: the body is empty");
        }
        return body;
    }

    /** A refused Origin is logged here, on every method, since nothing of the request runs after it. */
    private void requireAllowedOrigin() {
        String origin = headers.getHeaderString("Origin");
        if (!origins.allowed(origin)) {
            record(List.of(new McpAccessLogs.Entry(null, "origin", null, false, JsonRpc.ORIGIN_NOT_ALLOWED, "Origin not allowed")));
            throw new McpError(403, JsonRpc.ORIGIN_NOT_ALLOWED, "Origin not allowed");
        }
    }

    /** JSON answers need a client that accepts JSON; no Accept header accepts anything. */
    private void requireJsonAccepted() {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        if (accepted.stream().noneMatch(type -> type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            throw new McpError(406, JsonRpc.TRANSPORT_ERROR, "Not Acceptable: this server answers with application/json");
        }
    }

    private static boolean isInitialize(JsonObject item) {
        return item.get("method") instanceof JsonString method && method.getString().equals("initialize") && McpServer.wellFormed(item);
    }

    private static JsonValue idOrNull(JsonValue item) {
        if (item instanceof JsonObject object) {
            JsonValue id = object.get("id");
            if (id != null && (id.getValueType() == JsonValue.ValueType.STRING || id.getValueType() == JsonValue.ValueType.NUMBER)) {
                return id;
            }
        }
        return JsonValue.NULL;
    }

    private static String text(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
