package dev.codexauth.ops.control;

import dev.codexauth.host.control.HostCallCounter;
import dev.codexauth.identity.control.TokenUse;
import dev.codexauth.mcp.control.McpAccessLogs;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Creates the write-behind buffers ({@link WriteBehind}) while the application deploys, never in a request. Each
 * schedules its writer when it is created, and a scheduled task keeps the context of the thread that scheduled it:
 * a writer started by a host's first {@code /auth} shared that request's invocation context, corrupted its
 * transaction (DTX5001) and left the host waiting on row locks for the lock wait timeout.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WriteBehindWriters {

    @Inject
    HostCallCounter callCounts;

    @Inject
    EventBuffer events;

    @Inject
    McpAccessLogs mcpAccessLogs;

    @Inject
    TokenUse tokenUse;

    @PostConstruct
    void createAtDeployment() {
        callCounts.flush();
        events.flush();
        mcpAccessLogs.flush();
        tokenUse.flush();
    }
}
