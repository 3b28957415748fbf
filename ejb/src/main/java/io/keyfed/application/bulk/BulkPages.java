package io.keyfed.application.bulk;

import io.keyfed.application.ObjectSealer;
import io.keyfed.application.federation.FederationEngine;
import io.keyfed.application.federation.Markers;
import io.keyfed.application.operation.RegisterHandler;
import io.keyfed.domain.bulk.BulkJob;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.crypto.engine.KeyWrapping;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.payload.ImportRequest;
import io.keyfed.kmip.payload.ManagedObjects;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.spec.KeyWrapType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.WrappingMethod;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One transaction of a bulk job: a page of objects written to an export file, or a page of an
 * import file's records stored. Each page moves the job's position on in the transaction that did
 * its work, so that a job resumes exactly where it stood.
 *
 * <p>Key material leaves only wrapped: every Key Block under the job's wrapping key (AES key wrap,
 * or RSA-OAEP under a public key), certificates as they are (public), and objects with no Key
 * Block to wrap (Opaque Object, PGP Key, Template) not at all — they are counted as skipped.
 */
@Stateless
public class BulkPages {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  @Inject
  CryptoEngine engine;

  @Inject
  FederationEngine federation;

  /** Types exported without wrapping: their content is public. */
  private static final Set<ObjectType> PUBLIC_CONTENT = Set.of(ObjectType.CERTIFICATE, ObjectType.CERTIFICATE_REQUEST);

