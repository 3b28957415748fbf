package io.keyfed.application.operation;

import io.keyfed.application.Dispatchers;
import io.keyfed.application.OperationDispatcher;
import io.keyfed.application.ObjectSealer;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.application.ResultReasons;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.object.InMemoryManagedObjectRepository;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.crypto.MasterKeySealer;
import io.keyfed.infrastructure.crypto.PkiCertificateIssuer;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.infrastructure.pki.ServerPki;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every operation handler built as a plain object, wired as the container would wire it: to an
 * in-memory repository, a sealer under a fixed test master key, a configuration that names the
 * server, one crypto engine, a certificate issuer over a test PKI (generated once per JVM), and a
 * dispatcher over all of them (for Query).
 */
public final class Handlers {

  /** One batch item's outcome: the response payload, or the Result Reason. */
  public record Outcome(Ttlv payload, ResultReason reason, String message) {
    public boolean succeeded() {
      return reason == null;
    }
  }

  private static ServerPki testPki;

  /** A PKI with a CA for Certify and Validate, made once per test JVM (RSA key generation is slow). */
  static synchronized ServerPki testPki() {
    if (testPki == null) {
      try {
        java.nio.file.Path dir = Files.createTempDirectory("keyfed-handlers-pki");
        dir.toFile().deleteOnExit();
        testPki = ServerPki.ensure(dir.resolve("pki"), "handlers.test.example", List.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return testPki;
  }

  public static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  public static final String SERVER_NAME = "unit-test-server";
  public static final ClientIdentity ALICE = new ClientIdentity("alice", "CN=alice", "tls");
  public static final ClientIdentity BOB = new ClientIdentity("bob", "CN=bob", "tls");

  public final InMemoryManagedObjectRepository repository = new InMemoryManagedObjectRepository(Clock.fixed(NOW, ZoneOffset.UTC));
  public final ObjectSealer sealer;
  public final KeyfedConfig config = new KeyfedConfig() {
    @Override
    public String serverName() {
      return SERVER_NAME;
    }

    @Override
    public java.util.List<String> federationRoles() {
      return java.util.List.of();
    }
  };

  public final CreateHandler create = new CreateHandler();
  public final RegisterHandler register = new RegisterHandler();
  public final GetHandler get = new GetHandler();
  public final GetAttributesHandler getAttributes = new GetAttributesHandler();
  public final GetAttributeListHandler getAttributeList = new GetAttributeListHandler();
  public final LocateHandler locate = new LocateHandler();
  public final ActivateHandler activate = new ActivateHandler();
  public final RevokeHandler revoke = new RevokeHandler();
  public final DestroyHandler destroy = new DestroyHandler();
  public final DiscoverVersionsHandler discoverVersions = new DiscoverVersionsHandler();
  public final QueryHandler query = new QueryHandler();
  public final ExportHandler export = new ExportHandler();
  public final ImportHandler importHandler = new ImportHandler();
  public final DeriveKeyHandler deriveKey = new DeriveKeyHandler();
  public final CreateSplitKeyHandler createSplitKey = new CreateSplitKeyHandler();
  public final JoinSplitKeyHandler joinSplitKey = new JoinSplitKeyHandler();
  public final ArchiveHandler archive = new ArchiveHandler();
  public final RecoverHandler recover = new RecoverHandler();
  public final CheckHandler check = new CheckHandler();
  public final ObtainLeaseHandler obtainLease = new ObtainLeaseHandler();
  public final GetUsageAllocationHandler getUsageAllocation = new GetUsageAllocationHandler();
  public final CertifyHandler certify = new CertifyHandler();
  public final ReCertifyHandler reCertify = new ReCertifyHandler();
  public final ValidateHandler validate = new ValidateHandler();
  public final LogHandler log = new LogHandler();
  public final Pkcs11Handler pkcs11 = new Pkcs11Handler();
  public final CryptoEngine engine = CryptoEngine.create();
  public final OperationDispatcher dispatcher;

  public Handlers() {
    this(MasterKeySealer.withKey(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
  }

  /** The handlers over another sealer (the at-rest cost benchmark compares with one that does not encrypt). */
  public Handlers(ObjectSealer sealer) {
    this.sealer = sealer;
    create.repository = repository;
    create.sealer = sealer;
    register.repository = repository;
    register.sealer = sealer;
    get.repository = repository;
    get.sealer = sealer;
    get.engine = engine;
    export.repository = repository;
    export.sealer = sealer;
    export.engine = engine;
    importHandler.repository = repository;
    importHandler.sealer = sealer;
    importHandler.engine = engine;
    deriveKey.repository = repository;
    deriveKey.sealer = sealer;
    deriveKey.engine = engine;
    createSplitKey.repository = repository;
    createSplitKey.sealer = sealer;
    createSplitKey.engine = engine;
    joinSplitKey.repository = repository;
    joinSplitKey.sealer = sealer;
    joinSplitKey.engine = engine;
    archive.repository = repository;
    recover.repository = repository;
    check.repository = repository;
    obtainLease.repository = repository;
    getUsageAllocation.repository = repository;
    certify.repository = repository;
    certify.sealer = sealer;
    certify.engine = engine;
    certify.issuer = new PkiCertificateIssuer(testPki());
    reCertify.repository = repository;
    reCertify.sealer = sealer;
    reCertify.engine = engine;
    reCertify.issuer = certify.issuer;
    validate.repository = repository;
    validate.sealer = sealer;
    validate.engine = engine;
    validate.issuer = certify.issuer;
    getAttributes.repository = repository;
    getAttributeList.repository = repository;
    locate.repository = repository;
    activate.repository = repository;
    revoke.repository = repository;
    destroy.repository = repository;
    pkcs11.contexts = new io.keyfed.application.Pkcs11Contexts();
    query.config = config;
    dispatcher = Dispatchers.of(all());
    query.dispatcher = dispatcher;
  }

  public List<OperationHandler> all() {
    return List.of(create, register, get, getAttributes, getAttributeList, locate, activate, revoke, destroy,
        discoverVersions, query, export, importHandler, deriveKey, createSplitKey, joinSplitKey, archive, recover,
        check, obtainLease, getUsageAllocation, certify, reCertify, validate, log, pkcs11);
  }

  boolean supports(Operation op) {
    return dispatcher.handlerFor(op) != null;
  }

  /** Runs one batch item as the batch loop does (the operation known to the context), minus transactions. */
  public Outcome run(Operation op, Ttlv payload, RequestContext ctx) {
    OperationHandler h = dispatcher.handlerFor(op);
    if (h == null) {
      throw new IllegalArgumentException("no handler for " + op);
    }
    if (op.since() != null && !ctx.version().atLeast(op.since())) {
      return new Outcome(null, ResultReason.OPERATION_NOT_SUPPORTED, op.specName() + " is not in " + ctx.version());
    }
    ctx.setOperation(op);
    try {
      return new Outcome(h.handle(payload, ctx), null, null);
    } catch (KmipException e) {
      return new Outcome(null, ResultReasons.forVersion(e.resultReason(), ctx.version()), e.getMessage());
    }
  }

  public static RequestContext context(KmipVersion v) {
    return new RequestContext(ALICE, v, NOW);
  }

  public static RequestContext context(ClientIdentity who, KmipVersion v) {
    return new RequestContext(who, v, NOW);
  }

  /** The content of a stored object, unsealed and decoded. */
  public Ttlv storedObject(String uid) {
    try {
      return new TtlvReader().read(sealer.unseal(uid, repository.find(uid).sealedObject()));
    } catch (TtlvException e) {
      throw new AssertionError(e);
    }
  }
}
