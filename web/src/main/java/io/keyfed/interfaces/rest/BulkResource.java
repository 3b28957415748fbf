package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditTrail;
import io.keyfed.application.bulk.BulkTransfer;
import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.bulk.BulkJob;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk export and import of objects (issue 7). An export writes this server's own objects —
 * every key wrapped under the key the administrator names, never in clear — to a file of KMIP
 * Import request payloads; an import reads such a file. Both run in the background: the answer
 * is 202 with the job, whose progress (objects done, total, rate, time left) {@code GET} shows.
 * Starting, downloading and deleting need the admin role; reading a job's progress admin or
 * auditor. Every start and delete is audited.
 */
@Path("bulk")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bulk", description = "Bulk export and import of objects, keys wrapped")
public class BulkResource {

  @Inject
  BulkTransfer bulk;

  @Inject
  AuditTrail audit;

  @Context
  SecurityContext security;

  @POST
  @Path("exports")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start an export: {\"wrappingKey\":\"<uid>\",\"objectGroup\":\"g\" (optional),\"owner\":\"alice\" (optional)}")
  public Response startExport(JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    if (body == null) {
      return Problem.response(400, "Bad Request", "a JSON object with wrappingKey is required");
    }
    String wrappingKey = null;
    try {
      wrappingKey = text(body, "wrappingKey");
      BulkJob j = bulk.startExport(Roles.who(security), wrappingKey, text(body, "objectGroup"), text(body, "owner"));
      audited("Bulk Export", "export " + j.id() + " wrapped under " + wrappingKey, "Success");
      return Response.accepted(json(j)).location(URI.create("/api/bulk/exports/" + j.id())).build();
    } catch (BulkTransfer.Refused | IllegalArgumentException e) {
      audited("Bulk Export", wrappingKey, "Refused");
      return Problem.response(400, "Bad Request", e.getMessage());
    }
  }

  @POST
  @Path("imports")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Operation(summary = "Start an import of an export file (the body); unwrappingKey, owner, replaceExisting as query parameters")
  public Response startImport(InputStream body, @QueryParam("unwrappingKey") String unwrappingKey,
      @QueryParam("owner") String owner, @QueryParam("replaceExisting") @DefaultValue("false") String replaceExisting)
      throws IOException {
    Roles.require(security, Roles.ADMIN);
    if (!"true".equals(replaceExisting) && !"false".equals(replaceExisting)) {
      return Problem.response(400, "Bad Request", "replaceExisting is true or false");
    }
    try {
      BulkJob j = bulk.startImport(Roles.who(security), body, blankToNull(unwrappingKey), blankToNull(owner),
          Boolean.parseBoolean(replaceExisting));
      audited("Bulk Import", "import " + j.id() + (unwrappingKey == null ? "" : " unwrapped with " + unwrappingKey), "Success");
      return Response.accepted(json(j)).location(URI.create("/api/bulk/imports/" + j.id())).build();
    } catch (BulkTransfer.Refused e) {
      audited("Bulk Import", unwrappingKey, "Refused");
      return Problem.response(e.getMessage().contains("larger than") ? 413 : 400,
          e.getMessage().contains("larger than") ? "Content Too Large" : "Bad Request", e.getMessage());
    }
  }

  @GET
  @Path("exports")
  @Operation(summary = "Export jobs, newest first")
  public JsonObject exports() {
    return list(BulkJob.Kind.EXPORT);
  }

  @GET
  @Path("imports")
  @Operation(summary = "Import jobs, newest first")
  public JsonObject imports() {
    return list(BulkJob.Kind.IMPORT);
  }

  @GET
  @Path("exports/{id}")
  @Operation(summary = "An export's progress")
  public Response export(@PathParam("id") String id) {
    return one(id, BulkJob.Kind.EXPORT);
  }

  @GET
  @Path("imports/{id}")
  @Operation(summary = "An import's progress")
  public Response importJob(@PathParam("id") String id) {
    return one(id, BulkJob.Kind.IMPORT);
  }

  @GET
  @Path("exports/{id}/file")
  @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
  @Operation(summary = "A complete export's file (KMIP Import request payloads, TTLV)")
  public Response file(@PathParam("id") String id) {
    Roles.require(security, Roles.ADMIN);
    BulkJob j = find(id, BulkJob.Kind.EXPORT);
    if (j == null) {
      return Problem.response(404, "Not Found", "no export " + id);
    }
    if (j.state() != BulkJob.JobState.COMPLETE) {
      return Problem.response(409, "Conflict", "export " + id + " is " + j.state().name().toLowerCase(Locale.ROOT)
          + "; its file is served once it is complete");
    }
    java.nio.file.Path f = bulk.file(j);
    if (!Files.isRegularFile(f)) {
      return Problem.response(410, "Gone", "the file of export " + id + " is no longer on this server");
    }
    audited("Bulk Export Download", "export " + id, "Success");
    StreamingOutput out = o -> Files.copy(f, o);
    return Response.ok(out, MediaType.APPLICATION_OCTET_STREAM)
        .header("Content-Disposition", "attachment; filename=\"keyfed-export-" + j.id() + ".ttlv\"")
        .header("Content-Length", j.position()).build();
  }

