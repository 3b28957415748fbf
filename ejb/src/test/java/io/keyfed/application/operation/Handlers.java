package io.keyfed.application.operation;

import io.keyfed.application.Dispatchers;
import io.keyfed.application.OperationDispatcher;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.object.InMemoryManagedObjectRepository;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.crypto.MasterKeySealer;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every operation handler built as a plain object, wired as the container would wire it: to an
 * in-memory repository, a sealer under a fixed test master key, a configuration that names the
 * server, and a dispatcher over all of them (for Query).
 */
public final class Handlers {

  public static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  public static final String SERVER_NAME = "unit-test-server";
  public static final ClientIdentity ALICE = new ClientIdentity("alice", "CN=alice", "tls");
  public static final ClientIdentity BOB = new ClientIdentity("bob", "CN=bob", "tls");

  public final InMemoryManagedObjectRepository repository = new InMemoryManagedObjectRepository(Clock.fixed(NOW, ZoneOffset.UTC));
  public final MasterKeySealer sealer = MasterKeySealer.withKey(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
  public final KeyfedConfig config = new KeyfedConfig() {
    @Override
    public String serverName() {
      return SERVER_NAME;
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
  public final OperationDispatcher dispatcher;

  public Handlers() {
    create.repository = repository;
    create.sealer = sealer;
    register.repository = repository;
    register.sealer = sealer;
    get.repository = repository;
    get.sealer = sealer;
    getAttributes.repository = repository;
    getAttributeList.repository = repository;
    locate.repository = repository;
    activate.repository = repository;
    revoke.repository = repository;
    destroy.repository = repository;
    query.config = config;
    dispatcher = Dispatchers.of(all());
    query.dispatcher = dispatcher;
  }

  public List<OperationHandler> all() {
    return List.of(create, register, get, getAttributes, getAttributeList, locate, activate, revoke, destroy,
        discoverVersions, query);
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
