package dev.codexauth.http;

import java.util.HashSet;
import java.util.Set;

/**
 * The JAX-RS providers both APIs register: the error envelope, the JSON settings and the bounded JSON reader. Each
 * application lists its classes explicitly rather than scanning {@code dev.codexauth}, so that it never picks up the
 * other's resources when both live in one archive, and start-up skips a class-path scan.
 */
public final class SharedProviders {

    public static final Set<Class<?>> CLASSES = Set.of(ApiExceptionMapper.class, UnexpectedExceptionMapper.class,
            EnvelopeWriter.class, JsonBodyReader.class, JsonConfig.class);

    /** What an application's {@code getClasses()} returns: its own resources and providers and these. */
    public static Set<Class<?>> with(Set<Class<?>> own) {
        Set<Class<?>> classes = new HashSet<>(own);
        classes.addAll(CLASSES);
        return classes;
    }

    private SharedProviders() {
    }
}
