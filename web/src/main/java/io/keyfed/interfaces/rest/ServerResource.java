package io.keyfed.interfaces.rest;

import io.keyfed.application.operation.QueryHandler;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.interfaces.kmip.KmipTlsListener;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/server}: this server's name, version and KMIP listener. Admins and auditors. */
@Path("server")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerResource {

  @Inject
  KeyfedConfig config;

  @Inject
  KmipTlsListener listener;

  @Context
  SecurityContext security;

  @GET
  public JsonObject get() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    return Json.createObjectBuilder()
        .add("name", config.serverName())
        .add("product", QueryHandler.VENDOR)
        .add("version", QueryHandler.PRODUCT_VERSION)
        .add("kmipPort", listener.port())
        .add("kmipListening", listener.listening())
        .add("kmipConnections", listener.openConnections())
        .add("caller", Roles.who(security))
        .add("admin", security.isUserInRole(Roles.ADMIN))
        .build();
  }
}
