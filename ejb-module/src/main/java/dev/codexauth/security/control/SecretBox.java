package dev.codexauth.security.control;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl/libsodium {@code crypto_secretbox} (XSalsa20-Poly1305) on BouncyCastle primitives: the first 32 bytes of
 * the XSalsa20 key stream become the one-time Poly1305 key, the message is encrypted with the rest, and the box is
 * {@code MAC(16) || ciphertext}, byte for byte what libsodium produces.
 */
public final class SecretBox {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int MAC_BYTES = 16;

    private SecretBox() {
    }

    public static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keyStream(stream);
        byte[] box = new byte[MAC_BYTES + message.length];
        stream.processBytes(message, 0, message.length, box, MAC_BYTES);
        byte[] mac = mac(macKey, box, MAC_BYTES, message.length);
        System.arraycopy(mac, 0, box, 0, MAC_BYTES);
        Arrays.fill(macKey, (byte) 0);
        return box;
    }

    /** @return the message, or empty when the box was not sealed with this key and nonce (or was altered). */
    public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] box) {
        if (box.length < MAC_BYTES) {
            return Optional.empty();
        }
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = keyStream(stream);
        byte[] expected = mac(macKey, box, MAC_BYTES, box.length - MAC_BYTES);
        Arrays.fill(macKey, (byte) 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(box, 0, MAC_BYTES))) {
            return Optional.empty();
        }
        byte[] message = new byte[box.length - MAC_BYTES];
        stream.processBytes(box, MAC_BYTES, message.length, message, 0);
        return Optional.of(message);
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
        }
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    private static byte[] keyStream(XSalsa20Engine stream) {
        byte[] block = new byte[KEY_BYTES];
        stream.processBytes(new byte[KEY_BYTES], 0, KEY_BYTES, block, 0);
        return block;
    }

    private static byte[] mac(byte[] macKey, byte[] data, int offset, int length) {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(macKey));
        poly.update(data, offset, length);
        byte[] tag = new byte[MAC_BYTES];
        poly.doFinal(tag, 0);
        return tag;
    }
}
