package dev.codexauth.security.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Byte compatibility with libsodium itself (the npm build of libsodium, run by Node): the values the original PHP
 * service sealed with {@code sodium_crypto_secretbox} must open here, and ours must open there.
 */
class SecretBoxMatchesLibsodiumIT {

    private static final HexFormat HEX = HexFormat.of();
    private static Path workDir;

    @BeforeAll
    static void installLibsodium() throws Exception {
        workDir = Path.of("target", "libsodium-reference");
        Files.createDirectories(workDir);
        for (String file : List.of("package.json", "secretbox.js")) {
            Files.copy(Path.of("src/test/resources/libsodium", file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(workDir.resolve("node_modules/libsodium-wrappers"))) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"), "");
        }
    }

    @Test
    void sealsExactlyLikeLibsodium() throws Exception {
        Random random = new Random(20261123);
        List<byte[][]> vectors = new ArrayList<>();
        JsonArrayBuilder requests = Json.createArrayBuilder();
        for (int length : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4096, 70_000}) {
            byte[] key = bytes(random, SecretBox.KEY_BYTES);
            byte[] nonce = bytes(random, SecretBox.NONCE_BYTES);
            byte[] message = bytes(random, length);
            vectors.add(new byte[][] {key, nonce, message});
            requests.add(request("seal", key, nonce, message));
        }
        JsonArray answers = libsodium(requests.build());
        for (int i = 0; i < vectors.size(); i++) {
            byte[][] v = vectors.get(i);
            assertThat(HEX.formatHex(SecretBox.seal(v[0], v[1], v[2])))
                    .as("box of a %d-byte message", v[2].length)
                    .isEqualTo(answers.getJsonObject(i).getString("result"));
        }
    }

    @Test
    void libsodiumOpensOurBoxesAndRejectsAlteredOnes() throws Exception {
        Random random = new Random(7);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] message = "{\"last_refresh\":\"2025-11-19T09:27:43Z\",\"auths\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] box = SecretBox.seal(key, nonce, message);
        byte[] altered = box.clone();
        altered[altered.length - 1] ^= 1;
        JsonArray answers = libsodium(Json.createArrayBuilder()
                .add(request("open", key, nonce, box))
                .add(request("open", key, nonce, altered))
                .build());
        assertThat(answers.getJsonObject(0).getString("result")).isEqualTo(HEX.formatHex(message));
        assertThat(answers.getJsonObject(1).isNull("result")).isTrue();
    }

    @Test
    void opensAnOriginalServiceValueSealedByLibsodium() throws Exception {
        Random random = new Random(42);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        String secret = "9f2c0b7d3e4a5f6071829304a5b6c7d8e9f00112233445566778899aabbccdd";
        String box = libsodium(Json.createArrayBuilder()
                .add(request("seal", key, nonce, secret.getBytes(StandardCharsets.UTF_8))).build())
                .getJsonObject(0).getString("result");
        byte[] stored = new byte[24 + box.length() / 2];
        System.arraycopy(nonce, 0, stored, 0, 24);
        System.arraycopy(HEX.parseHex(box), 0, stored, 24, box.length() / 2);
        String original = "sbox:v1:" + Base64.getEncoder().encodeToString(stored);

        KeyRing ring = KeyRing.fromSettings(Base64.getEncoder().encodeToString(key), null, null, null);

        KeyRing.Opened opened = ring.open(original);
        assertThat(opened.plaintext()).isEqualTo(secret);
        assertThat(opened.stale()).as("v1 values are re-sealed as v2 on write").isTrue();
    }

    private static JsonObject request(String op, byte[] key, byte[] nonce, byte[] data) {
        return Json.createObjectBuilder().add("op", op).add("key", HEX.formatHex(key)).add("nonce", HEX.formatHex(nonce))
                .add("data", HEX.formatHex(data)).build();
    }

    private static JsonArray libsodium(JsonArray requests) throws Exception {
        String out = run(List.of("node", "secretbox.js"), requests.toString());
        return Json.createReader(new java.io.StringReader(out)).readArray();
    }

    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(false).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + err);
        }
        return out;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
