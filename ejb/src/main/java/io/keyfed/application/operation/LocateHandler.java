package io.keyfed.application.operation;

import io.keyfed.application.ObjectAccess;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.object.LocateCriteria;
import io.keyfed.domain.object.LocatePage;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import io.keyfed.kmip.attribute.Attribute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Locate (KMIP 1.4 §4.9, 2.1 §6.1.28): the caller's objects, and the objects granted to it for
 * Locate (one object, or an owner's objects in an Object Group), that match every attribute given (no
 * attributes: all of them), among the storage the Storage Status Mask selects (on-line by
 * default), honouring Object Group Member, newest first, paged by Offset Items and Maximum Items,
 * with Located Items (the total) when Offset Items is given. Matching rules, wildcards and order:
 * {@link LocateCriteria}, {@link io.keyfed.domain.object.AttributeFilter}. A single identifier
 * returned becomes the ID Placeholder; otherwise the placeholder is emptied. Result Reasons:
 * Invalid Field (negative paging values, an unknown attribute, a date given three times).
 */
@Stateless
@Local(OperationHandler.class)
public class LocateHandler implements OperationHandler {

  @Inject
  ManagedObjectRepository repository;

  /** The federation's view of what a peer may reach (absent outside the container). */
  @Inject
  ObjectAccess.PeerAccess peerAccess;

  @Override
  public Operation operation() {
    return Operation.LOCATE;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    LocateRequest req = LocateRequest.decode(requestPayload);
    if ((req.maximumItems() != null && req.maximumItems() < 0) || (req.offsetItems() != null && req.offsetItems() < 0)) {
      throw KmipException.invalidField("Maximum Items and Offset Items must not be negative");
    }
    LocatePage page;
    if (ObjectAccess.PEER.equals(ctx.client().channel())) {
      page = locateForPeer(req, ctx.client().name());
    } else {
      LocateCriteria criteria = LocateCriteria.of(ctx.client().name(), req.attributes(),
          req.storageStatusMask(), req.objectGroupMember(), req.offsetItems(), req.maximumItems());
      page = repository.locate(withLocateGrants(criteria, ctx));
    }
    // One object found: it becomes the ID Placeholder. Several or none "empty" it (KMIP 1.4 §4.9):
    // an empty identifier names no object, so the items batched after the Locate fail with Item Not
    // Found (as the KMIP 1.1 test case TC-152-11 expects) rather than act on an arbitrary object.
    ctx.setIdPlaceholder(page.uniqueIdentifiers().size() == 1 ? page.uniqueIdentifiers().get(0) : "");
    // Located Items only with Offset Items, as every OASIS test case of 1.3 to 2.1 has it.
    Integer located = req.offsetItems() != null ? page.locatedItems() : null;
    return new LocateResponse(located, page.uniqueIdentifiers()).encode(ctx.version());
  }

  /**
   * A federation peer's Locate: over the objects this server's rules send to it, whoever owns
   * them — what it may Get — so that a peer can enumerate and resynchronise what it should hold,
   * in pages (Offset Items, Maximum Items, Located Items), resuming on a new connection at the
   * offset it reached. One rule: the database pages it, newest first. Several: each rule's result
   * in turn, an object selected twice listed once, then paged. A new object comes first, so a
   * peer resuming may see an object twice but misses none that stayed.
   */
  private LocatePage locateForPeer(LocateRequest req, String peer) {
    List<List<Attribute>> scopes = peerAccess == null ? List.of() : peerAccess.locateScopes(peer);
    if (scopes.size() == 1) {
      return repository.locate(LocateCriteria.of(null, concat(req.attributes(), scopes.get(0)), req.storageStatusMask(),
          req.objectGroupMember(), req.offsetItems(), req.maximumItems()));
    }
    Set<String> all = new LinkedHashSet<>();
    for (List<Attribute> scope : scopes) {
      all.addAll(repository.locate(LocateCriteria.of(null, concat(req.attributes(), scope), req.storageStatusMask(),
          req.objectGroupMember(), 0, null)).uniqueIdentifiers());
    }
    List<String> ids = new ArrayList<>(all);
    int from = Math.min(ids.size(), req.offsetItems() == null ? 0 : req.offsetItems());
    int to = req.maximumItems() == null ? ids.size() : Math.min(ids.size(), from + req.maximumItems());
    return new LocatePage(ids.size(), List.copyOf(ids.subList(from, to)));
  }

  private static List<Attribute> concat(List<Attribute> a, List<Attribute> b) {
    List<Attribute> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The criteria widened by the caller's grants of Locate (a peer's Locate is {@link #locateForPeer}). */
  static LocateCriteria withLocateGrants(LocateCriteria c, RequestContext ctx) {
    if (ObjectAccess.PEER.equals(ctx.client().channel())) {
      return c;
    }
    Set<String> ids = new HashSet<>();
    Set<LocateCriteria.OwnedGroup> groups = new HashSet<>();
    for (AccessGrant g : ctx.grants()) {
      if (g.covers(Operation.LOCATE.specName())) {
        if (g.uniqueIdentifier() != null) {
          ids.add(g.uniqueIdentifier());
        } else {
          groups.add(new LocateCriteria.OwnedGroup(g.owner(), g.objectGroup()));
        }
      }
    }
    return ids.isEmpty() && groups.isEmpty() ? c : c.withGrants(ids, groups);
  }
}
