package io.keyfed.application;

import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a handler knows about the request it serves: who sent it, in which protocol version, the
 * time of the request (one instant for the whole batch, truncated to seconds as KMIP Date-Time
 * is), and the batch's ID Placeholder (KMIP 1.4 §4, "ID Placeholder"), which an operation that
 * creates or selects an object sets and a later batch item without a Unique Identifier uses.
 * It also carries the operation of the batch item being processed and the grants the caller holds
 * (read at most once per request, and only when a decision needs them), for {@link ObjectAccess}.
 */
public final class RequestContext {

  private final ClientIdentity client;
  private final KmipVersion version;
  private final Instant now;
  private String idPlaceholder;
  private Operation operation;
  private Supplier<List<AccessGrant>> grantSource = List::of;
  private List<AccessGrant> grants;

  public RequestContext(ClientIdentity client, KmipVersion version, Instant now) {
    this.client = client;
    this.version = version;
    this.now = now;
  }

  public ClientIdentity client() {
    return client;
  }

  public KmipVersion version() {
    return version;
  }

  public Instant now() {
    return now;
  }

  /** The operation of the batch item being processed (null outside a batch item). */
  public Operation operation() {
    return operation;
  }

  public void setOperation(Operation operation) {
    this.operation = operation;
  }

  /** Where the caller's grants come from (none by default). */
  public void setGrants(Supplier<List<AccessGrant>> source) {
    this.grantSource = source;
    this.grants = null;
  }

  /** The grants held by the caller, read on first use. */
  public List<AccessGrant> grants() {
    if (grants == null) {
      List<AccessGrant> g = grantSource.get();
      grants = g == null ? List.of() : List.copyOf(g);
    }
    return grants;
  }

  public String idPlaceholder() {
    return idPlaceholder;
  }

  public void setIdPlaceholder(String uid) {
    this.idPlaceholder = uid;
  }

  /** The request's Unique Identifier, or the ID Placeholder when the request has none. */
  public String resolve(String uniqueIdentifier) {
    if (uniqueIdentifier != null) {
      return uniqueIdentifier;
    }
    if (idPlaceholder == null) {
      throw KmipException.missingData("no Unique Identifier in the request and no ID Placeholder in this batch");
    }
    return idPlaceholder;
  }
}
