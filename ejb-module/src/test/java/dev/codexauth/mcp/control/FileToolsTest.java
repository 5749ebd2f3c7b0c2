package dev.codexauth.mcp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file tools keep each host inside its own area: every way out is refused, and only UTF-8 text within the caps passes. */
class FileToolsTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private final FileSandbox sandbox = new FileSandbox();
    private final FileTools tools = new FileTools();
    private final McpCaller laptop = new HostCaller(7, "laptop.test");

    @BeforeEach
    void switchedOn() {
        sandbox.enabled = true;
        sandbox.root = Optional.of(root.toString());
        sandbox.maxReadBytes = 1024;
        sandbox.maxWriteBytes = 512;
        sandbox.quotaBytes = 2048;
        tools.sandbox = sandbox;
    }

    @Test
    void offeredOnlyWhenSwitchedOnAndWritesOnlyWhenNotReadOnly() {
        FileSandbox off = new FileSandbox();
        off.root = Optional.empty();
        assertThat(ToolCatalogue.offered(off, laptop)).noneMatch(tool -> tool.name().startsWith("fs_"));
        assertThat(ToolCatalogue.offered(sandbox, laptop)).anyMatch(tool -> tool.name().equals("fs_write_file"));
        sandbox.readOnly = true;
        assertThat(ToolCatalogue.offered(sandbox, laptop)).anyMatch(tool -> tool.name().equals("fs_read_file"))
                .noneMatch(tool -> tool.name().equals("fs_write_file"));
        assertThat(refusal("fs_write_file", args("path", "a.txt", "content", "x"))).contains("switched off");
    }

    @Test
    void aWorkspaceHasNoFileArea() {
        McpCaller person = new PersonCaller(3, 11, "acme");
        assertThat(ToolCatalogue.offered(sandbox, person)).noneMatch(tool -> tool.name().startsWith("fs_"))
                .anyMatch(tool -> tool.name().equals("memory_store"));
        assertThat(ToolCatalogue.named("fs_read_file", sandbox, person)).isEmpty();
    }

    @Test
    void writesReadsListsAndSearchesText() {
        JsonObject written = tools.call(laptop, "fs_write_file", args("path", "notes.md", "content", "first line\nSecond Needle here\n"));
        assertThat(written.getInt("written_bytes")).isEqualTo(30);
        assertThat(tools.call(laptop, "fs_read_file", args("path", "notes.md")).getString("content")).startsWith("first line");
        assertThat(tools.call(laptop, "fs_list_dir", args("path", ".")).getJsonArray("entries")).hasSize(1);
        JsonObject found = tools.call(laptop, "fs_search_in_files", args("root", ".", "pattern", "needle"));
        assertThat(found.getInt("count")).isOne();
        assertThat(found.getJsonArray("matches").getJsonObject(0).getInt("line")).isEqualTo(2);
        assertThat(tools.call(laptop, "fs_file_exists", args("path", "missing.md")).getBoolean("exists")).isFalse();
        assertThat(root.resolve("host-7/notes.md")).exists();
        McpCaller desktop = new HostCaller(8, "desktop.test");
        assertThat(tools.call(desktop, "fs_file_exists", args("path", "notes.md")).getBoolean("exists")).as("another host's area").isFalse();
        assertThat(refusal("fs_write_file", args("path", "notes.md", "content", "again", "overwrite", false))).contains("overwrite is false");
    }

    @Test
    void traversalAbsolutePathsAndLinksAreRefused() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "database password");
        Path home = sandbox.home(laptop);
        Files.createSymbolicLink(home.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(home.resolve("dir"), outside);
        for (String path : new String[] {"../host-8/x", "a/../../x", "/etc/passwd", outside.resolve("secret.txt").toString(),
                "C:/Windows/win.ini", "a\\..\\b", "./x"}) {
            assertThat(refusal("fs_read_file", args("path", path))).as(path).isNotBlank();
        }
        assertThat(refusal("fs_read_file", args("path", "link.txt"))).contains("symbolic link");
        assertThat(refusal("fs_read_file", args("path", "dir/secret.txt"))).contains("symbolic link");
        assertThat(refusal("fs_write_file", args("path", "link.txt", "content", "overwrite the target"))).contains("symbolic link");
        assertThat(refusal("fs_write_file", args("path", "dir/new.txt", "content", "x"))).contains("symbolic link");
        assertThat(refusal("fs_file_exists", args("path", "dir/secret.txt"))).contains("symbolic link");
        assertThat(refusal("fs_list_dir", args("path", "dir"))).contains("symbolic link");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("database password");
        assertThat(Files.list(outside)).hasSize(1);
    }

    @Test
    void hugeBinaryDeviceAndOverQuotaAreRefused() throws Exception {
        Path home = sandbox.home(laptop);
        Files.write(home.resolve("big.txt"), new byte[2000]);
        assertThat(refusal("fs_read_file", args("path", "big.txt"))).contains("larger than 1024");
        Files.write(home.resolve("binary.bin"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThat(refusal("fs_read_file", args("path", "binary.bin"))).contains("not UTF-8");
        assertThat(refusal("fs_write_file", args("path", "w.txt", "content", "x".repeat(513)))).contains("larger than 512");
        assertThat(refusal("fs_write_file", args("path", "w.txt", "content", "x".repeat(100)))).contains("quota");
        Process fifo = new ProcessBuilder("mkfifo", home.resolve("pipe").toString()).start();
        assertThat(fifo.waitFor()).isZero();
        assertThat(refusal("fs_read_file", args("path", "pipe"))).contains("neither a file nor a directory");
        assertThat(refusal("fs_write_file", args("path", "pipe", "content", "x"))).contains("neither a file nor a directory");
        assertThat(new String(Files.readAllBytes(home.resolve("big.txt")), StandardCharsets.UTF_8)).hasSize(2000);
    }

    @Test
    @Timeout(30)
    void writesAtTheSameMomentStayWithinTheQuotaTogether() throws Exception {
        int writers = 12;
        CyclicBarrier together = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> written = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String path = "racer-" + i + ".txt";
            written.add(pool.submit(() -> {
                together.await();
                try {
                    tools.call(laptop, "fs_write_file", args("path", path, "content", "x".repeat(100), "create_if_missing", true));
                    return true;
                } catch (ApiException refused) {
                    return false;
                }
            }));
        }
        long succeeded = 0;
        for (Future<Boolean> write : written) {
            succeeded += write.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(succeeded).as("a 2 KiB quota holds two files of the smallest charge").isEqualTo(2);
        try (var files = Files.list(root.resolve("host-7"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("racer-"))).hasSize(2);
        }
    }

    @Test
    void everyFileCountsAtLeastAKibibyteOfTheQuota() {
        tools.call(laptop, "fs_write_file", args("path", "a.txt", "content", ""));
        tools.call(laptop, "fs_write_file", args("path", "b.txt", "content", ""));
        assertThat(refusal("fs_write_file", args("path", "c.txt", "content", ""))).contains("quota");
        assertThat(tools.call(laptop, "fs_write_file", args("path", "b.txt", "content", "x".repeat(500))).getInt("written_bytes"))
                .as("rewriting a file charges it once").isEqualTo(500);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a regular expression's backtracking ignores interrupts
    void patternsAreFnmatchAndNeverBacktrackWithoutEnd() throws Exception {
        Path home = sandbox.home(laptop);
        Files.writeString(home.resolve("a".repeat(200)), "needle");
        Files.writeString(home.resolve("notes.md"), "needle");
        String stars = "*a*a*a*a*a*a*a*a*a*a*b";
        assertThat(tools.call(laptop, "fs_list_dir", args("path", ".", "glob", stars)).getJsonArray("entries")).isEmpty();
        assertThat(tools.call(laptop, "fs_list_dir", args("path", ".", "glob", "[mn]*.md")).getJsonArray("entries")).hasSize(1);
        assertThat(tools.call(laptop, "fs_search_in_files", Jsonp.PROVIDER.createObjectBuilder().add("root", ".").add("pattern", "needle")
                .add("file_glob", Jsonp.PROVIDER.createArrayBuilder().add(stars).add("*.md")).build()).getInt("count")).isOne();
        assertThatThrownBy(() -> tools.call(laptop, "fs_search_in_files", Jsonp.PROVIDER.createObjectBuilder().add("root", ".")
                .add("pattern", "needle").add("file_glob", Jsonp.PROVIDER.createArrayBuilder().add(7)).build()))
                .isInstanceOf(ApiException.class).hasMessageContaining("array of at most 32 strings");
        assertThat(refusal("fs_list_dir", args("path", ".", "glob", "*".repeat(256)))).contains("at most 255 characters");
    }

    private String refusal(String tool, JsonObject args) {
        return assertThatThrownBy(() -> tools.call(laptop, tool, args)).isInstanceOf(ApiException.class).actual().getMessage();
    }

    private static JsonObject args(Object... pairs) {
        var args = Jsonp.PROVIDER.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] instanceof Boolean b) {
                args.add((String) pairs[i], b);
            } else {
                args.add((String) pairs[i], (String) pairs[i + 1]);
            }
        }
        return args.build();
    }
}
