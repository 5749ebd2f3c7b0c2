package dev.codexauth.usage.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.usage.control.UsageIngest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /usage}: a host reports token usage (host-api.md §4.4, sync.md §9). Bad input is a 422 with field
 * errors and stores nothing; only a failure on the server's side answers the original's 200
 * {@code recorded:false}, so hosts keep treating usage reports as best effort.
 */
@Path("usage")
@ApplicationScoped
@Tag(name = "usage")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class UsageResource {

    private static final Logger LOG = Logger.getLogger(UsageResource.class.getName());

    @Inject
    HostRequest request;

    @Inject
    UsageIngest ingest;

    @Inject
    MetricRegistry metrics;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reportUsage", summary = "Report token usage",
            description = "Body {\"usages\":[entry, ...]} or one entry {total, input, output, cached, reasoning, model, line}. "
                    + "The counts are the host's; a line is kept for people to read, never parsed (an entry with only a line is "
                    + "stored without counts). With exactly one entry its fields are also copied to the top level of data.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "UsageReport"))
    @APIResponse(responseCode = "200", description = "What was stored", content = @Content(schema = @Schema(ref = "UsageAnswer")))
    public Envelope<Map<String, Object>> report() {
        UsageIngest.Receipt receipt;
        try {
            receipt = ingest.record(request.credentials(), request.jsonBody());
        } catch (ApiException refused) {
            throw refused;
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "Usage ingest failed (client " + request.clientIp() + ")", failure);
            return Envelope.ok(Map.of("recorded", false, "reason", "usage ingestion failed"));
        }
        metrics.counter("usage.rows.recorded").inc(receipt.usages().size());
        return Envelope.ok(answer(receipt));
    }

    private static Map<String, Object> answer(UsageIngest.Receipt receipt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("host_id", receipt.hostId());
        data.put("recorded", receipt.usages().size());
        data.put("usages", receipt.usages());
        data.put("ingest_id", receipt.ingestId());
        data.put("cost", receipt.cost());
        if (receipt.usages().size() == 1) {
            UsageIngest.Recorded only = receipt.usages().get(0);
            data.put("recorded_at", only.recordedAt());
            data.put("line", only.line());
            data.put("total", only.total());
            data.put("input", only.input());
            data.put("output", only.output());
            data.put("cached", only.cached());
            data.put("reasoning", only.reasoning());
            data.put("model", only.model());
        }
        return data;
    }
}
