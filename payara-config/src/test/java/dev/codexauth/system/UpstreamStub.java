package dev.codexauth.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stand-ins for the services the server reads on its timers: the price list ({@code PRICING_URL}), the ChatGPT
 * usage API ({@code CHATGPT_BASE_URL}/wham/usage) and the latest Codex release ({@code CODEX_RELEASES_URL}). Each
 * answers what the test programs and records the requests' headers (lower-case names).
 */
public final class UpstreamStub implements AutoCloseable {

    /** Prices the default answer lists; it deliberately leaves out gpt-5.1, which then comes from the environment. */
    static final String DEFAULT_PRICES = "{\"gpt-5.1-codex\":{\"currency\":\"USD\",\"input_per_1k\":0.002,\"output_per_1k\":0.02,"
            + "\"cached_per_1k\":0.0002}}";

    static final String DEFAULT_USAGE = usage(12, 40, 3600);

    private static UpstreamStub shared;

    private final HttpServer server;
    private volatile Answer pricing = new Answer(200, DEFAULT_PRICES);
    private volatile Answer chatgpt = new Answer(200, DEFAULT_USAGE);
    private volatile Answer release = new Answer(200, "{\"tag_name\":\"rust-v0.170.0\"}");
    private final List<Map<String, String>> pricingRequests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> chatgptRequests = new CopyOnWriteArrayList<>();

    private record Answer(int status, String body) {
    }

    private UpstreamStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/pricing.json", exchange -> respond(exchange, pricing, pricingRequests));
        server.createContext("/backend-api/wham/usage", exchange -> respond(exchange, chatgpt, chatgptRequests));
        server.createContext("/releases/latest", exchange -> respond(exchange, release, new CopyOnWriteArrayList<>()));
        server.start();
    }

    public static synchronized UpstreamStub shared() {
        if (shared == null) {
            try {
                shared = new UpstreamStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** A {@code /wham/usage} answer with these used percentages and primary reset. */
    static String usage(int primaryUsed, int secondaryUsed, int primaryResetAfter) {
        return "{\"plan_type\":\"pro\",\"rate_limit\":{\"allowed\":true,\"limit_reached\":false,"
                + "\"primary_window\":{\"used_percent\":" + primaryUsed + ",\"limit_window_seconds\":18000,\"reset_after_seconds\":"
                + primaryResetAfter + ",\"reset_at\":1893456000},"
                + "\"secondary_window\":{\"used_percent\":" + secondaryUsed + ",\"limit_window_seconds\":604800,"
                + "\"reset_after_seconds\":-5,\"reset_at\":\"2030-01-01T00:00:00Z\"}},"
                + "\"credits\":{\"has_credits\":false,\"unlimited\":false,\"balance\":\"0\",\"approx_local_messages\":[10,20],"
                + "\"approx_cloud_messages\":null}}";
    }

    public String pricingUrl() {
        return base() + "/pricing.json";
    }

    public String chatgptBaseUrl() {
        return base() + "/backend-api/";
    }

    public void pricing(int status, String body) {
        pricing = new Answer(status, body);
    }

    public void chatgpt(int status, String body) {
        chatgpt = new Answer(status, body);
    }

    public String releasesUrl() {
        return base() + "/releases/latest";
    }

    /** The latest Codex release the lookup finds, by its tag (e.g. {@code rust-v0.170.0}). */
    public void latestRelease(String tag) {
        release = new Answer(200, "{\"tag_name\":\"" + tag + "\"}");
    }

    public void releaseLookupFails(int status) {
        release = new Answer(status, "{}");
    }

    public List<Map<String, String>> pricingRequests() {
        return pricingRequests;
    }

    public List<Map<String, String>> chatgptRequests() {
        return chatgptRequests;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, Answer answer, List<Map<String, String>> requests) throws IOException {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        requests.add(headers);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
