package dev.codexauth.http;

/** 404: no route for this method and path (the original answers 404 for wrong methods too). */
public class RouteNotFound extends ApiException {

    public RouteNotFound() {
        super(404, "not_found", "Route not found");
    }
}
