package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SharedProvidersTest {

    /** A provider added to this module but not to the list would silently be missing from both APIs. */
    @Test
    void listsEveryProviderOfThisModuleAndNoResource() throws IOException, URISyntaxException {
        // Surefire puts this module's compiled classes on the class path as a directory.
        java.nio.file.Path classes = java.nio.file.Path.of(SharedProviders.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> annotated;
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            annotated = files.map(classes::relativize).map(java.nio.file.Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .<Class<?>>map(name -> load(name.replace('/', '.').replaceAll("\\.class$", "")))
                    .filter(type -> type.isAnnotationPresent(Provider.class) || type.isAnnotationPresent(Path.class))
                    .toList();
        }
        assertThat(annotated).as("annotated classes found in " + classes).isNotEmpty();
        assertThat(SharedProviders.CLASSES).containsExactlyInAnyOrderElementsOf(annotated);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, SharedProvidersTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
