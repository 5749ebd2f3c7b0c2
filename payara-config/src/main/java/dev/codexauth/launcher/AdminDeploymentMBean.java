package dev.codexauth.launcher;

/** The management interface of {@link AdminDeployment}, as JMX names it. */
public interface AdminDeploymentMBean {

    /** Starts deploying the admin application unless that has already started; returns at once. */
    void request();
}
