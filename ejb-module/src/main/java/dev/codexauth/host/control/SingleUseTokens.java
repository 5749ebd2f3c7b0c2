package dev.codexauth.host.control;

import dev.codexauth.host.entity.SingleUseToken;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How a single-use token table is read and used up, for installer and seed tokens alike: lookup by the SHA-256 of
 * the lower-cased token, refusals with the original's messages ({@code <noun> not found / already used / expired}),
 * and one conditional UPDATE that lets exactly one of several racing requests (on any node) have it.
 */
public final class SingleUseTokens<T extends SingleUseToken> {

    private final Class<T> type;
    private final String table;
    private final String noun;

    public SingleUseTokens(Class<T> type, String noun) {
        this.type = type;
        this.table = type.getAnnotation(Table.class).name();
        this.noun = noun;
    }

    /** Deletes the rows that can never be used again. */
    public void purgeSpent(EntityManager em, Instant now) {
        em.createNativeQuery("DELETE FROM " + table + " WHERE expires_at < ?1 OR used_at IS NOT NULL")
                .setParameter(1, Timestamps.format(now)).executeUpdate();
    }

    /** The row of an unused, unexpired token, or the refusal a script download answers with. */
    public T usable(EntityManager em, String token) {
        List<T> rows = em.createQuery("SELECT t FROM " + type.getSimpleName() + " t WHERE t.token = :hash", type)
                .setParameter("hash", Hashes.sha256Hex(token.toLowerCase(Locale.ROOT))).getResultList();
        if (rows.isEmpty()) {
            throw new ScriptRefused(404, noun + " not found");
        }
        T row = rows.get(0);
        if (row.getUsedAt() != null) {
            throw new ScriptRefused(410, noun + " already used");
        }
        if (row.getExpiresAt() == null || !row.getExpiresAt().isAfter(Instant.now())) {
            throw new ScriptRefused(410, noun + " expired");
        }
        return row;
    }

    /** Uses the token up; a request that lost the race is refused as if it had come second. */
    public void consume(EntityManager em, T row) {
        int consumed = em.createNativeQuery("UPDATE " + table + " SET used_at = ?1 WHERE id = ?2 AND used_at IS NULL AND expires_at > ?1")
                .setParameter(1, Timestamps.format(Instant.now())).setParameter(2, row.getId()).executeUpdate();
        if (consumed != 1) {
            throw new ScriptRefused(410, noun + " already used");
        }
    }
}