  @DELETE
  @Path("exports/{id}")
  @Operation(summary = "Delete a finished export and its file")
  public Response deleteExport(@PathParam("id") String id) throws IOException {
    return delete(id, BulkJob.Kind.EXPORT);
  }

  @DELETE
  @Path("imports/{id}")
  @Operation(summary = "Delete a finished import and its uploaded file")
  public Response deleteImport(@PathParam("id") String id) throws IOException {
    return delete(id, BulkJob.Kind.IMPORT);
  }

  private Response delete(String id, BulkJob.Kind kind) throws IOException {
    Roles.require(security, Roles.ADMIN);
    BulkJob j = find(id, kind);
    if (j == null) {
      return Problem.response(404, "Not Found", "no " + kind.name().toLowerCase(Locale.ROOT) + " " + id);
    }
    try {
      bulk.delete(j.id());
      audited("Bulk Job Delete", kind.name().toLowerCase(Locale.ROOT) + " " + id, "Success");
      return Response.noContent().build();
    } catch (IllegalStateException e) {
      return Problem.response(409, "Conflict", e.getMessage() + "; delete it once it has finished");
    }
  }

  private JsonObject list(BulkJob.Kind kind) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (BulkJob j : bulk.list(kind)) {
      a.add(json(j));
    }
    return Json.createObjectBuilder().add(kind == BulkJob.Kind.EXPORT ? "exports" : "imports", a).build();
  }

  private Response one(String id, BulkJob.Kind kind) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    BulkJob j = find(id, kind);
    if (j == null) {
      return Problem.response(404, "Not Found", "no " + kind.name().toLowerCase(Locale.ROOT) + " " + id);
    }
    return Response.ok(json(j)).build();
  }

  private BulkJob find(String id, BulkJob.Kind kind) {
    long n;
    try {
      n = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return null;
    }
    BulkJob j = bulk.job(n);
    return j == null || j.kind() != kind ? null : j;
  }

  /** A job as the API shows it. */
  static JsonObject json(BulkJob j) {
    Instant now = Instant.now();
    boolean export = j.kind() == BulkJob.Kind.EXPORT;
    JsonObjectBuilder o = Json.createObjectBuilder()
        .add("id", j.id())
        .add("kind", j.kind().name().toLowerCase(Locale.ROOT))
        .add("state", j.state().name().toLowerCase(Locale.ROOT))
        .add("requestedBy", j.requestedBy() == null ? "" : j.requestedBy());
    if (j.wrappingKey() != null) {
      o.add(export ? "wrappingKey" : "unwrappingKey", j.wrappingKey());
    }
    if (j.objectGroup() != null) {
      o.add("objectGroup", j.objectGroup());
    }
    if (j.owner() != null) {
      o.add("owner", j.owner());
    }
    if (!export) {
      o.add("replaceExisting", j.replaceExisting());
    }
    o.add(export ? "exported" : "imported", j.done())
        .add("skipped", j.skipped())
        .add("failed", j.failedCount());
    if (export) {
      o.add("total", j.total()).add("examined", j.examinedCount()).add("bytesWritten", j.position());
    } else {
      o.add("bytesRead", j.position()).add("bytesTotal", j.total());
    }
    JsonObjectBuilder reasons = Json.createObjectBuilder();
    for (Map.Entry<String, Long> e : j.skipsByReason().entrySet()) {
      reasons.add(e.getKey(), e.getValue());
    }
    o.add("skippedBecause", reasons);
    JsonArrayBuilder failures = Json.createArrayBuilder();
    j.failures().forEach(failures::add);
    o.add("failures", failures);
    o.add("progress", Math.round(j.fraction() * 1000) / 1000.0)
        .add("objectsPerSecond", Math.round(j.objectsPerSecond(now) * 10) / 10.0);
    Duration left = j.estimatedLeft(now);
    if (left != null) {
      o.add("estimatedSecondsLeft", left.toSeconds());
    }
    o.add("startedAt", j.startedAt().toString());
    if (j.finishedAt() != null) {
      o.add("finishedAt", j.finishedAt().toString());
    }
    if (j.error() != null) {
      o.add("error", j.error());
    }
    if (export && j.state() == BulkJob.JobState.COMPLETE) {
      o.add("file", "/api/bulk/exports/" + j.id() + "/file");
    }
    return o.build();
  }

  private static String text(JsonObject body, String name) {
    if (!body.containsKey(name) || body.isNull(name)) {
      return null;
    }
    if (!(body.get(name) instanceof JsonString s)) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return blankToNull(s.getString());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private void audited(String action, String subject, String result) {
    audit.record(new AuditEvent(Instant.now(), Roles.who(security), "admin", action, subject, result, null));
  }
}
