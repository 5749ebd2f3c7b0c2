package floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;

/** The smallest JAX-RS application: what Payara Micro and Jersey cost before any code of ours runs (bench/container-floor.sh). */
@ApplicationPath("/api")
public class Floor extends Application {

    @Path("ping")
    public static class Ping {

        @GET
        @Produces("application/json")
        public String ping() {
            return "{\"ok\":true}";
        }
    }
}
