package io.keyfed.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Resource(lookup = "java:app/jdbc/keyfed")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    try (Connection c = dataSource.getConnection()) {
      boolean ok = c.isValid(5);
      return HealthCheckResponse.named("database").status(ok).withData("product", c.getMetaData().getDatabaseProductName()).build();
    } catch (Exception e) {
      return HealthCheckResponse.named("database").down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
