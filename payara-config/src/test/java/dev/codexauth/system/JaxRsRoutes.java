package dev.codexauth.system;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every JAX-RS route of a deployed application, read by reflection from its classes in the distribution
 * ({@code target/dist/deploy/<app>/WEB-INF/classes}), so that a new resource method is a new route without anyone
 * listing it. Paths are seen from the server root with plain templates, the way the OpenAPI document writes them:
 * {@code {id: [0-9]+}} is {@code {id}}, and a variable choosing between literals is one route per literal.
 */
final class JaxRsRoutes {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*(\\w+)\\s*(?::\\s*([^{}]+?)\\s*)?}");
    private static final Pattern LITERAL_CHOICE = Pattern.compile("[\\w.-]+(\\|[\\w.-]+)+");

    /**
     * One route and what its Java method shows about it.
     *
     * @param entityParameter the method takes the body as a parameter
     * @param readsHostRequest its class reads the request (and the body) through the host API's HostRequest
     */
    record Route(String method, String path, String javaMethod, boolean entityParameter, boolean readsHostRequest) {

        String key() {
            return method + " " + path;
        }
    }

    private JaxRsRoutes() {
    }

    /** @param contextRoot {@code ""} for the application at {@code /} */
    static List<Route> of(java.nio.file.Path application, String contextRoot) throws IOException {
        List<Class<?>> types = classesOf(application);
        String applicationPath = types.stream().map(type -> type.getAnnotation(ApplicationPath.class)).filter(a -> a != null)
                .map(ApplicationPath::value).findFirst().orElseThrow(() -> new IllegalStateException("No @ApplicationPath in " + application));
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : types) {
            Path resource = type.getAnnotation(Path.class);
            if (resource != null) {
                boolean hostRequest = Stream.of(type.getDeclaredFields()).anyMatch(f -> f.getType().getName().equals("dev.codexauth.http.HostRequest"));
                for (Method method : type.getDeclaredMethods()) {
                    String httpMethod = httpMethod(method);
                    if (httpMethod == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String template = join(contextRoot, applicationPath, resource.value(), sub == null ? "" : sub.value());
                    for (String path : plain(template)) {
                        routes.add(new Route(httpMethod, path, type.getSimpleName() + "." + method.getName(), hasEntity(method), hostRequest));
                    }
                }
            }
        }
        return routes;
    }

    /** The application's own classes ({@code WEB-INF/classes}), loaded but not initialised. */
    static List<Class<?>> classesOf(java.nio.file.Path application) throws IOException {
        java.nio.file.Path classes = application.resolve("WEB-INF/classes");
        List<Class<?>> types = new ArrayList<>();
        // The application's own jars too (PrimeFaces for the console's pages), as its class loader sees them.
        List<URL> classPath = new ArrayList<>(List.of(classes.toUri().toURL()));
        java.nio.file.Path lib = application.resolve("WEB-INF/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<java.nio.file.Path> jars = Files.list(lib)) {
                for (java.nio.file.Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                    classPath.add(jar.toUri().toURL());
                }
            }
        }
        ClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), JaxRsRoutes.class.getClassLoader());
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    types.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("Cannot inspect " + name + " (missing on the test classpath?)", e);
                }
            }
        }
        return types;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A parameter without any annotation is the request entity. */
    private static boolean hasEntity(Method method) {
        return Stream.of(method.getParameters()).anyMatch((Parameter parameter) -> parameter.getAnnotations().length == 0);
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            String trimmed = part.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static List<String> plain(String template) {
        Matcher variable = VARIABLE.matcher(template);
        while (variable.find()) {
            if (variable.group(2) != null && LITERAL_CHOICE.matcher(variable.group(2)).matches()) {
                List<String> paths = new ArrayList<>();
                for (String literal : variable.group(2).split("\\|")) {
                    paths.addAll(plain(template.substring(0, variable.start()) + literal + template.substring(variable.end())));
                }
                return paths;
            }
        }
        return List.of(VARIABLE.matcher(template).replaceAll("{$1}"));
    }
}
