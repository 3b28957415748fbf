package io.keyfed.infrastructure.jpa;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's data source, defined by annotation so the EAR and the WAR need no server-side
 * set-up. Payara resolves the {@code ${MPCONFIG=...}} values from MicroProfile Config at
 * deployment: embedded H2 under {@code $KEYFED_HOME/db} by default; PostgreSQL (or another
 * database) by setting {@code KEYFED_DB_CLASS}, {@code KEYFED_DB_URL}, {@code KEYFED_DB_USER} and
 * {@code KEYFED_DB_PASSWORD} — configuration, not a rebuild. The PostgreSQL driver ships in the
 * application.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/keyfed",
    className = "${MPCONFIG=keyfed.db.class}",
    url = "${MPCONFIG=keyfed.db.url}",
    user = "${MPCONFIG=keyfed.db.user}",
    password = "${MPCONFIG=keyfed.db.password}",
    minPoolSize = 2,
    maxPoolSize = 64,
    transactional = true)
@Singleton
public class KeyfedDataSource {}
