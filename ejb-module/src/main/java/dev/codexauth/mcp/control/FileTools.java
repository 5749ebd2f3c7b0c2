package dev.codexauth.mcp.control;

import static dev.codexauth.mcp.control.FileSandbox.attributes;
import static dev.codexauth.mcp.control.FileSandbox.refused;

import dev.codexauth.http.Jsonp;
import dev.codexauth.ops.control.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code fs_*} tools on the caller's own file area ({@link FileSandbox}): UTF-8 text only, reads and writes
 * capped, a quota per host, writes replaced atomically (a rename never follows a link), and a read-only switch.
 * Answers name paths relative to the area, never where it lives on the server.
 */
@ApplicationScoped
public class FileTools {

    static final int MAX_GLOB_CHARS = 255;
    static final int MAX_FILE_GLOBS = 32;
    static final long SMALLEST_CHARGE = 1024;

    @Inject
    FileSandbox sandbox;

    public JsonObject call(McpCaller caller, String name, JsonObject args) {
        Path home = sandbox.home(caller);
        return switch (name) {
            case "fs_read_file" -> read(home, text(args, "path"));
            case "fs_write_file" -> write(home, args);
            case "fs_list_dir" -> list(home, text(args, "path"), optional(args, "glob"));
            case "fs_file_exists" -> exists(home, text(args, "path"));
            case "fs_stat" -> stat(home, text(args, "path"));
            case "fs_search_in_files" -> search(home, args);
            default -> throw new IllegalArgumentException("Unknown tool: " + name);
        };
    }

    private JsonObject read(Path home, String path) {
        Path file = sandbox.resolve(home, path);
        BasicFileAttributes a = attributes(file).orElseThrow(() -> refused("file not found"));
        if (!a.isRegularFile()) {
            throw refused("not a file");
        }
        return info(home, file, a).add("mimeType", "text/plain").add("content", utf8(file, a)).build();
    }

    private JsonObject write(Path home, JsonObject args) {
        if (sandbox.readOnly()) {
            throw refused("file writes are switched off on this server");
        }
        Path file = sandbox.resolve(home, text(args, "path"));
        if (file.equals(home)) {
            throw refused("path names the file area itself");
        }
        byte[] content = text(args, "content").getBytes(StandardCharsets.UTF_8);
        if (content.length > sandbox.maxWriteBytes()) {
            throw refused("content is larger than " + sandbox.maxWriteBytes() + " bytes");
        }
        return sandbox.exclusively(home, () -> replace(home, file, content, args));
    }

