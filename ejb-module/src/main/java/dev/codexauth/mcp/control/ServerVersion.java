package dev.codexauth.mcp.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The server's own build version (the Maven version of this module), for {@code serverInfo.version}. */
public final class ServerVersion {

    private static final String VERSION = read();

    private ServerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ServerVersion.class.getResourceAsStream("/META-INF/maven/dev.codexauth/ejb-module/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