  /**
   * Checks that {@code uid} may wrap (export) or unwrap (import) keys, and returns its content.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  Ttlv wrappingKey(String uid, boolean wrap, Instant now) {
    ManagedObject k = em.find(ManagedObject.class, uid);
    if (k == null) {
      throw new IllegalArgumentException("no object " + uid + " on this server to " + (wrap ? "wrap" : "unwrap") + " with");
    }
    em.detach(k); // its date-driven State is worked out here, not stored by this transaction
    k.advanceClock(now);
    Set<ObjectType> kinds = wrap ? Set.of(ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY)
        : Set.of(ObjectType.SYMMETRIC_KEY, ObjectType.PRIVATE_KEY);
    if (!kinds.contains(k.objectType())) {
      throw new IllegalArgumentException(uid + " is a " + k.objectType().specName() + "; keys are "
          + (wrap ? "wrapped under a Symmetric Key or a Public Key" : "unwrapped with a Symmetric Key or a Private Key"));
    }
    State s = k.state();
    boolean usable = s == State.ACTIVE || (!wrap && (s == State.DEACTIVATED || s == State.COMPROMISED));
    if (!usable) {
      throw new IllegalArgumentException(uid + " is " + s.specName() + (wrap ? "; only an Active key wraps" : "; it cannot unwrap"));
    }
    Ttlv mask = k.attribute(Tag.CRYPTOGRAPHIC_USAGE_MASK);
    int needed = wrap ? CryptographicUsageMask.WRAP_KEY.value()
        : CryptographicUsageMask.UNWRAP_KEY.value() | CryptographicUsageMask.WRAP_KEY.value();
    if (mask != null && (mask.asInt() & needed) == 0) {
      throw new IllegalArgumentException("the Cryptographic Usage Mask of " + uid + " does not allow "
          + (wrap ? "Wrap Key" : "Unwrap Key"));
    }
    Ttlv content = unsealed(k);
    if (KeyWrapping.isWrapped(content)) {
      throw new IllegalArgumentException(uid + " is stored wrapped under another key; use a key this server holds in full");
    }
    return content;
  }

  /** What makes {@code uid} unfit to wrap an export's keys, or null (the answer to the request that starts it). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public String wrappingKeyProblem(String uid) {
    try {
      wrappingKey(uid, true, Instant.now());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * The next identifiers an export examines: the owner's objects (or all), after {@code after},
   * in identifier order — the primary key's order, so a page costs the same at the end of 100,000
   * objects as at the start.
   */
  private List<String> nextIdentifiers(String owner, String after, int max) {
    TypedQuery<String> q = em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o WHERE 1 = 1"
        + (owner == null ? "" : " AND o.owner = :owner") + (after == null ? "" : " AND o.uniqueIdentifier > :after")
        + " ORDER BY o.uniqueIdentifier", String.class).setMaxResults(max);
    if (owner != null) {
      q.setParameter("owner", owner);
    }
    if (after != null) {
      q.setParameter("after", after);
    }
    return q.getResultList();
  }

  /** Whether the object has the Object Group value (any of its instances). */
  private static boolean inGroup(ManagedObject o, String group) {
    for (Attribute a : o.attributes("Object Group")) {
      if (group.equals(a.value().asText())) {
        return true;
      }
    }
    return false;
  }

  /** How many objects an export examines (in the caller's transaction). */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public long examinedCount(String owner) {
    TypedQuery<Long> q = em.createQuery("SELECT COUNT(o) FROM ManagedObject o" + (owner == null ? "" : " WHERE o.owner = :owner"),
        Long.class);
    if (owner != null) {
      q.setParameter("owner", owner);
    }
    return q.getSingleResult();
  }

  /**
   * Writes the next page of an export. The records are appended at the committed length (a longer
   * file is what a crash left: cut back) and forced to disk before the position moves on.
   *
   * @return whether there is more to export
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean exportPage(long jobId, Path file, int pageSize) throws IOException {
    BulkJob job = em.find(BulkJob.class, jobId);
    if (job == null || !job.running() || job.kind() != BulkJob.Kind.EXPORT) {
      return false;
    }
    Instant now = Instant.now();
    Ttlv kek;
    try {
      kek = wrappingKey(job.wrappingKey(), true, now);
    } catch (IllegalArgumentException e) {
      job.failed("the wrapping key can no longer be used: " + e.getMessage(), now);
      return false;
    }
    List<String> ids = nextIdentifiers(job.owner(), job.lastUniqueIdentifier(), pageSize);
    // The page's objects with their attributes in one statement; the Object Group is checked here,
    // in memory. (Asking the database which of them are in the group lets H2 choose the attribute
    // index on (name, value) and read the whole group for every page: quadratic at 100,000.)
    // A fetch join repeats the object once per attribute row: the identity set keeps one.
    Collection<ManagedObject> page = ids.isEmpty() ? List.of() : new LinkedHashSet<>(em.createQuery("SELECT o FROM ManagedObject o"
        + " LEFT JOIN FETCH o.storedAttributes WHERE o.uniqueIdentifier IN :ids ORDER BY o.uniqueIdentifier", ManagedObject.class)
        .setParameter("ids", ids).getResultList());
    if (job.objectGroup() != null) {
      page = page.stream().filter(o -> inGroup(o, job.objectGroup())).toList();
    }
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    int done = 0;
    for (ManagedObject o : page) {
      String skip = exportSkip(o, job);
      if (skip != null) {
        skipped.merge(skip, 1, Integer::sum);
        continue;
      }
      try {
        records.writeBytes(record(o, kek, job.wrappingKey()));
        done++;
      } catch (KmipException | IllegalArgumentException | IllegalStateException e) {
        failed.add(o.uniqueIdentifier() + ": " + e.getMessage());
      }
    }
    long length;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      out.truncate(job.position());
      ByteBuffer b = ByteBuffer.wrap(records.toByteArray());
      long at = job.position();
      while (b.hasRemaining()) {
        at += out.write(b, at);
      }
      out.force(true);
      length = at;
    }
    boolean more = ids.size() == pageSize;
    job.examined(ids.size());
    job.progressed(done, skipped, failed, ids.isEmpty() ? null : ids.get(ids.size() - 1), length);
    if (!more) {
      job.completed(Instant.now());
    }
    return more;
  }

  /** Why an object is left out of an export, or null when it goes. */
  private static String exportSkip(ManagedObject o, BulkJob job) {
    if (o.uniqueIdentifier().equals(job.wrappingKey())) {
      return "the wrapping key itself";
    }
    String master = Markers.masterOf(o);
    if (master != null) {
      return "a replica (its master " + master + " exports it)";
    }
    if (o.isDestroyed() || o.sealedObject() == null) {
      return "destroyed (no key material left)";
    }
    return switch (o.objectType()) {
      case SYMMETRIC_KEY, PUBLIC_KEY, PRIVATE_KEY, SPLIT_KEY, SECRET_DATA, CERTIFICATE, CERTIFICATE_REQUEST -> null;
      default -> o.objectType().specName() + " (no Key Block to wrap its content in)";
    };
  }

  /**
   * An object as an Import request payload: its Key Block wrapped under the export's key (Key Wrap
   * Type Not Wrapped: the importer unwraps), or as stored when it was registered wrapped (As
   * Registered); its attributes, the server-managed ones included; its owner as {@code x-keyfed-owner}.
   */
  private byte[] record(ManagedObject o, Ttlv kek, String kekId) {
    Ttlv object = unsealed(o);
    KeyWrapType wrapType = null;
    if (ManagedObjects.hasKeyBlock(object)) {
      if (KeyWrapping.isWrapped(object)) {
        wrapType = KeyWrapType.AS_REGISTERED;
      } else {
        Ttlv spec = Ttlv.structure(Tag.KEY_WRAPPING_SPECIFICATION,
            Ttlv.enumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT),
            Ttlv.structure(Tag.ENCRYPTION_KEY_INFORMATION, Ttlv.text(Tag.UNIQUE_IDENTIFIER, kekId)));
        object = engine.keyWrapping().wrap(object, spec, kek, null, List.of());
        wrapType = KeyWrapType.NOT_WRAPPED;
      }
    } else if (!PUBLIC_CONTENT.contains(o.objectType())) {
      throw new IllegalStateException(o.objectType().specName() + " content is never exported unwrapped");
    }
    List<Attribute> attributes = new ArrayList<>();
    for (Attribute a : o.attributes()) {
      if (!Markers.isMarker(a.name())) {
        attributes.add(a);
      }
    }
    if (o.owner() != null) {
      attributes.add(Markers.text(Markers.OWNER, o.owner()));
    }
    return TtlvWriter.encode(new ImportRequest(o.uniqueIdentifier(), o.objectType(), null, wrapType, attributes, object)
        .encode(KmipVersion.V2_1));
  }

  private Ttlv unsealed(ManagedObject o) {
    try {
      return new TtlvReader().read(sealer.unseal(o.uniqueIdentifier(), o.sealedObject()));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored object " + o.uniqueIdentifier() + " is corrupt", e);
    }
  }

  /**
   * Stores the next records of an import, up to {@code maxRecords}, with the new position, in one
   * transaction. A record that cannot be stored (undecodable, a key that does not unwrap, an
   * invalid object) is counted as failed, with its reason, and the others go on; a file whose
   * framing breaks (cut short, an impossible length) ends the job as failed at that record, with
   * every record before it stored.
   *
   * @param skipOne count the record at the position as failed with this reason instead (after its
   *     own transaction failed), or null
   * @return whether there is more to read
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean importPage(long jobId, Path file, int maxRecords, String skipOne) throws IOException {
    BulkJob job = em.find(BulkJob.class, jobId);
    if (job == null || !job.running() || job.kind() != BulkJob.Kind.IMPORT) {
      return false;
    }
    Instant now = Instant.now();
    Map<String, Ttlv> keys = new HashMap<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    long position = job.position();
    int done = 0;
    // The page's records first (framing only), then which of their objects are here already, in
    // two queries for the page rather than two a record.
    List<BulkFile.Record> records = new ArrayList<>();
    String unreadable = null;
    boolean end = false;
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (records.size() < maxRecords) {
        BulkFile.Record r;
        try {
          r = BulkFile.read(in, position);
        } catch (BulkFile.Unreadable e) {
          unreadable = e.getMessage();
          break;
        }
        if (r == null) {
          end = true;
          break;
        }
        records.add(r);
        position = r.end();
      }
    }
    if (skipOne != null && !records.isEmpty()) {
      failed.add("record at byte " + records.get(0).offset() + ": " + skipOne);
      records.clear();
    }
    List<ImportRequest> requests = new ArrayList<>();
    List<BulkFile.Record> decoded = new ArrayList<>();
    for (BulkFile.Record r : records) {
      try {
        requests.add(ImportRequest.decode(new TtlvReader().read(r.bytes())));
        decoded.add(r);
      } catch (TtlvException | KmipException | IllegalArgumentException | IllegalStateException e) {
        failed.add("record at byte " + r.offset() + ": " + e.getMessage());
      }
    }
    Set<String> here = new java.util.HashSet<>();
    Set<String> movedAway = new java.util.HashSet<>();
    if (!requests.isEmpty()) {
      List<String> uids = requests.stream().map(ImportRequest::uniqueIdentifier).toList();
      here.addAll(em.createQuery("SELECT o.uniqueIdentifier FROM ManagedObject o WHERE o.uniqueIdentifier IN :ids", String.class)
          .setParameter("ids", uids).getResultList());
      movedAway.addAll(em.createQuery("SELECT m.uniqueIdentifier FROM MovedObject m WHERE m.uniqueIdentifier IN :ids", String.class)
          .setParameter("ids", uids).getResultList());
    }
    for (int i = 0; i < requests.size(); i++) {
      ImportRequest req = requests.get(i);
      try {
        String skip = movedAway.contains(req.uniqueIdentifier()) ? "moved from here to another partition"
            : importRecord(req, here.contains(req.uniqueIdentifier()), job, keys, now);
        if (skip == null) {
          done++;
          here.add(req.uniqueIdentifier());
        } else {
          skipped.merge(skip, 1, Integer::sum);
        }
      } catch (KmipException | IllegalArgumentException | IllegalStateException e) {
        failed.add("record at byte " + decoded.get(i).offset() + ": " + e.getMessage());
      }
    }
    if (unreadable != null) {
      job.progressed(done, skipped, failed, null, position);
      job.failed(unreadable + "; the records before it are stored", now);
      federation.afterOperation(null, null);
      return false;
    }
    if (end) {
      federation.afterOperation(null, null);
      job.progressed(done, skipped, failed, null, position);
      job.completed(now);
      return false;
    }
    // Rules here see the imported objects as new objects of this server's (they may carry them on).
    federation.afterOperation(null, null);
    job.progressed(done, skipped, failed, null, position);
    return true;
  }

  /**
   * Stores one record; returns why it was skipped, or null when it was stored.
   *
   * @param exists whether an object of the record's identifier is here (read once for the page)
   */
  private String importRecord(ImportRequest req, boolean exists, BulkJob job, Map<String, Ttlv> keys, Instant now) {
    String uid = req.uniqueIdentifier();
    ObjectType type = req.objectType();
    if (uid.isEmpty() || uid.length() > 64) {
      throw KmipException.invalidField("a Unique Identifier of 1 to 64 characters is needed");
    }
    if (!RegisterHandler.registrable(type)) {
      throw KmipException.featureNotSupported(type.specName() + " objects are not imported");
    }
    String owner = job.owner();
    List<Attribute> attributes = new ArrayList<>();
    for (Attribute a : req.attributes()) {
      if (Markers.isMarker(a.name())) {
        // The federation's markers describe the object's place where it came from; here it is
        // this server's own object. The owner travels as one of them.
        if (a.name().equals(Markers.OWNER) && owner == null) {
          owner = a.value().asText();
        }
        continue;
      }
      if (a.is(Tag.UNIQUE_IDENTIFIER) && !uid.equals(a.value().asText())) {
        throw KmipException.invalidField(uid + ": the Unique Identifier attribute is not the record's");
      }
      if (a.is(Tag.OBJECT_TYPE) && a.value().asInt() != type.value()) {
        throw KmipException.invalidField(uid + ": the Object Type attribute is not the record's");
      }
      attributes.add(a);
    }
    if (owner == null) {
      owner = job.requestedBy();
    }
    ManagedObject existing = exists ? repository.find(uid) : null;
    if (existing != null) {
      String master = Markers.masterOf(existing);
      if (master != null) {
        return "a replica here (its master is another server)";
      }
      if (!job.replaceExisting()) {
        return "already here (replaceExisting is false)";
      }
      if (existing.objectType() != type) {
        throw KmipException.invalidField(uid + " is a " + existing.objectType().specName() + " here, not a " + type.specName());
      }
    }
    Ttlv object = req.object();
    if (req.keyWrapType() == KeyWrapType.NOT_WRAPPED && ManagedObjects.hasKeyBlock(object) && KeyWrapping.isWrapped(object)) {
      String kekId = job.wrappingKey() != null ? job.wrappingKey() : KeyWrapping.encryptionKeyIdentifier(object);
      if (kekId == null) {
        throw KmipException.invalidField(uid + ": the Key Wrapping Data names no key to unwrap with");
      }
      Ttlv kek = keys.get(kekId);
      if (kek == null) {
        kek = wrappingKey(kekId, false, now);
        keys.put(kekId, kek);
      }
      object = engine.keyWrapping().unwrap(object, kek, null);
    } else if (ManagedObjects.hasKeyBlock(object) && !KeyWrapping.isWrapped(object)) {
      // A bulk file never carries key material in clear; one that does was not written by an export.
      throw KmipException.invalidField(uid + ": the key material is not wrapped");
    }
    object = RegisterHandler.checked(type, object, attributes);
    ManagedObject imported = ManagedObject.imported(uid, type, owner, attributes,
        sealer.seal(uid, TtlvWriter.encode(object)), now);
    if (existing == null) {
      repository.add(imported);
    } else {
      existing.replaceWith(imported);
    }
    return null;
  }
}
