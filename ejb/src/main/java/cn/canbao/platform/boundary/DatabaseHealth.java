package cn.canbao.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** Whether the application database answers, for the health endpoint and the operators. */
@Stateless
@PermitAll
public class DatabaseHealth {

    public record Status(boolean up, String database, String detail) {
    }

    @Resource(lookup = "java:jboss/datasources/CanbaoDS")
    DataSource dataSource;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Status check() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            return connection.isValid(2)
                    ? new Status(true, database, "database answers")
                    : new Status(false, database, "connection not valid");
        } catch (SQLException e) {
            return new Status(false, null, e.getMessage());
        }
    }
}
