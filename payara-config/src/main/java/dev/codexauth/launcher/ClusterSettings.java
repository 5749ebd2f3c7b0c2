package dev.codexauth.launcher;

import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.boot.AdminCommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a node joins the cluster's data grid: TCP/IP discovery of the members named in {@code CLUSTER_MEMBERS}
 * ({@code host:port}, comma-separated; multicast is never used, data centres and clouds drop it), the grid port
 * {@code CLUSTER_PORT} and, on a machine with several interfaces, the one in {@code CLUSTER_INTERFACE}.
 */
record ClusterSettings(boolean enabled, String name, List<String> members, int port, Optional<String> bindInterface) {

    static final int DEFAULT_PORT = 6900;
    private static final String RUNTIME = "hazelcast-runtime-configuration.";
    private static final String SESSIONS_IN_MEMORY =
            "configs.config.server-config.availability-service.web-container-availability.availability-enabled=false";

    /** Refuses a cluster that could not form, before Payara boots. */
    ClusterSettings {
        if (enabled && members.isEmpty()) {
            throw new IllegalStateException("CLUSTER_ENABLED is set but CLUSTER_MEMBERS is empty: list the nodes' grid addresses"
                    + " as host:port, comma-separated (for example 10.0.0.11:" + DEFAULT_PORT + ",10.0.0.12:" + DEFAULT_PORT
                    + "); see docs/cluster.md.");
        }
        for (String member : members) {
            if (!member.matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                throw new IllegalStateException("CLUSTER_MEMBERS entry '" + member + "' is not host:port; see docs/cluster.md.");
            }
        }
        members = List.copyOf(members);
    }

    static List<String> parseMembers(Optional<String> value) {
        List<String> members = new ArrayList<>();
        value.ifPresent(list -> {
            for (String member : list.split(",")) {
                if (!member.isBlank()) {
                    members.add(member.trim());
                }
            }
        });
        return members;
    }

    /**
     * The dotted settings that make Payara's Hazelcast join by TCP/IP. They run in the pre-boot handler, after Payara
     * Micro's own defaults, so they win over its multicast discovery. Without clustering no grid runs, so the admin
     * console's sessions (a distributable application) stay in this node's memory instead of failing to reach it.
     */
    List<String> settings() {
        if (!enabled) {
            return List.of(SESSIONS_IN_MEMORY);
        }
        List<String> settings = new ArrayList<>(List.of(
                RUNTIME + "discovery-mode=tcpip",
                RUNTIME + "tcpip-members=" + String.join(",", members),
                RUNTIME + "start-port=" + port,
                RUNTIME + "cluster-group-name=" + name));
        bindInterface.ifPresent(address -> settings.add(RUNTIME + "interface=" + address));
        return settings;
    }

    /**
     * The JVM's system properties the grid needs: with an interface named, Hazelcast still binds every address unless
     * {@code hazelcast.socket.bind.any} is false (its interface list only picks the address it announces), and Payara
     * sets neither. Anyone reaching the port of a node on another interface would find a grid without authentication.
     */
    Map<String, String> systemProperties() {
        return enabled && bindInterface.isPresent() ? Map.of("hazelcast.socket.bind.any", "false") : Map.of();
    }

    void apply(AdminCommandRunner runner) {
        for (String setting : settings()) {
            ClusterCommandResult result = runner.run("set", setting);
            if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
                throw new IllegalStateException("Payara refused " + setting + ": " + result.getOutput(), result.getFailureCause());
            }
        }
    }
}
