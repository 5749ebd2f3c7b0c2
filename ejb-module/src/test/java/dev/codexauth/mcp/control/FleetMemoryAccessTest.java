package dev.codexauth.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import org.junit.jupiter.api.Test;

/** Who reaches the fleet's memories under each MCP_FLEET_MEMORY_WRITES, and how a scope argument is read. */
class FleetMemoryAccessTest {

    private final McpCaller host = new HostCaller(7, "laptop.test");
    private final McpCaller person = new PersonCaller(3, 11, "acme");

    @Test
    void byDefaultHostsReadTheFleetsMemoriesAndOnlyAdminsWriteThem() {
        FleetMemoryAccess access = new FleetMemoryAccess("admins");
        assertThat(access.owner(host, MemoryScope.FLEET, false)).isEqualTo(MemoryOwner.FLEET);
        assertThat(access.owner(host, MemoryScope.HOST, true)).isEqualTo(MemoryOwner.host(7));
        assertThatThrownBy(() -> access.owner(host, MemoryScope.FLEET, true)).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.code()).isEqualTo("fleet_memories_read_only"));
    }

    @Test
    void hostsWriteTooWhenTheServerSaysSo() {
        assertThat(new FleetMemoryAccess(" Hosts ").owner(host, MemoryScope.FLEET, true)).isEqualTo(MemoryOwner.FLEET);
    }

    @Test
    void anUnknownSettingLeavesWritesToAdmins() {
        assertThat(new FleetMemoryAccess("everyone").hostsWrite()).isFalse();
    }

    @Test
    void aPersonsTokenKeepsToItsWorkspace() {
        FleetMemoryAccess access = new FleetMemoryAccess("hosts");
        assertThat(access.owner(person, MemoryScope.HOST, true)).isEqualTo(MemoryOwner.workspace(11));
        assertThatThrownBy(() -> access.owner(person, MemoryScope.FLEET, false)).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void scopeIsOptionalAndAllOnlyForSearches() {
        assertThat(MemoryInput.scope(Jsonp.PROVIDER.createObjectBuilder().build(), false)).isEqualTo(MemoryScope.HOST);
        assertThat(MemoryInput.scope(Jsonp.PROVIDER.createObjectBuilder().add("scope", "all").build(), true)).isEqualTo(MemoryScope.ALL);
        assertThatThrownBy(() -> MemoryInput.scope(Jsonp.PROVIDER.createObjectBuilder().add("scope", "all").build(), false))
                .isInstanceOfSatisfying(ValidationFailed.class,
                        invalid -> assertThat(invalid.errors().get("scope")).containsExactly("scope must be host or fleet"));
        assertThatThrownBy(() -> MemoryInput.scope(Jsonp.PROVIDER.createObjectBuilder().add("scope", 5).build(), true))
                .isInstanceOf(ApiException.class);
    }
}
