package dev.codexauth.identity.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.identity.control.HostEnrollment;
import dev.codexauth.identity.control.Scopes;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** {@code POST /api/v1/hosts/enroll}: a person with scope {@code hosts:enroll} adds a host and gets its one-time installer. */
@Path("api/v1/hosts/enroll")
@RequestScoped
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class HostEnrollResource {

    @Inject
    PersonRequest person;

    @Inject
    HostRequest request;

    @Inject
    BaseUrls baseUrls;

    @EJB
    HostEnrollment enrollment;

    @POST
    @Operation(operationId = "enrollHost", summary = "Enrol a host in the caller's workspace",
            description = "Body {fqdn}. A new host gets a key and an installer; a host of the same workspace gets a new installer and keeps its key.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "EnrollRequest"))
    @SecurityRequirement(name = "llmToken")
    @APIResponse(responseCode = "201", description = "The host and its single-use installer command",
            content = @Content(schema = @Schema(ref = "EnrolledHost")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response enroll() {
        HostEnrollment.Enrolled enrolled = enrollment.enroll(person.token(Scopes.HOSTS_ENROLL), request.jsonBody(),
                baseUrls.require(request.origin()));
        return Response.status(201).entity(Envelope.ok(enrolled)).build();
    }
}
