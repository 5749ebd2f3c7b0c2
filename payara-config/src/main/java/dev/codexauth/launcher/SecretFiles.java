package dev.codexauth.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets (the development key, the embedded database's password): readable by the owner only. */
final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * Creates the file with mode 600 before anything is written to it, so that no other user ever sees the secret,
     * not even for the moment between writing and changing the mode; fails if the file exists.
     */
    static void create(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
