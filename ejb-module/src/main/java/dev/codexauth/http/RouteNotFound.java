package dev.codexauth.http;

/** 404: no route for this path (a route that exists but takes another method answers 405 with {@code Allow}). */
public class RouteNotFound extends ApiException {

    public RouteNotFound() {
        super(404, "not_found", "Route not found");
    }
}
