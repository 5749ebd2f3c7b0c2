package dev.codexauth.launcher;

import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.boot.AdminCommandRunner;
import java.util.List;
import java.util.logging.Logger;

/**
 * The HTTP listener as the applications expect it, set before Payara Micro boots: no {@code Server} or {@code
 * X-Powered-By} header; {@code TRACE} passed on to the applications, whose request gate refuses it with a JSON 405 and
 * a closed connection (the container's own refusal left the body unread on a kept-alive connection); a request head of
 * up to 64 KiB and 200 headers accepted by the HTTP codec, and a body on any method (a GET with a body was the codec's
 * empty 400), so that the gate, not the codec, answers what is over its limits; at most 1 MiB of a body nobody read is
 * skipped to keep a connection alive, beyond that it is closed. The listener itself stays closed until the host API is
 * deployed: Payara's health endpoint answers UP while no application has registered a check yet, so a load balancer
 * would otherwise send hosts to a server that 404s. Payara Server needs the same settings (docs/install-server.md).
 */
final class HttpListenerSettings {

    private static final Logger LOG = Logger.getLogger(HttpListenerSettings.class.getName());
    private static final String HTTP = "configs.config.server-config.network-config.protocols.protocol.http-listener.http.";
    private static final String LISTENER = "configs.config.server-config.network-config.network-listeners.network-listener.http-listener.enabled=";

    static final List<String> SETTINGS = List.of(
            HTTP + "server-header=false",
            HTTP + "xpowered-by=false",
            HTTP + "trace-enabled=true",
            HTTP + "header-buffer-length-bytes=65536",
            HTTP + "max-request-headers=200",
            HTTP + "allow-payload-for-undefined-http-methods=true",
            HTTP + "max-swallowing-input-bytes=1048576",
            LISTENER + "false");

    private AdminCommandRunner runner;

    /** Applies the settings before boot, with the listener closed until {@link #open()}. */
    void apply(AdminCommandRunner bootRunner) {
        this.runner = bootRunner;
        SETTINGS.forEach(this::set);
        LOG.fine("HTTP listener settings applied");
    }

    /** Starts accepting connections: called once the host API is deployed, so no host sees a half-deployed server. */
    void open() {
        set(LISTENER + "true");
    }

    /** Stops accepting connections, before a stop: requests are refused at the connection, not half-served. */
    void close() {
        set(LISTENER + "false");
    }

    private void set(String setting) {
        ClusterCommandResult result = runner.run("set", setting);
        if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
            throw new IllegalStateException("Payara refused " + setting + ": " + result.getOutput(), result.getFailureCause());
        }
    }
}
