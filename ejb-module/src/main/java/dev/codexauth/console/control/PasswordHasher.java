package dev.codexauth.console.control;

import dev.codexauth.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Admin passwords as Argon2id (BouncyCastle) in the PHC string format {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash},
 * so the parameters travel with each hash and can be raised later. Defaults follow OWASP's minimum for Argon2id
 * (19 MiB, 2 passes, 1 lane); verification is constant-time.
 */
public final class PasswordHasher {

    /**
     * Hashes that may run at once in this JVM: each holds its 19 MiB for its whole run, and sign-ins come from anyone.
     * Twenty at once ran a 320 MB heap out of memory; more than the cores buy no speed anyway.
     */
    private static final Semaphore AT_ONCE = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** 503 when no hash could start within the wait: too many sign-ins at once. */
    public static final class Busy extends ApiException {
        public Busy() {
            super(503, "sign_in_busy", "Too many sign-ins at once; try again in a moment", null, null, Map.of("Retry-After", "2"));
        }
    }

    private static final Pattern PHC = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final Semaphore atOnce;
    private final Duration wait;

    public PasswordHasher() {
        this(19 * 1024, 2, 1);
    }

    public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        this(memoryKiB, iterations, parallelism, AT_ONCE, WAIT);
    }

    PasswordHasher(int memoryKiB, int iterations, int parallelism, Semaphore atOnce, Duration wait) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.atOnce = atOnce;
        this.wait = wait;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    public boolean verify(String password, String encoded) {
        Matcher phc = encoded == null ? null : PHC.matcher(encoded);
        if (phc == null || !phc.matches()) {
            return false;
        }
        byte[] expected = B64D.decode(phc.group(5));
        byte[] actual = derive(password, B64D.decode(phc.group(4)), Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                Integer.parseInt(phc.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** A hash of nothing in particular, to spend the same time on unknown user names as on known ones. */
    public void burn(String password) {
        derive(password, new byte[16], memoryKiB, iterations, parallelism, 32);
    }

    /** @throws Busy when no hash could start within the wait */
    private byte[] derive(String password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        try {
            if (!atOnce.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            return argon2(password, salt, memoryKiB, iterations, parallelism, length);
        } finally {
            atOnce.release();
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKiB, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
