package io.keyfed.interfaces.rest;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every exception of the admin API becomes a problem body; internal detail only goes to the log. */
public final class ProblemMappers {

  private ProblemMappers() {}

  /** Errors the resources raise on purpose (400, 403, 404, 409 ...) keep their status and message. */
  @Provider
  public static class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r != null && Problem.MEDIA_TYPE.equals(String.valueOf(r.getMediaType()))) {
        return r;
      }
      Response.StatusType status = r != null ? r.getStatusInfo() : Response.Status.INTERNAL_SERVER_ERROR;
      return Problem.response(status, e.getMessage());
    }
  }

  /** A body that is not the JSON the endpoint expects. */
  @Provider
  public static class BadJson implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return Problem.response(400, "Bad Request", "the body is not valid JSON for this endpoint: " + rootMessage(e));
    }
  }

  @Provider
  public static class BadJsonP implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException e) {
      return Problem.response(400, "Bad Request", "the body is not valid JSON: " + rootMessage(e));
    }
  }

  @Provider
  public static class Processing implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      return Problem.response(400, "Bad Request", "the request could not be read: " + rootMessage(e));
    }
  }

  /** Anything else: 500 with an incident number, details in the log only. */
  @Provider
  public static class Unexpected implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
      if (e instanceof WebApplicationException w) {
        return new WebApplication().toResponse(w);
      }
      String incident = UUID.randomUUID().toString().substring(0, 8);
      LOG.log(Level.SEVERE, "admin API incident " + incident, e);
      return Problem.response(500, "Internal Server Error", "internal error, incident " + incident);
    }
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null ? c.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
  }
}