    /**
     * Checks what is there and the quota, then replaces the file, while no other write of this host runs: else every
     * write of a burst passed the quota check before any was written, and two creations of one file both passed.
     */
    private JsonObject replace(Path home, Path file, byte[] content, JsonObject args) {
        Optional<BasicFileAttributes> existing = attributes(file);
        if (existing.isPresent() && !existing.get().isRegularFile()) {
            throw refused("not a file");
        }
        if (existing.isPresent() && !flag(args, "overwrite")) {
            throw refused("file exists and overwrite is false");
        }
        if (existing.isEmpty() && !flag(args, "create_if_missing")) {
            throw refused("file missing and create_if_missing is false");
        }
        if (attributes(file.getParent()).filter(BasicFileAttributes::isDirectory).isEmpty()) {
            throw refused("directory not found");
        }
        long used = usage(home) - existing.map(a -> charge(a.size())).orElse(0L);
        if (used + charge(content.length) > sandbox.quotaBytes()) {
            throw refused("the host's file quota of " + sandbox.quotaBytes() + " bytes would be exceeded");
        }
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".write-", ".tmp");
            try {
                Files.write(temporary, content);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return info(home, file, attributes(file).orElseThrow()).add("written_bytes", content.length).build();
        } catch (IOException e) {
            throw refused("failed to write file");
        }
    }

    private JsonObject list(Path home, String path, String glob) {
        Path dir = sandbox.resolve(home, path);
        if (attributes(dir).filter(BasicFileAttributes::isDirectory).isEmpty()) {
            throw refused("directory not found");
        }
        Fnmatch matcher = glob == null || glob.isBlank() ? null : pattern(glob);
        JsonArrayBuilder entries = Jsonp.PROVIDER.createArrayBuilder();
        try (Stream<Path> children = Files.list(dir)) {
            children.sorted().filter(child -> matcher == null || matcher.matches(child.getFileName().toString()))
                    .forEach(child -> attributes(child).ifPresent(a -> entries.add(entry(home, child, a))));
        } catch (IOException e) {
            throw refused("directory not readable");
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("path", relative(home, dir)).add("entries", entries).build();
    }

    private JsonObject exists(Path home, String path) {
        Path target = sandbox.resolve(home, path);
        return attributes(target).map(a -> info(home, target, a).add("exists", true).build())
                .orElseGet(() -> Jsonp.PROVIDER.createObjectBuilder().add("exists", false).add("path", relative(home, target)).build());
    }

    private JsonObject stat(Path home, String path) {
        Path target = sandbox.resolve(home, path);
        BasicFileAttributes a = attributes(target).orElseThrow(() -> refused("path not found"));
        return info(home, target, a).add("exists", true).build();
    }

    private JsonObject search(Path home, JsonObject args) {
        Path root = sandbox.resolve(home, text(args, "root"));
        String pattern = text(args, "pattern").toLowerCase(Locale.ROOT);
        if (pattern.isEmpty()) {
            throw refused("pattern is required");
        }
        int max = MemoryInput.limit(args, "max_results", 200, 1, 1000);
        List<Fnmatch> globs = new ArrayList<>();
        if (args.get("file_glob") instanceof JsonArray array) {
            if (array.size() > MAX_FILE_GLOBS || array.stream().anyMatch(g -> !(g instanceof JsonString))) {
                throw refused("file_glob must be an array of at most " + MAX_FILE_GLOBS + " strings");
            }
            array.getValuesAs(JsonString.class).forEach(g -> globs.add(pattern(g.getString())));
        }
        JsonArrayBuilder matches = Jsonp.PROVIDER.createArrayBuilder();
        int count = 0;
        for (Path file : files(root)) {
            if (!globs.isEmpty() && globs.stream().noneMatch(g -> g.matches(file.getFileName().toString())
                    || g.matches(relative(home, file)))) {
                continue;
            }
            BasicFileAttributes a = attributes(file).orElse(null);
            if (a == null || a.size() > sandbox.maxReadBytes()) {
                continue;
            }
            String text;
            try {
                text = utf8(file, a);
            } catch (RuntimeException notText) {
                continue;
            }
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length && count < max; i++) {
                if (lines[i].toLowerCase(Locale.ROOT).contains(pattern)) {
                    String line = lines[i].strip();
                    matches.add(Jsonp.PROVIDER.createObjectBuilder().add("file", relative(home, file)).add("line", i + 1)
                            .add("snippet", line.length() <= 200 ? line : line.substring(0, 200)));
                    count++;
                }
            }
            if (count >= max) {
                break;
            }
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("pattern", text(args, "pattern")).add("root", relative(home, root))
                .add("count", count).add("matches", matches).build();
    }

    /** Regular files below {@code root}, in name order, never through a link. */
    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> attributes(p).map(BasicFileAttributes::isRegularFile).orElse(false)).sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw refused("root is not a readable directory");
        }
    }

    private static long usage(Path home) {
        return files(home).stream().mapToLong(p -> attributes(p).map(a -> charge(a.size())).orElse(0L)).sum();
    }

    /** What a file costs of the quota: at least {@link #SMALLEST_CHARGE}, so that empty files cannot pile up without end. */
    private static long charge(long size) {
        return Math.max(size, SMALLEST_CHARGE);
    }

    private String utf8(Path file, BasicFileAttributes a) {
        if (a.size() > sandbox.maxReadBytes()) {
            throw refused("file is larger than " + sandbox.maxReadBytes() + " bytes");
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) sandbox.maxReadBytes() + 1);
            if (bytes.length > sandbox.maxReadBytes()) {
                throw refused("file is larger than " + sandbox.maxReadBytes() + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refused("file is not UTF-8 text");
        } catch (IOException e) {
            throw refused("file not readable");
        }
    }

    private static JsonObjectBuilder info(Path home, Path target, BasicFileAttributes a) {
        return Jsonp.PROVIDER.createObjectBuilder().add("path", relative(home, target)).add("type", a.isDirectory() ? "dir" : "file")
                .add("size_bytes", a.isDirectory() ? JsonValue.NULL : Jsonp.PROVIDER.createValue(a.size()))
                .add("modified_at", Timestamps.format(a.lastModifiedTime().toInstant()));
    }

    private static JsonObject entry(Path home, Path child, BasicFileAttributes a) {
        String type = a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : a.isSymbolicLink() ? "symlink" : "other";
        return Jsonp.PROVIDER.createObjectBuilder().add("name", child.getFileName().toString()).add("path", relative(home, child))
                .add("type", type).add("size_bytes", a.isRegularFile() ? Jsonp.PROVIDER.createValue(a.size()) : JsonValue.NULL)
                .add("modified_at", Timestamps.format(a.lastModifiedTime().toInstant())).build();
    }

    private static String relative(Path home, Path target) {
        String relative = home.relativize(target).toString();
        return relative.isEmpty() ? "." : relative;
    }

    private static String text(JsonObject args, String name) {
        if (args.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw refused(name + " is required");
    }

    /** A name pattern; its length bounds the matching's work, which grows with pattern times name. */
    private static Fnmatch pattern(String glob) {
        if (glob.length() > MAX_GLOB_CHARS) {
            throw refused("a glob must be at most " + MAX_GLOB_CHARS + " characters");
        }
        return Fnmatch.compile(glob);
    }

    private static String optional(JsonObject args, String name) {
        return args.get(name) instanceof JsonString s ? s.getString() : null;
    }

    /** Booleans default to true, as in the original. */
    private static boolean flag(JsonObject args, String name) {
        return args.get(name) != JsonValue.FALSE;
    }
}
