package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditTrail;
import io.keyfed.application.identity.AccessAdmin;
import io.keyfed.domain.identity.AccessException;
import io.keyfed.domain.identity.KmipIdentity;
import io.keyfed.domain.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The KMIP client identities this server has seen (recorded on each one's first request) and
 * their roles. Reads need admin or auditor, changing roles needs admin and is audited.
 */
@Path("identities")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "identities", description = "KMIP client identities and their roles")
public class IdentityResource {

  @Inject
  AccessAdmin admin;

  @Inject
  AuditTrail audit;

  @Context
  SecurityContext security;

  @GET
  @Operation(summary = "The KMIP client identities seen, with roles and first and last seen times")
  public JsonArray identities() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder out = Json.createArrayBuilder();
    admin.identities().forEach(i -> out.add(identity(i)));
    return out.build();
  }

  @GET
  @Path("{name}")
  @Operation(summary = "One identity")
  public Response identity(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    return AccessProblems.run(audit, security, null, name, () -> Response.ok(identity(admin.identity(name))).build());
  }

  @PUT
  @Path("{name}/roles")
  @Operation(summary = "Replace an identity's roles: {\"roles\":[\"security-officer\"]} (client is always kept)")
  public Response setRoles(@PathParam("name") String name, JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    return AccessProblems.run(audit, security, "Set Roles", name, () -> Response.ok(identity(admin.setRoles(name, roles(body)))).build());
  }

  private static Set<Role> roles(JsonObject body) {
    JsonValue v = AccessProblems.body(body).get("roles");
    if (!(v instanceof JsonArray a)) {
      throw AccessException.invalid("field 'roles' must be an array of " + labels());
    }
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (JsonValue r : a) {
      Role role = r instanceof JsonString s ? Role.of(s.getString()) : null;
      if (role == null || !Role.assignable().contains(role)) {
        throw AccessException.invalid("field 'roles': " + r + " is not one of " + labels());
      }
      out.add(role);
    }
    return out;
  }

  private static String labels() {
    StringBuilder b = new StringBuilder();
    for (Role r : Role.assignable()) {
      b.append(b.length() == 0 ? "" : ", ").append(r.label());
    }
    return b.toString();
  }

  static JsonObject identity(KmipIdentity i) {
    JsonArrayBuilder roles = Json.createArrayBuilder();
    i.roles().forEach(r -> roles.add(r.label()));
    var o = Json.createObjectBuilder().add("name", i.name());
    if (i.subject() != null) {
      o.add("subject", i.subject());
    }
    return o.add("roles", roles).add("firstSeen", i.firstSeen().toString()).add("lastSeen", i.lastSeen().toString()).build();
  }
}
