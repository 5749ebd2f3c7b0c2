package dev.codexauth.identity.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.QueryInput;
import dev.codexauth.identity.control.Scopes;
import dev.codexauth.identity.control.TokenCaller;
import dev.codexauth.identity.control.WorkspaceTasks;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/tasks}: the workspace's task list; reading takes scope {@code api:read}, changing {@code api:write}. */
@Path("api/v1/tasks")
@RequestScoped
@Tag(name = "tasks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "llmToken")
public class TasksResource {

    @Inject
    PersonRequest person;

    @Inject
    HostRequest request;

    @EJB
    WorkspaceTasks tasks;

    @GET
    @Operation(operationId = "listTasks", summary = "The workspace's tasks, oldest first, paged")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(schema = @Schema(ref = "TaskPage")))
    public Envelope<WorkspaceTasks.Page> list(@QueryParam("page") @DefaultValue("1") String page,
                                              @QueryParam("per_page") @DefaultValue("50") String perPage) {
        TokenCaller caller = person.token(Scopes.API_READ);
        return Envelope.ok(tasks.list(caller.workspaceId(), QueryInput.integer("page", page, 1, 1_000_000),
                QueryInput.integer("per_page", perPage, 1, 200)));
    }

    @POST
    @Operation(operationId = "createTask", summary = "Add a task", description = "Body {title, status?}; status open (default), in_progress or done.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "TaskRequest"))
    @APIResponse(responseCode = "201", description = "The new task", content = @Content(schema = @Schema(ref = "Task")))
    public Response create() {
        TokenCaller caller = person.token(Scopes.API_WRITE);
        return Response.status(201).entity(Envelope.ok(tasks.create(caller, request.jsonBody()))).build();
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getTask", summary = "One task")
    @APIResponse(responseCode = "200", description = "The task", content = @Content(schema = @Schema(ref = "Task")))
    public Envelope<WorkspaceTasks.Task> get(@PathParam("id") long id) {
        return Envelope.ok(tasks.get(person.token(Scopes.API_READ).workspaceId(), id));
    }

    @PATCH
    @Path("{id: [0-9]+}")
    @Operation(operationId = "updateTask", summary = "Change a task's title or status",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "TaskRequest"))
    @APIResponse(responseCode = "200", description = "The task as changed", content = @Content(schema = @Schema(ref = "Task")))
    public Envelope<WorkspaceTasks.Task> update(@PathParam("id") long id) {
        TokenCaller caller = person.token(Scopes.API_WRITE);
        return Envelope.ok(tasks.update(caller.workspaceId(), id, request.jsonBody()));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteTask", summary = "Delete a task")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(ref = "Deleted")))
    public Envelope<Map<String, Object>> delete(@PathParam("id") long id) {
        tasks.delete(person.token(Scopes.API_WRITE).workspaceId(), id);
        return Envelope.ok(Map.of("deleted", true, "id", id));
    }
}
