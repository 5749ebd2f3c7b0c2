package dev.codexauth.http;

import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * The host API's OpenAPI filter ({@code mp.openapi.filter}, see {@link ApiDocumentFilter}). Its application sits at
 * the server root, and before any route the kill switch (503) and the global per-IP limit (429) may answer
 * ({@link HostPipelineFilter}).
 */
public class HostApiDocument extends ApiDocumentFilter {

    public HostApiDocument() {
        super("");
    }

    @Override
    protected void completeOperation(PathItem.HttpMethod method, Operation operation) {
        addErrors(operation, "429", "503");
    }
}
