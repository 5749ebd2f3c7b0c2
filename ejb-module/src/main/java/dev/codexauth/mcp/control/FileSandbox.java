package dev.codexauth.mcp.control;

import dev.codexauth.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the {@code fs_*} tools may touch files (spec/mcp.md §8): off unless {@code MCP_FS_ENABLED}; then each caller
 * has its own directory {@code <MCP_FS_ROOT>/host-<id>}, never the application's files. Paths are relative, without
 * {@code .} or {@code ..} segments, and every component is checked without following symbolic links; only regular
 * files and directories are ever used (no devices, pipes or sockets).
 */
@ApplicationScoped
public class FileSandbox {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final ReentrantLock[] WRITERS = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);

    @Inject
    @ConfigProperty(name = "mcp.fs.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "mcp.fs.root")
    Optional<String> root;

    @Inject
    @ConfigProperty(name = "mcp.fs.read.only", defaultValue = "false")
    boolean readOnly;

    @Inject
    @ConfigProperty(name = "mcp.fs.max.read.bytes", defaultValue = "1048576")
    long maxReadBytes;

    @Inject
    @ConfigProperty(name = "mcp.fs.max.write.bytes", defaultValue = "262144")
    long maxWriteBytes;

    @Inject
    @ConfigProperty(name = "mcp.fs.quota.bytes", defaultValue = "10485760")
    long quotaBytes;

    /** Whether the tools are offered: switched on, with an absolute root. */
    public boolean enabled() {
        return enabled && root.map(String::trim).filter(r -> !r.isEmpty() && Path.of(r).isAbsolute()).isPresent();
    }

    public boolean readOnly() {
        return readOnly;
    }

    long maxReadBytes() {
        return maxReadBytes;
    }

    long maxWriteBytes() {
        return maxWriteBytes;
    }

    long quotaBytes() {
        return quotaBytes;
    }

    /** The caller's own directory, created on first use. */
    Path home(McpCaller caller) {
        if (!enabled() || caller.hostId() == null) {
            throw refused("file tools are disabled");
        }
        Path home = Path.of(root.orElseThrow().trim()).resolve("host-" + caller.hostId());
        try {
            Files.createDirectories(home);
            if (Files.isSymbolicLink(home) || !Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
                throw refused("the file area of this host is not a directory");
            }
        } catch (IOException e) {
            throw refused("the file area of this host cannot be created");
        }
        return home;
    }

    /**
     * Runs {@code write} while no other write to this host's area runs, on this node (a lock per host, striped) nor on
     * another sharing the same folder (an OS lock on {@code host-<id>.lock} beside the area, out of the host's reach).
     */
    <T> T exclusively(Path home, Supplier<T> write) {
        ReentrantLock thisNode = WRITERS[Math.floorMod(home.getFileName().hashCode(), WRITERS.length)];
        thisNode.lock();
        try (FileChannel lockFile = FileChannel.open(home.resolveSibling(home.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock everyNode = lockFile.lock()) {
            return write.get();
        } catch (IOException e) {
            throw refused("the file area of this host cannot be locked");
        } finally {
            thisNode.unlock();
        }
    }

    /**
     * The path inside {@code home} that {@code relative} names, with no component (existing so far) a symbolic link
     * or anything but a directory on the way; an empty path or {@code .} names the home itself.
     */
    Path resolve(Path home, String relative) {
        if (relative == null) {
            throw refused("path is required");
        }
        String path = relative.trim();
        if (path.startsWith("/") || path.startsWith("\\") || DRIVE.matcher(path).matches() || path.indexOf('\0') >= 0
                || path.contains("\\")) {
            throw refused("path must be relative to the host's file area, with / between names");
        }
        Path current = home;
        if (path.isEmpty() || path.equals(".")) {
            return current;
        }
        String[] names = path.split("/+");
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name.isEmpty() && i == 0) {
                continue;
            }
            if (name.equals(".") || name.equals("..")) {
                throw refused("path must not contain . or .. segments");
            }
            current = current.resolve(name);
            Optional<BasicFileAttributes> attributes = attributes(current);
            if (attributes.isPresent()) {
                BasicFileAttributes a = attributes.get();
                if (a.isSymbolicLink()) {
                    throw refused("path goes through a symbolic link");
                }
                if (a.isOther()) {
                    throw refused("path names something that is neither a file nor a directory");
                }
                if (i < names.length - 1 && !a.isDirectory()) {
                    throw refused("path goes through a file");
                }
            }
        }
        return current;
    }

    /** The attributes of the path itself (a link is not followed); empty when nothing is there. */
    static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }

    static ApiException refused(String message) {
        return new ApiException(422, "file_refused", message);
    }
}
