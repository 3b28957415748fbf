package io.keyfed.interfaces.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin API: {@code https://host:8443/api/...}; roles admin and auditor. */
@ApplicationPath("api")
@DeclareRoles({Roles.ADMIN, Roles.AUDITOR})
public class AdminApplication extends Application {}
