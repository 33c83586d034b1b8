package cn.canbao.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema up to date before anything else touches the database. Flyway owns the schema;
 * every bean that reads or writes at start-up declares {@code @DependsOn("DatabaseMigration")}.
 * Bean-managed transactions: Flyway commits each migration itself. Flyway creates the {@code canbao} schema and
 * keeps its history table there.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {

    /** Canbao's own schema (see META-INF/orm.xml); the batch job repository's tables stay in the default schema. */
    public static final String SCHEMA = "canbao";

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/CanbaoDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Canbao schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now, database " + result.database + ")");
    }
}
