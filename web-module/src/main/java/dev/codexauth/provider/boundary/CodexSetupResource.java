package dev.codexauth.provider.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.BareAnswers;
import dev.codexauth.provider.control.CodexDeviceFlow;
import dev.codexauth.provider.control.ProviderAdministration;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /codex/setup} (seed 002 §3, spec/identity.md) for admin API tokens: starts the OpenAI device sign-in,
 * which the server polls on whichever node holds it and which ends in a new canonical auth.json; the same audited
 * {@link ProviderAdministration} as {@code /admin/api/providers/codex/setup}. Answers are bare JSON, errors
 * {@code {"detail"}}.
 */
@Path("codex/setup")
@RequestScoped
@Tag(name = "providers")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class CodexSetupResource {

    @EJB
    ProviderAdministration administration;

    @EJB
    CodexDeviceFlow codex;

    @Inject
    AdminBearer bearer;

    @POST
    @Operation(operationId = "seedStartCodexSetup", summary = "Start the Codex device sign-in; the server polls until the code is entered",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "Enter user_code at verification_url; the result becomes the canonical auth.json",
            content = @Content(schema = @Schema(ref = "CodexSetupStarted")))
    @APIResponse(responseCode = "401", description = "No admin token, or an unknown, expired or revoked one",
            content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "403", description = "The token reads only (viewer)", content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response start() {
        return BareAnswers.answer(() -> administration.startCodex(bearer.admin()));
    }

    @GET
    @Path("{session_id: [0-9a-f]+}")
    @Operation(operationId = "seedCodexSetupProgress", summary = "How a Codex device sign-in is going",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "pending, succeeded, failed or expired",
            content = @Content(schema = @Schema(ref = "CodexSetupProgress")))
    @APIResponse(responseCode = "404", description = "No such sign-in", content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response progress(@PathParam("session_id") String session) {
        return BareAnswers.answer(() -> {
            bearer.admin();
            return codex.progress(session);
        });
    }
}
