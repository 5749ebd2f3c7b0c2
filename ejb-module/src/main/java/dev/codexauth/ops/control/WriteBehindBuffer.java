package dev.codexauth.ops.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * What every write-behind buffer shares ({@link WriteBehind}): requests fill it in memory, and a writer scheduled
 * when the buffer is created (at deployment, by {@link WriteBehindWriters}) writes what it holds every
 * {@link #interval()}, and once more when the application stops. The writer starts only once the schema is migrated.
 */
public abstract class WriteBehindBuffer {

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    protected DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    SchemaMigration schema;

    private ScheduledFuture<?> writer;

    /** Writes what the buffer holds; also called at deployment, at shutdown and by reads that must see it. */
    public abstract void flush();

    /** How long what a request leaves here may wait for the database. */
    protected Duration interval() {
        return WriteBehind.FLUSH_INTERVAL;
    }

    @PostConstruct
    void startWriter() {
        schema.state();
        long millis = interval().toMillis();
        writer = scheduler.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopWriter() {
        if (writer != null) {
            writer.cancel(false);
        }
        flush();
    }
}
