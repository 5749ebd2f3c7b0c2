package dev.codexauth.system;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared servers and drops their databases when the test run ends. */
public class SystemTestSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RunningServer.stopShared();
        UnlimitedServer.stop();
    }
}
