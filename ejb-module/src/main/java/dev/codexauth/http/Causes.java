package dev.codexauth.http;

import java.util.Objects;
import java.util.stream.Stream;

/** A failure and the failures behind it, outermost first; a cause that names itself ends the chain. */
final class Causes {

    private Causes() {
    }

    static Stream<Throwable> of(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, cause -> cause.getCause() == cause ? null : cause.getCause());
    }

    /** The outermost failure of this type in the chain, or null. */
    static <T extends Throwable> T first(Throwable failure, Class<T> type) {
        return of(failure).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }
}
