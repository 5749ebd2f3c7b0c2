package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.http.SharedProviders;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each JAX-RS application lists its resources and providers instead of scanning for them; a resource left out of
 * the list would answer 404 while its route is still documented. Read from the distribution, so no server runs.
 */
class ApplicationClassesIT {

    @ParameterizedTest
    @ValueSource(strings = {"ROOT", "admin"})
    void registersEveryResourceAndProviderItShips(String application) throws Exception {
        List<Class<?>> shipped = JaxRsRoutes.classesOf(java.nio.file.Path.of(System.getProperty("dist.dir", "target/dist"), "deploy", application));
        Class<?> applicationClass = shipped.stream().filter(type -> type.isAnnotationPresent(ApplicationPath.class)).findFirst().orElseThrow();
        Set<String> annotated = Stream.concat(shipped.stream(), SharedProviders.CLASSES.stream())
                .filter(type -> type.isAnnotationPresent(Path.class) || type.isAnnotationPresent(Provider.class))
                .map(Class::getName).collect(Collectors.toSet());

        Application registered = (Application) applicationClass.getDeclaredConstructor().newInstance();

        assertThat(registered.getClasses().stream().map(Class::getName)).containsExactlyInAnyOrderElementsOf(annotated);
    }
}
