package io.keyfed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.KmipService;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.crypto.engine.CryptographicParameters;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeInstance;
import io.keyfed.kmip.attribute.AttributeReferences;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.payload.AddAttributeRequest;
import io.keyfed.kmip.payload.AdjustAttributeRequest;
import io.keyfed.kmip.payload.AttributeChangeResponse;
import io.keyfed.kmip.payload.CreateKeyPairRequest;
import io.keyfed.kmip.payload.CreateKeyPairResponse;
import io.keyfed.kmip.payload.CreateRequest;
import io.keyfed.kmip.payload.DeleteAttributeRequest;
import io.keyfed.kmip.payload.CreateResponse;
import io.keyfed.kmip.payload.DecryptRequest;
import io.keyfed.kmip.payload.DecryptResponse;
import io.keyfed.kmip.payload.EncryptRequest;
import io.keyfed.kmip.payload.EncryptResponse;
import io.keyfed.kmip.payload.GetAttributesResponse;
import io.keyfed.kmip.payload.GetRequest;
import io.keyfed.kmip.payload.GetResponse;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.payload.LocateResponse;
import io.keyfed.kmip.payload.ModifyAttributeRequest;
import io.keyfed.kmip.payload.RegisterRequest;
import io.keyfed.kmip.payload.RegisterResponse;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.payload.SetAttributeRequest;
import io.keyfed.kmip.payload.UniqueIdentifierRequest;
import io.keyfed.kmip.payload.UniqueIdentifierResponse;
import io.keyfed.kmip.spec.AdjustmentType;
import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.CancellationResult;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.CryptographicUsageMask;
import io.keyfed.kmip.payload.SignRequest;
import io.keyfed.kmip.payload.SignResponse;
import io.keyfed.kmip.payload.SignatureVerifyRequest;
import io.keyfed.kmip.payload.SignatureVerifyResponse;
import io.keyfed.kmip.payload.StreamFields;
import io.keyfed.kmip.spec.BlockCipherMode;
import io.keyfed.kmip.spec.HashingAlgorithm;
import io.keyfed.kmip.spec.KeyFormatType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.LinkType;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectGroupMember;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.PaddingMethod;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.SecretDataType;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.StorageStatusMask;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.UsageLimitsUnit;
import io.keyfed.kmip.spec.ValidityIndicator;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The EJB module in a real container: Payara Micro (managed by Arquillian), its embedded H2 through
 * JPA, and the ActiveMQ resource adapter's embedded broker feeding the audit MDB.
 *
 * <p>One test class, one deployment: each deployment starts its own Payara Micro (about 20–25 s),
 * so the KMIP service tests (EJBs and JPA) and the audit tests (JMS and the MDB) share it. The
 * archive is laid out as the product's WAR is: the EJB module as built ({@code target/classes} or
 * the module's jar) in {@code WEB-INF/lib}, with Bouncy Castle beside it; only its
 * {@code microprofile-config.properties} is replaced, to put the data directory (database, master
 * key) in a fresh directory under {@code target/it} instead of {@code ~/.keyfed}, and its
 * {@code ejb-jar.xml} is also put in {@code WEB-INF}, the only place a WAR's descriptor is read
 * (as the web module does). The resource
 * adapter and the broker configuration come from the Payara Micro command line (see the failsafe
 * configuration in the module's pom).
 *
 * <p>Payara Micro inherits this JVM's environment, and environment variables outrank the
 * application's {@code microprofile-config.properties}, whatever its {@code config_ordinal}, for
 * the {@code ${MPCONFIG=...}} values of the data source. So the build removes the {@code KEYFED_*}
 * settings from the environment (failsafe's {@code excludedEnvironmentVariables}): a
 * {@code KEYFED_HOME} or {@code KEYFED_DB_URL} exported in the developer's shell would otherwise
 * send these tests to real data. {@link #deployment()} refuses to start if one still gets through.
 *
 * <p>Tests are independent: each uses its own client names, object names and groups.
 */
@ExtendWith(ArquillianExtension.class)
public class EjbModuleIT {

  /** Longest wait for an asynchronous result (an audit row, a dead-lettered message). */
  private static final Duration ASYNC_LIMIT = Duration.ofSeconds(30);

  /** A resource of the test archive that holds the data directory chosen for this run. */
  private static final String DATA_DIRECTORY_RESOURCE = "keyfed-it-home.txt";

  /** Settings that say where data lives; in the environment they would beat the test's configuration. */
  private static final List<String> DATA_SETTINGS = List.of(
      "KEYFED_HOME", "KEYFED_MASTER_KEY_FILE", "KEYFED_PKI_DIR", "KEYFED_ADMIN_USERS_FILE",
      "KEYFED_DB_CLASS", "KEYFED_DB_URL", "KEYFED_DB_USER", "KEYFED_DB_PASSWORD");

  @Deployment
  public static WebArchive deployment() throws IOException {
    for (String setting : DATA_SETTINGS) {
      if (System.getenv(setting) != null) {
        throw new IllegalStateException(setting + " is in the environment that Payara Micro would inherit; it"
            + " would override the test's data directory or database. Add it to failsafe's"
            + " excludedEnvironmentVariables in ejb/pom.xml (or unset it).");
      }
    }
    String home = dataDirectory().toString().replace("\\", "/");
    JavaArchive ejb = ejbModule(home);
    return ShrinkWrap.create(WebArchive.class, "keyfed-it.war")
        .addAsLibrary(ejb)
        // In a WAR only WEB-INF/ejb-jar.xml counts (the jar's own is ignored): the module's descriptor
        // goes there, without module-name, as web/src/main/webapp/WEB-INF/ejb-jar.xml does.
        .addAsWebInfResource(new StringAsset(read(ejb, "META-INF/ejb-jar.xml")
            .replaceAll("\\s*<module-name>[^<]*</module-name>", "")), "ejb-jar.xml")
        .addAsLibraries(codeSourceOf(BouncyCastleProvider.class), codeSourceOf(X509CertificateHolder.class),
            codeSourceOf(ContentInfo.class))
        .addClass(ItProbe.class)
        .addAsResource(new StringAsset(home), DATA_DIRECTORY_RESOURCE);
  }

  /** The module as built, with a test configuration in place of its own. */
  private static JavaArchive ejbModule(String home) throws IOException {
    File built = codeSourceOf(ManagedObject.class);
    JavaArchive ejb = ShrinkWrap.create(JavaArchive.class, "keyfed-ejb.jar");
    if (built.isDirectory()) {
      ejb.as(ExplodedImporter.class).importDirectory(built);
    } else {
      ejb.as(ZipImporter.class).importFrom(built);
    }
    String configPath = "META-INF/microprofile-config.properties";
    String config = read(ejb, configPath);
    String testConfig = config.replaceAll("(?m)^keyfed\\.home=.*$", "keyfed.home=" + home);
    if (testConfig.equals(config)) {
      throw new IllegalStateException(configPath + " no longer sets keyfed.home; the test would use ~/.keyfed");
    }
    ejb.delete(configPath);
    ejb.addAsManifestResource(new StringAsset(testConfig), "microprofile-config.properties");
    for (String descriptor : List.of("persistence.xml", "ejb-jar.xml", "beans.xml")) {
      if (!ejb.contains("META-INF/" + descriptor)) {
        throw new IllegalStateException("the built module lacks META-INF/" + descriptor);
      }
    }
    return ejb;
  }

  /** A fresh data directory for this run: under {@code keyfed.it.dir} (set by the build), else the temp dir. */
  private static Path dataDirectory() throws IOException {
    String base = System.getProperty("keyfed.it.dir");
    Path dir = base == null ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(base);
    Files.createDirectories(dir);
    return Files.createTempDirectory(dir.toAbsolutePath(), "keyfed-home-");
  }

  private static String read(Archive<?> archive, String path) throws IOException {
    try (InputStream in = archive.get(path).getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static File codeSourceOf(Class<?> c) {
    try {
      return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the container's beans -----------------------------------------------------------------

  @EJB
  KmipService kmip;

  @EJB
  ItProbe probe;

  @Inject
  @Any
  Instance<OperationHandler> handlers;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final ClientIdentity alice = new ClientIdentity("alice-" + run, "CN=alice-" + run, "test");
  private final ClientIdentity bob = new ClientIdentity("bob-" + run, "CN=bob-" + run, "test");

  @Inject
  KeyfedConfig config;

  // ---- the deployment itself -------------------------------------------------------------------

  @Test
  void runsOnItsOwnFreshDataDirectory() throws IOException {
    Path home;
    try (InputStream in = EjbModuleIT.class.getResourceAsStream("/" + DATA_DIRECTORY_RESOURCE)) {
      assertNotNull(in, DATA_DIRECTORY_RESOURCE + " is in the test archive");
      home = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertTrue(home.getFileName().toString().startsWith("keyfed-home-"), "a directory made for this run: " + home);
    assertEquals(home, config.home(), "keyfed.home, whatever the environment says");
    assertEquals(home.resolve("master.key"), config.masterKeyFile());
    String dbUrl = config.string("keyfed.db.url", "");
    assertTrue(dbUrl.startsWith("jdbc:h2:" + home + "/db/"), "the database is H2 in that directory: " + dbUrl);

    createAes(KmipVersion.V2_1, alice, 128, List.of());
    assertTrue(Files.isRegularFile(home.resolve("master.key")), "the master key was made there");
    assertTrue(Files.isRegularFile(home.resolve("db/keyfed.mv.db")), "the database is there");
  }

  // ---- EJBs and JPA: KMIP operations through KmipService --------------------------------------

  @Test
  void createAes256ThenGetReturnsTheKey() {
    String uid = createAes(KmipVersion.V2_1, alice, 256, List.of(name("create-get-" + run)));

    GetResponse got = GetResponse.decode(succeeded(call(KmipVersion.V2_1, alice, Operation.GET,
        new GetRequest(uid, null, null, null, null).encode())));
    assertEquals(uid, got.uniqueIdentifier());
    assertEquals(ObjectType.SYMMETRIC_KEY, got.objectType());
    Ttlv keyBlock = got.object().child(Tag.KEY_BLOCK);
    assertEquals(KeyFormatType.RAW.value(), keyBlock.child(Tag.KEY_FORMAT_TYPE).asInt());
    assertEquals(32, keyMaterial(got).length);
    assertEquals(CryptographicAlgorithm.AES.value(), keyBlock.child(Tag.CRYPTOGRAPHIC_ALGORITHM).asInt());
    assertEquals(256, keyBlock.child(Tag.CRYPTOGRAPHIC_LENGTH).asInt());

    // The same object through KMIP 1.4, asking for the Transparent Symmetric Key format.
    GetResponse transparent = GetResponse.decode(succeeded(call(KmipVersion.V1_4, alice, Operation.GET,
        new GetRequest(uid, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY, null, null, null).encode())));
    Ttlv material = transparent.object().child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL);
    assertArrayEquals(keyMaterial(got), material.child(Tag.KEY).asBytes());
  }

  @Test
  void keyMaterialIsEncryptedAtRest() {
    String uid = createAes(KmipVersion.V2_1, alice, 256, List.of());
    byte[] key = keyMaterial(GetResponse.decode(succeeded(call(KmipVersion.V2_1, alice, Operation.GET,
        new GetRequest(uid, null, null, null, null).encode()))));

    byte[] stored = probe.sealedObjectColumn(uid);
    assertNotNull(stored, "the row has sealed content");
    assertTrue(stored.length > key.length, "sealed content is longer than the key alone");
    assertEquals(-1, indexOf(stored, key), "the raw key bytes must not appear in SEALED_OBJECT");
    for (int i = 0; i + 8 <= key.length; i += 8) {
      byte[] part = Arrays.copyOfRange(key, i, i + 8);
      assertEquals(-1, indexOf(stored, part), "no 8-byte run of the key may appear in SEALED_OBJECT");
    }
  }

  @Test
  void getAttributesAllAndByName() {
    String objectName = "attrs-" + run;
    String uid = createAes(KmipVersion.V2_1, alice, 128, List.of(name(objectName)));

    for (KmipVersion v : List.of(KmipVersion.V2_1, KmipVersion.V1_4)) {
      Map<String, List<Ttlv>> all = attributesOf(v, alice, uid, List.of());
      assertEquals(uid, all.get("Unique Identifier").get(0).asText(), v.label());
      assertEquals(ObjectType.SYMMETRIC_KEY.value(), all.get("Object Type").get(0).asInt(), v.label());
      assertEquals(State.PRE_ACTIVE.value(), all.get("State").get(0).asInt(), v.label());
      assertEquals(CryptographicAlgorithm.AES.value(), all.get("Cryptographic Algorithm").get(0).asInt(), v.label());
      assertEquals(128, all.get("Cryptographic Length").get(0).asInt(), v.label());
      assertEquals(objectName, all.get("Name").get(0).child(Tag.NAME_VALUE).asText(), v.label());
      for (String set : List.of("Initial Date", "Last Change Date", "Digest")) {
        assertTrue(all.containsKey(set), v.label() + ": the server sets " + set + "; got " + all.keySet());
      }
      assertFalse(all.containsKey("Activation Date"), v.label() + ": not activated yet");

      GetAttributesResponse some = GetAttributesResponse.decode(succeeded(call(v, alice, Operation.GET_ATTRIBUTES,
          getAttributesRequest(v, uid, List.of("Cryptographic Length", "State")))));
      assertEquals(uid, some.uniqueIdentifier());
      assertEquals(List.of("Cryptographic Length", "State"), some.attributes().stream().map(Attribute::name).toList(),
          v.label() + ": exactly the attributes asked for, in that order");
      assertEquals(128, some.attributes().get(0).value().asInt());
    }
  }

  @Test
  void locateByNameByObjectTypeAndInPages() {
    String group = "group-" + run;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(createAes(KmipVersion.V2_1, alice, 256, List.of(name("locate-" + run + "-" + i), objectGroup(group))));
    }
    String secret = register(KmipVersion.V2_1, alice, secretData("s3cret".getBytes(StandardCharsets.UTF_8)),
        List.of(objectGroup(group)));

    // By Name: exactly that object.
    LocateResponse byName = locate(KmipVersion.V2_1, alice, List.of(name("locate-" + run + "-3")), null, null);
    assertEquals(List.of(keys.get(3)), byName.uniqueIdentifiers());
    assertNull(byName.locatedItems(), "Located Items comes with Offset Items, as in the OASIS test cases");
    List<String> newestFirst = new ArrayList<>(keys);
    java.util.Collections.reverse(newestFirst);

    // By Object Type (and group, so other tests' objects stay out).
    LocateResponse symmetric = locate(KmipVersion.V2_1, alice, List.of(objectType(ObjectType.SYMMETRIC_KEY), objectGroup(group)), null, null);
    assertEquals(newestFirst, symmetric.uniqueIdentifiers(), "the five keys, newest first (2.1 §6.1.28), not the Secret Data");
    LocateResponse secrets = locate(KmipVersion.V2_1, alice, List.of(objectType(ObjectType.SECRET_DATA), objectGroup(group)), null, null);
    assertEquals(List.of(secret), secrets.uniqueIdentifiers());

    // Pages of two through the five keys: Located Items is always the total.
    List<String> paged = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int offset = 0; offset < 6; offset += 2) {
      LocateResponse page = locate(KmipVersion.V2_1, alice, List.of(objectType(ObjectType.SYMMETRIC_KEY), objectGroup(group)), offset, 2);
      assertEquals(5, page.locatedItems(), "Located Items at offset " + offset);
      sizes.add(page.uniqueIdentifiers().size());
      paged.addAll(page.uniqueIdentifiers());
    }
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals(newestFirst, paged, "the pages together are the whole result, each key once, in order");

    // The same in KMIP 1.4 (Offset Items and Located Items exist since 1.3).
    LocateResponse v14 = locate(KmipVersion.V1_4, alice, List.of(objectGroup(group)), 4, 10);
    assertEquals(6, v14.locatedItems());
    assertEquals(List.of(keys.get(1), keys.get(0)), v14.uniqueIdentifiers(), "the Secret Data came last, so it is first");
  }

  @Test
  void lifecycleActivateRevokeDestroy() {
    String uid = createAes(KmipVersion.V2_1, alice, 256, List.of());
    Instant before = Instant.now().minusSeconds(1);

    assertEquals(uid, UniqueIdentifierResponse.decode(succeeded(call(KmipVersion.V2_1, alice, Operation.ACTIVATE,
        new UniqueIdentifierRequest(uid).encode()))).uniqueIdentifier());
    Map<String, List<Ttlv>> active = attributesOf(KmipVersion.V2_1, alice, uid, List.of("State", "Activation Date"));
    assertEquals(State.ACTIVE.value(), active.get("State").get(0).asInt());
    Instant activation = active.get("Activation Date").get(0).asInstant();
    assertFalse(activation.isBefore(before) || activation.isAfter(Instant.now().plusSeconds(1)),
        "Activation Date is the time of the request, got " + activation);

    // An Active object cannot be destroyed: 2.x says why, 1.x has only Permission Denied for it.
    assertFailure(call(KmipVersion.V2_1, alice, Operation.DESTROY, new UniqueIdentifierRequest(uid).encode()),
        ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    assertFailure(call(KmipVersion.V1_4, alice, Operation.DESTROY, new UniqueIdentifierRequest(uid).encode()),
        ResultReason.PERMISSION_DENIED);
    assertNotNull(probe.sealedObjectColumn(uid), "a refused Destroy leaves the key material");

    succeeded(call(KmipVersion.V2_1, alice, Operation.REVOKE,
        new RevokeRequest(uid, RevocationReasonCode.CESSATION_OF_OPERATION, "retired", null).encode()));
    Map<String, List<Ttlv>> revoked = attributesOf(KmipVersion.V2_1, alice, uid, List.of());
    assertEquals(State.DEACTIVATED.value(), revoked.get("State").get(0).asInt());
    assertTrue(revoked.containsKey("Deactivation Date"));
    assertEquals(RevocationReasonCode.CESSATION_OF_OPERATION.value(),
        revoked.get("Revocation Reason").get(0).child(Tag.REVOCATION_REASON_CODE).asInt());

    succeeded(call(KmipVersion.V2_1, alice, Operation.DESTROY, new UniqueIdentifierRequest(uid).encode()));
    assertNull(probe.sealedObjectColumn(uid), "Destroy erases the sealed key material from the row");
    assertTrue(probe.objectRowExists(uid), "Destroy keeps the metadata");
    assertEquals(State.DESTROYED.value(), attributesOf(KmipVersion.V2_1, alice, uid, List.of("State")).get("State").get(0).asInt());

    Ttlv get = new GetRequest(uid, null, null, null, null).encode();
    assertFailure(call(KmipVersion.V2_1, alice, Operation.GET, get), ResultReason.OBJECT_DESTROYED);
    assertFailure(call(KmipVersion.V1_4, alice, Operation.GET, get), ResultReason.ITEM_NOT_FOUND);
  }

  @Test
  void batchUsesTheIdPlaceholder() {
    ResponseMessage r = send(KmipVersion.V2_1, alice,
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of())),
        item(Operation.ACTIVATE, new UniqueIdentifierRequest(null).encode()));
    assertEquals(2, r.header().batchCount());
    assertEquals(2, r.batchItems().size());
    String created = CreateResponse.decode(succeeded(r.batchItems().get(0))).uniqueIdentifier();
    String activated = UniqueIdentifierResponse.decode(succeeded(r.batchItems().get(1))).uniqueIdentifier();
    assertEquals(created, activated, "Activate without a Unique Identifier acts on the object just created");
    assertEquals(State.ACTIVE.value(), attributesOf(KmipVersion.V2_1, alice, created, List.of("State")).get("State").get(0).asInt());

    // Without an earlier item to set it, there is no placeholder: the item fails, and by default the batch stops.
    ResponseMessage stopped = send(KmipVersion.V2_1, alice,
        item(Operation.ACTIVATE, new UniqueIdentifierRequest(null).encode()),
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of())));
    assertEquals(1, stopped.batchItems().size(), "Batch Error Continuation Option Stop is the default");
    assertFailure(stopped.batchItems().get(0), ResultReason.MISSING_DATA);
  }

  @Test
  void anotherClientCannotUseOrSeeTheObject() {
    String objectName = "private-" + run;
    String group = "private-group-" + run;
    String uid = createAes(KmipVersion.V2_1, alice, 256, List.of(name(objectName), objectGroup(group)));

    for (KmipVersion v : List.of(KmipVersion.V2_1, KmipVersion.V1_4)) {
      assertFailure(call(v, bob, Operation.GET, new GetRequest(uid, null, null, null, null).encode()), ResultReason.PERMISSION_DENIED);
      assertFailure(call(v, bob, Operation.GET_ATTRIBUTES, getAttributesRequest(v, uid, List.of())), ResultReason.PERMISSION_DENIED);
      assertFailure(call(v, bob, Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode()), ResultReason.PERMISSION_DENIED);
      assertFailure(call(v, bob, Operation.DESTROY, new UniqueIdentifierRequest(uid).encode()), ResultReason.PERMISSION_DENIED);
    }
    assertEquals(State.PRE_ACTIVE.value(), attributesOf(KmipVersion.V2_1, alice, uid, List.of("State")).get("State").get(0).asInt(),
        "bob's Activate did nothing");

    LocateResponse byName = locate(KmipVersion.V2_1, bob, List.of(name(objectName)), null, null);
    assertEquals(List.of(), byName.uniqueIdentifiers());
    assertEquals(0, locate(KmipVersion.V2_1, bob, List.of(name(objectName)), 0, null).locatedItems());
    assertFalse(locate(KmipVersion.V2_1, bob, List.of(), null, null).uniqueIdentifiers().contains(uid));
    assertEquals(List.of(uid), locate(KmipVersion.V2_1, alice, List.of(objectGroup(group)), null, null).uniqueIdentifiers(),
        "the owner still finds it");
  }

  // ---- attribute operations and Locate filters against the database --------------------------

  @Test
  void attributeOperationsKeepTheirIndicesInTheDatabase() {
    String n = "idx-" + run;
    String uid = createAes(KmipVersion.V1_4, alice, 128, List.of(name(n + "-0"), name(n + "-1"), name(n + "-2")));

    AttributeChangeResponse added = AttributeChangeResponse.decode(succeeded(call(KmipVersion.V1_4, alice, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, name(n + "-3"), null).encode(KmipVersion.V1_4))));
    assertEquals(3, added.attribute().index());
    AttributeChangeResponse deleted = AttributeChangeResponse.decode(succeeded(call(KmipVersion.V1_4, alice, Operation.DELETE_ATTRIBUTE,
        new DeleteAttributeRequest(uid, "Name", 1, null, false).encode(KmipVersion.V1_4))));
    assertEquals(n + "-1", deleted.attribute().attribute().value().child(Tag.NAME_VALUE).asText());
    succeeded(call(KmipVersion.V1_4, alice, Operation.MODIFY_ATTRIBUTE,
        new ModifyAttributeRequest(uid, null, name(n + "-2b"), 2, false).encode(KmipVersion.V1_4)));

    // Each call was its own transaction: the indices are the stored ones.
    assertEquals(List.of(0, 2, 3), probe.attributeIndices(uid, "Name"), "KF_ATTRIBUTE.ATTRIBUTE_INDEX");
    GetAttributesResponse names = GetAttributesResponse.decode(succeeded(call(KmipVersion.V1_4, alice, Operation.GET_ATTRIBUTES,
        getAttributesRequest(KmipVersion.V1_4, uid, List.of("Name")))));
    assertEquals(List.of(0, 2, 3), names.instances().stream().map(AttributeInstance::index).toList());
    assertEquals(n + "-2b", names.attributes().get(1).value().child(Tag.NAME_VALUE).asText());

    // 2.x forms: Set, Adjust, Delete by reference.
    succeeded(call(KmipVersion.V2_1, alice, Operation.SET_ATTRIBUTE,
        new SetAttributeRequest(uid, Attribute.of(Tag.DESCRIPTION, Ttlv.text(Tag.DESCRIPTION, "about " + n))).encode(KmipVersion.V2_1)));
    succeeded(call(KmipVersion.V2_1, alice, Operation.ADJUST_ATTRIBUTE,
        new AdjustAttributeRequest(uid, "x-uses", AdjustmentType.INCREMENT, Ttlv.integer(Tag.ADJUSTMENT_VALUE, 3)).encode(KmipVersion.V2_1)));
    Map<String, List<Ttlv>> after = attributesOf(KmipVersion.V2_1, alice, uid, List.of("Description", "x-uses", "Last Change Date", "Initial Date"));
    assertEquals("about " + n, after.get("Description").get(0).asText());
    assertEquals(3, after.get("x-uses").get(0).asInt());
    assertFalse(after.get("Last Change Date").get(0).asInstant().isBefore(after.get("Initial Date").get(0).asInstant()));
    succeeded(call(KmipVersion.V2_1, alice, Operation.DELETE_ATTRIBUTE,
        new DeleteAttributeRequest(uid, "Name", null, null, true).encode(KmipVersion.V2_1)));
    assertEquals(List.of(), probe.attributeIndices(uid, "Name"), "an Attribute Reference deletes every Name");

    // Refusals, each version with its own Result Reason.
    Attribute state = Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.COMPROMISED));
    assertFailure(call(KmipVersion.V2_1, alice, Operation.MODIFY_ATTRIBUTE,
        new ModifyAttributeRequest(uid, null, state, null, true).encode(KmipVersion.V2_1)), ResultReason.ATTRIBUTE_READ_ONLY);
    assertFailure(call(KmipVersion.V1_4, alice, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, state, null).encode(KmipVersion.V1_4)), ResultReason.PERMISSION_DENIED);
    assertFailure(call(KmipVersion.V2_1, alice, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, Attribute.of(Tag.DESCRIPTION, Ttlv.text(Tag.DESCRIPTION, "again")), null).encode(KmipVersion.V2_1)),
        ResultReason.ATTRIBUTE_SINGLE_VALUED);
    assertFailure(call(KmipVersion.V2_1, bob, Operation.ADD_ATTRIBUTE,
        new AddAttributeRequest(uid, name(n + "-bob"), null).encode(KmipVersion.V2_1)), ResultReason.PERMISSION_DENIED);
  }

  @Test
  void namesAreUniqueAmongAnOwnersLiveObjects() {
    String n = "unique-" + run;
    String first = createAes(KmipVersion.V2_1, alice, 128, List.of(name(n)));
    assertFailure(call(KmipVersion.V2_1, alice, Operation.CREATE, createRequest(KmipVersion.V2_1, 128, List.of(name(n)))),
        ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
    assertFailure(call(KmipVersion.V1_4, alice, Operation.CREATE, createRequest(KmipVersion.V1_4, 128, List.of(name(n)))),
        ResultReason.INVALID_FIELD);
    createAes(KmipVersion.V2_1, bob, 128, List.of(name(n)));
    succeeded(call(KmipVersion.V2_1, alice, Operation.DESTROY, new UniqueIdentifierRequest(first).encode()));
    createAes(KmipVersion.V2_1, alice, 128, List.of(name(n)));
  }

  @Test
  void locateFiltersInTheDatabase() {
    String p = "flt-" + run;
    String group = p + "-group";
    Instant now = Instant.now();
    Attribute link = Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK,
        Ttlv.enumeration(Tag.LINK_TYPE, LinkType.PUBLIC_KEY_LINK), Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, p + "-pub")));
    int encryptDecrypt = CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value();
    String k1 = createAes(KmipVersion.V2_1, alice, 128, List.of(name(p + "-alpha-1"), objectGroup(group), custom("x-team", "blue"),
        date(Tag.ACTIVATION_DATE, now.minusSeconds(100)),
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, encryptDecrypt))));
    String k2 = createAes(KmipVersion.V2_1, alice, 256, List.of(name(p + "-alpha-22"), objectGroup(group), custom("x-team", "red"),
        date(Tag.ACTIVATION_DATE, now.minusSeconds(50))));
    String k3 = createAes(KmipVersion.V2_1, alice, 256, List.of(name(p + "-beta"), objectGroup(group), link));
    String k4 = createAes(KmipVersion.V2_1, alice, 256, List.of(name(p + "-100%_x"), objectGroup(group)));
    String s1 = register(KmipVersion.V2_1, alice, secretData(new byte[] {1, 2, 3}), List.of(objectGroup(group)));

    // Wildcards: * and ? in SQL LIKE; % and _ stay literal.
    assertEquals(List.of(k2, k1), ids(KmipVersion.V2_1, alice, name(p + "-alpha-*")));
    assertEquals(List.of(k1), ids(KmipVersion.V1_4, alice, name(p + "-alpha-?")));
    assertEquals(List.of(k4), ids(KmipVersion.V2_1, alice, name(p + "-100%_x")));
    assertEquals(List.of(), ids(KmipVersion.V2_1, alice, name(p + "-%")), "% is no wildcard");
    assertEquals(List.of(k4, k3, k2, k1), ids(KmipVersion.V2_1, alice, name(p + "-*")));
    assertEquals(List.of(k1), ids(KmipVersion.V2_1, alice, custom("x-team", "bl*")), "a custom Text String");
    assertEquals(List.of(k2), ids(KmipVersion.V1_4, alice, custom("x-team", "red")));

    // Dates: one value is that date, two are a range.
    assertEquals(List.of(k1), ids(KmipVersion.V2_1, alice,
        date(Tag.ACTIVATION_DATE, now.minusSeconds(120)), date(Tag.ACTIVATION_DATE, now.minusSeconds(60))));
    assertEquals(List.of(k2, k1), ids(KmipVersion.V1_4, alice,
        date(Tag.ACTIVATION_DATE, now.minusSeconds(100)), date(Tag.ACTIVATION_DATE, now.minusSeconds(50))), "limits included");
    assertEquals(List.of(k2), ids(KmipVersion.V2_1, alice, date(Tag.ACTIVATION_DATE, now.minusSeconds(50))));

    // Numbers and enumerations in SQL, the usage mask and partial structures in memory.
    assertEquals(List.of(k4, k3, k2), ids(KmipVersion.V2_1, alice, objectGroup(group),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256))));
    assertEquals(List.of(k1), ids(KmipVersion.V2_1, alice, objectGroup(group),
        Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.DECRYPT.value()))));
    assertEquals(List.of(k3), ids(KmipVersion.V2_1, alice,
        Attribute.of(Tag.LINK, Ttlv.structure(Tag.LINK, Ttlv.text(Tag.LINKED_OBJECT_IDENTIFIER, p + "-pub")))));
    assertEquals(List.of(k2, k1), ids(KmipVersion.V2_1, alice, objectGroup(group),
        Attribute.of(Tag.STATE, Ttlv.enumeration(Tag.STATE, State.ACTIVE))), "activated by their dates");
    assertEquals(List.of(k1), ids(KmipVersion.V2_1, alice, Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, k1))));

    // Paging with Located Items, both when SQL pages and when memory does.
    LocateResponse sqlPage = locate(KmipVersion.V2_1, alice, List.of(objectGroup(group)), null, null, 1, 2);
    assertEquals(5, sqlPage.locatedItems());
    assertEquals(List.of(k4, k3), sqlPage.uniqueIdentifiers());
    LocateResponse memoryPage = locate(KmipVersion.V2_1, alice, List.of(name(p + "-alpha*")), null, null, 1, 5);
    assertEquals(2, memoryPage.locatedItems());
    assertEquals(List.of(k1), memoryPage.uniqueIdentifiers());

    // Storage Status Mask: destroyed objects only when asked for (2.x), never in 1.x.
    succeeded(call(KmipVersion.V2_1, alice, Operation.DESTROY, new UniqueIdentifierRequest(s1).encode()));
    assertEquals(List.of(k4, k3, k2, k1), ids(KmipVersion.V2_1, alice, objectGroup(group)));
    assertEquals(List.of(s1), locate(KmipVersion.V2_1, alice, List.of(objectGroup(group)), StorageStatusMask.DESTROYED_STORAGE.value(), null, null, null)
        .uniqueIdentifiers());
    assertEquals(5, locate(KmipVersion.V2_1, alice, List.of(objectGroup(group)), 7, null, 0, null).locatedItems());
    assertEquals(4, locate(KmipVersion.V1_4, alice, List.of(objectGroup(group)), 3, null, 0, null).locatedItems());

    // Never another owner's objects, whatever the filter.
    assertEquals(List.of(), ids(KmipVersion.V2_1, bob, name(p + "-*")));
    assertEquals(List.of(), ids(KmipVersion.V2_1, bob, Attribute.of(Tag.UNIQUE_IDENTIFIER, Ttlv.text(Tag.UNIQUE_IDENTIFIER, k1))));
  }

  @Test
  void locateAllAndGroupMemberFresh() {
    ClientIdentity carol = new ClientIdentity("carol-" + run, "CN=carol-" + run, "test");
    String group = "fresh-" + run;
    String f1 = createAes(KmipVersion.V1_4, carol, 128, List.of(objectGroup(group)));
    String f2 = createAes(KmipVersion.V1_4, carol, 128, List.of(objectGroup(group)));
    assertEquals(List.of(f2, f1), locate(KmipVersion.V1_4, carol, List.of(), null, null, null, null).uniqueIdentifiers(),
        "no attributes: every object of the client");

    // TC-152-11: Locate a fresh member, then Get it, in one batch.
    ResponseMessage r = send(KmipVersion.V1_4, carol,
        item(Operation.LOCATE, new LocateRequest(1, null, null, ObjectGroupMember.GROUP_MEMBER_FRESH, List.of(objectGroup(group))).encode(KmipVersion.V1_4)),
        item(Operation.GET, new GetRequest(null, null, null, null, null).encode()));
    assertEquals(List.of(f1), LocateResponse.decode(succeeded(r.batchItems().get(0))).uniqueIdentifiers(), "oldest fresh first");
    assertEquals(f1, GetResponse.decode(succeeded(r.batchItems().get(1))).uniqueIdentifier(), "the Get used the ID Placeholder");
    assertFalse(attributesOf(KmipVersion.V1_4, carol, f1, List.of("Fresh")).get("Fresh").get(0).asBoolean(), "served: no longer fresh");
    assertEquals(List.of(f2), locate(KmipVersion.V1_4, carol, List.of(objectGroup(group)), null, ObjectGroupMember.GROUP_MEMBER_FRESH, null, 1)
        .uniqueIdentifiers());
  }

  @Test
  void unknownOperationIsNotSupported() {
    int unknown = 0x000000AA;
    assertNull(Operation.fromValue(unknown), "precondition: 0xAA is no KMIP operation");
    ResponseBatchItem r = send(KmipVersion.V2_1, alice,
        new RequestBatchItem(unknown, new byte[] {7}, new UniqueIdentifierRequest("x").encode(), null)).batchItems().get(0);
    assertFailure(r, ResultReason.OPERATION_NOT_SUPPORTED);
    assertEquals(unknown, r.operation(), "the response echoes the operation");
    assertArrayEquals(new byte[] {7}, r.uniqueBatchItemId(), "and the Unique Batch Item ID");

    // A KMIP operation this server does not implement (Process, KMIP 2.1) is answered the same way.
    assertFailure(call(KmipVersion.V2_1, alice, Operation.PROCESS, new UniqueIdentifierRequest("x").encode()),
        ResultReason.OPERATION_NOT_SUPPORTED);
  }

  @Test
  void unsupportedProtocolVersionIsAnInvalidMessage() {
    RequestMessage request = new RequestMessage(RequestHeader.simple(new ProtocolVersion(9, 9), 1),
        List.of(item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of()))));
    ResponseMessage r = roundTrip(kmip.execute(request, alice));
    assertEquals(new ProtocolVersion(2, 1), r.header().protocolVersion(), "answered in the closest version spoken");
    assertFailure(r.batchItems().get(0), ResultReason.INVALID_MESSAGE);
    assertEquals(List.of(), locate(KmipVersion.V2_1, alice, List.of(), null, null).uniqueIdentifiers(),
        "nothing was created for this client");
  }

  @Test
  void kmipFailuresReachTheCallerAsApplicationExceptions() {
    // ejb-jar.xml declares KmipException an application exception: a handler's failure reaches the
    // caller as itself, not wrapped as a system exception (which would log a stack trace and
    // discard the bean for every refused request).
    OperationHandler get = handlers.stream().filter(h -> h.operation() == Operation.GET).findFirst().orElseThrow();
    RequestContext ctx = new RequestContext(alice, KmipVersion.V2_1, Instant.now());
    KmipException e = assertThrows(KmipException.class,
        () -> get.handle(new GetRequest("no-such-object-" + run, null, null, null, null).encode(), ctx));
    assertEquals(ResultReason.OBJECT_NOT_FOUND, e.resultReason());
  }

  // ---- cryptographic operations through the container ---------------------------------------

  @Test
  void createKeyPairActivateAndSignInOneBatchThenVerify() {
    KmipVersion v = KmipVersion.V1_2;
    Attribute sign = Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 1));
    Attribute verify = Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 2));
    Ttlv pkcs1Sha256 = CryptographicParameters.NONE.withPaddingMethod(PaddingMethod.PKCS1_V1_5)
        .withHashingAlgorithm(HashingAlgorithm.SHA_256).withCryptographicAlgorithm(CryptographicAlgorithm.RSA).encode();
    byte[] message = ("sign me " + run).getBytes(StandardCharsets.UTF_8);
    // The ID Placeholder is the Private Key's: Activate and Sign need no identifier.
    ResponseMessage r = send(v, alice,
        item(Operation.CREATE_KEY_PAIR, new CreateKeyPairRequest(
            List.of(Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)),
                Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 2048))),
            List.of(sign, name("pair-" + run)), List.of(verify)).encode(v)),
        item(Operation.ACTIVATE, new UniqueIdentifierRequest(null).encode()),
        item(Operation.SIGN, new SignRequest(null, pkcs1Sha256, message, null, null).encode()));
    CreateKeyPairResponse pair = CreateKeyPairResponse.decode(succeeded(r.batchItems().get(0)));
    assertEquals(pair.privateKeyUniqueIdentifier(),
        UniqueIdentifierResponse.decode(succeeded(r.batchItems().get(1))).uniqueIdentifier());
    SignResponse signed = SignResponse.decode(succeeded(r.batchItems().get(2)));
    assertEquals(pair.privateKeyUniqueIdentifier(), signed.uniqueIdentifier());
    assertEquals(256, signed.signatureData().length);

    Ttlv verifyRequest = new SignatureVerifyRequest(pair.publicKeyUniqueIdentifier(), pkcs1Sha256, message,
        null, signed.signatureData(), null).encode();
    // A Pre-Active public key verifies nothing.
    assertFailure(call(v, alice, Operation.SIGNATURE_VERIFY, verifyRequest), ResultReason.PERMISSION_DENIED);
    succeeded(call(v, alice, Operation.ACTIVATE, new UniqueIdentifierRequest(pair.publicKeyUniqueIdentifier()).encode()));
    assertEquals(ValidityIndicator.VALID, SignatureVerifyResponse.decode(succeeded(
        call(v, alice, Operation.SIGNATURE_VERIFY, verifyRequest))).validityIndicator());
    Map<String, List<Ttlv>> attributes = attributesOf(KmipVersion.V2_1, alice, pair.publicKeyUniqueIdentifier(), List.of("Link"));
    assertEquals(pair.privateKeyUniqueIdentifier(), attributes.get("Link").get(0).child(Tag.LINKED_OBJECT_IDENTIFIER).asText());
    assertFailure(call(v, bob, Operation.SIGN, new SignRequest(pair.privateKeyUniqueIdentifier(), pkcs1Sha256, message, null, null).encode()),
        ResultReason.PERMISSION_DENIED);
  }

  @Test
  void aStreamSpansRequestsAndUsageLimitsArePersisted() {
    KmipVersion v = KmipVersion.V1_4;
    Ttlv key = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
        Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
        Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, HexFormat.of().parseHex("0123456789abcdef0123456789abcdef"))),
        Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)));
    String uid = RegisterResponse.decode(succeeded(call(v, alice, Operation.REGISTER, new RegisterRequest(ObjectType.SYMMETRIC_KEY,
        List.of(Attribute.of(Tag.CRYPTOGRAPHIC_USAGE_MASK, Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 4 | 8)),
            Attribute.of(Tag.ACTIVATION_DATE, Ttlv.dateTime(Tag.ACTIVATION_DATE, Instant.now().minusSeconds(60))),
            Attribute.of(Tag.USAGE_LIMITS, Ttlv.structure(Tag.USAGE_LIMITS, Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 32),
                Ttlv.enumeration(Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.BYTE)))), key).encode(v)))).uniqueIdentifier();

    // TC-STREAM-ENCDEC-1-14's stream, one request (one transaction) per part.
    Ttlv cbc = CryptographicParameters.of(BlockCipherMode.CBC).withPaddingMethod(PaddingMethod.PKCS5).encode();
    byte[] iv = HexFormat.of().parseHex("01020304050607080910111213141516");
    EncryptResponse first = EncryptResponse.decode(succeeded(call(v, alice, Operation.ENCRYPT,
        new EncryptRequest(uid, cbc, HexFormat.of().parseHex("0102030405060708"), iv, StreamFields.init(), null).encode())));
    assertNull(first.data());
    EncryptResponse second = EncryptResponse.decode(succeeded(call(v, alice, Operation.ENCRYPT,
        new EncryptRequest(uid, null, HexFormat.of().parseHex("0910111213141516"), null,
            StreamFields.next(first.correlationValue()), null).encode())));
    assertArrayEquals(HexFormat.of().parseHex("79abc5c23868ad84d388ce61110a6274"), second.data());
    EncryptResponse last = EncryptResponse.decode(succeeded(call(v, alice, Operation.ENCRYPT,
        new EncryptRequest(uid, null, new byte[0], null, StreamFields.last(first.correlationValue()), null).encode())));
    assertEquals(16, last.data().length, "the padding block");

    // 16 of the 32 bytes are used; the count is in the database, so 17 more are refused.
    Ttlv limits = attributesOf(KmipVersion.V2_1, alice, uid, List.of("Usage Limits")).get("Usage Limits").get(0);
    assertEquals(16, limits.child(Tag.USAGE_LIMITS_COUNT).asLong());
    Ttlv ecb = CryptographicParameters.of(BlockCipherMode.ECB).encode();
    assertFailure(call(v, alice, Operation.ENCRYPT, new EncryptRequest(uid, ecb, new byte[17], null, null, null).encode()),
        ResultReason.PERMISSION_DENIED);
    assertEquals(16, attributesOf(KmipVersion.V2_1, alice, uid, List.of("Usage Limits")).get("Usage Limits").get(0)
        .child(Tag.USAGE_LIMITS_COUNT).asLong(), "a refused Encrypt takes nothing");
    DecryptResponse plain = DecryptResponse.decode(succeeded(call(v, alice, Operation.DECRYPT,
        new DecryptRequest(uid, cbc, concat(second.data(), last.data()), iv, null, null, null).encode())));
    assertArrayEquals(HexFormat.of().parseHex("01020304050607080910111213141516"), plain.data());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---- batches and asynchronous operations -----------------------------------------------------

  /**
   * Undo really rolls back the database. The batch of the OASIS case BL-M-2-21 (Activate, then
   * a failing item): the Activate is answered Operation Undone and the key is still Pre-Active. And
   * a Create undone leaves no row at all. The audit says the items were undone.
   */
  @Test
  void undoRollsBackTheDatabase() {
    String existing = createAes(KmipVersion.V2_1, alice, 128, List.of());
    ResponseMessage r = send(header(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, 2), alice,
        item(Operation.ACTIVATE, new UniqueIdentifierRequest(existing).encode()),
        item(Operation.GET, new GetRequest("missing-" + run, null, null, null, null).encode()));
    assertEquals(ResultStatus.OPERATION_UNDONE, r.batchItems().get(0).resultStatus());
    assertEquals(existing, UniqueIdentifierResponse.decode(r.batchItems().get(0).responsePayload()).uniqueIdentifier(),
        "an undone item keeps its payload (BL-M-2-21)");
    assertFailure(r.batchItems().get(1), ResultReason.OBJECT_NOT_FOUND);
    assertEquals(State.PRE_ACTIVE.value(), attributesOf(KmipVersion.V2_1, alice, existing, List.of("State")).get("State").get(0).asInt(),
        "the Activate was rolled back");

    String objectName = "undone-" + run;
    ResponseMessage created = send(header(KmipVersion.V1_4, null, BatchErrorContinuationOption.UNDO, null, 3), alice,
        item(Operation.CREATE, createRequest(KmipVersion.V1_4, 256, List.of(name(objectName)))),
        item(Operation.ACTIVATE, new UniqueIdentifierRequest(null).encode()),
        item(Operation.DESTROY, new UniqueIdentifierRequest("missing-" + run).encode()));
    assertEquals(List.of(ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED),
        created.batchItems().stream().map(ResponseBatchItem::resultStatus).toList());
    String uid = CreateResponse.decode(created.batchItems().get(0).responsePayload()).uniqueIdentifier();
    assertFalse(probe.objectRowExists(uid), "the created key's row was rolled back");
    assertEquals(List.of(), locate(KmipVersion.V2_1, alice, List.of(name(objectName)), null, null).uniqueIdentifiers());

    List<String> audited = await(() -> probe.auditOf(uid), l -> l.size() >= 2).stream()
        .map(e -> e.action() + "|" + e.result()).sorted().toList();
    assertEquals(List.of("Activate|Operation Undone", "Create|Operation Undone"), audited);
  }

  /** Stop and Continue keep a transaction per item: with Continue, the items around a failure stay. */
  @Test
  void continueKeepsEachItemsOwnTransaction() {
    String group = "continue-" + run;
    ResponseMessage r = send(header(KmipVersion.V2_1, null, BatchErrorContinuationOption.CONTINUE, null, 3), alice,
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 128, List.of(objectGroup(group)))),
        item(Operation.GET, new GetRequest("missing-" + run, null, null, null, null).encode()),
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 128, List.of(objectGroup(group)))));
    assertFailure(r.batchItems().get(1), ResultReason.OBJECT_NOT_FOUND);
    assertEquals(2, locate(KmipVersion.V2_1, alice, List.of(objectGroup(group)), null, null).uniqueIdentifiers().size());
  }

  /**
   * TC-3.2 (Asynchronous Locate) on the container's executor: a 1.x client allows an asynchronous
   * answer (the Boolean True), the Locate is pending, Poll returns it when done; the correlation
   * value is the asking client's alone.
   */
  @Test
  void anAsynchronousLocateIsPolledUntilDone() {
    String objectName = "async-" + run;
    String uid = createAes(KmipVersion.V1_4, alice, 128, List.of(name(objectName)));
    ResponseBatchItem pending = send(header(KmipVersion.V1_4, AsynchronousIndicator.OPTIONAL, null, null, 1), alice,
        item(Operation.LOCATE, new LocateRequest(null, null, null, null, List.of(name(objectName))).encode(KmipVersion.V1_4)))
        .batchItems().get(0);
    assertEquals(ResultStatus.OPERATION_PENDING, pending.resultStatus());
    assertEquals(Operation.LOCATE.value(), pending.operation());
    byte[] acv = pending.asynchronousCorrelationValue();
    assertNotNull(acv);

    ResponseBatchItem done = await(() -> poll(KmipVersion.V1_4, alice, acv), i -> i.resultStatus() != ResultStatus.OPERATION_PENDING);
    assertEquals(Operation.LOCATE.value(), done.operation());
    assertEquals(List.of(uid), LocateResponse.decode(succeeded(done)).uniqueIdentifiers());

    assertFailure(poll(KmipVersion.V1_4, bob, acv), ResultReason.ITEM_NOT_FOUND);
    assertFailure(poll(KmipVersion.V2_1, bob, acv), ResultReason.INVALID_ASYNCHRONOUS_CORRELATION_VALUE);
    assertEquals(CancellationResult.UNAVAILABLE, cancel(bob, acv));
    assertEquals(CancellationResult.COMPLETED, cancel(alice, acv), "collected already: it stands");
  }

  /**
   * Mandatory (2.x): every item pending, run in order in the background, each in its own
   * transaction: the Activate without identifier activates the key the Create made.
   */
  @Test
  void mandatoryItemsRunInOrderInTheBackground() {
    ResponseMessage r = send(header(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, 2), alice,
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of())),
        item(Operation.ACTIVATE, new UniqueIdentifierRequest(null).encode()));
    for (ResponseBatchItem i : r.batchItems()) {
      assertEquals(ResultStatus.OPERATION_PENDING, i.resultStatus());
    }
    byte[] create = r.batchItems().get(0).asynchronousCorrelationValue();
    byte[] activate = r.batchItems().get(1).asynchronousCorrelationValue();
    ResponseBatchItem activated = await(() -> poll(KmipVersion.V2_1, alice, activate), i -> i.resultStatus() != ResultStatus.OPERATION_PENDING);
    String uid = UniqueIdentifierResponse.decode(succeeded(activated)).uniqueIdentifier();
    assertEquals(uid, CreateResponse.decode(succeeded(poll(KmipVersion.V2_1, alice, create))).uniqueIdentifier());
    assertEquals(State.ACTIVE.value(), attributesOf(KmipVersion.V2_1, alice, uid, List.of("State")).get("State").get(0).asInt());
    assertEquals(CancellationResult.COMPLETED, cancel(alice, create));
  }

  /**
   * A Cancel sent right after the Create it cancels: whichever wins, the Cancellation Result tells
   * the truth — Canceled means no row, Completed means the key exists.
   */
  @Test
  void aCancellationResultTellsTheTruth() {
    String objectName = "cancel-" + run;
    byte[] acv = send(header(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, 1), alice,
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of(name(objectName))))).batchItems().get(0)
        .asynchronousCorrelationValue();
    CancellationResult result = cancel(alice, acv);
    ResponseBatchItem polled = await(() -> poll(KmipVersion.V2_1, alice, acv), i -> i.resultStatus() != ResultStatus.OPERATION_PENDING);
    List<String> found = locate(KmipVersion.V2_1, alice, List.of(name(objectName)), null, null).uniqueIdentifiers();
    if (result == CancellationResult.CANCELED) {
      assertFailure(polled, ResultReason.OPERATION_CANCELED_BY_REQUESTER);
      assertEquals(List.of(), found, "canceled: nothing was kept");
    } else {
      assertEquals(CancellationResult.COMPLETED, result);
      assertEquals(List.of(CreateResponse.decode(succeeded(polled)).uniqueIdentifier()), found);
    }
  }

  /**
   * MSGENC-HTTPS-M-1-21 step 0 and 1: Query Operations and Objects with a Maximum Response Size of
   * 256 is Response Too Large; with 2048 it is answered. And under Undo, a response too large undoes
   * the batch in the database.
   */
  @Test
  void maximumResponseSize() {
    Ttlv query = Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS),
        Ttlv.enumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OBJECTS));
    ResponseBatchItem tooLarge = send(header(KmipVersion.V2_1, null, null, 256, 1), alice, item(Operation.QUERY, query))
        .batchItems().get(0);
    assertFailure(tooLarge, ResultReason.RESPONSE_TOO_LARGE);
    assertEquals(Operation.QUERY.value(), tooLarge.operation());
    succeeded(send(header(KmipVersion.V2_1, null, null, 2048, 1), alice, item(Operation.QUERY, query)).batchItems().get(0));

    String objectName = "too-large-" + run;
    RequestBatchItem[] batch = {
        item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of(name(objectName)))),
        item(Operation.GET, new GetRequest(null, null, null, null, null).encode())};
    int full = TtlvWriter.encode(send(header(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, 2), alice, batch)
        .encode()).length;
    // The same batch again (another Name: Names are unique per owner), cut 8 bytes short.
    batch[0] = item(Operation.CREATE, createRequest(KmipVersion.V2_1, 256, List.of(name(objectName + "-cut"))));
    ResponseMessage cut = send(header(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, full - 8, 2), alice, batch);
    assertEquals(ResultStatus.OPERATION_UNDONE, cut.batchItems().get(0).resultStatus());
    assertFailure(cut.batchItems().get(1), ResultReason.RESPONSE_TOO_LARGE);
    String undone = CreateResponse.decode(cut.batchItems().get(0).responsePayload()).uniqueIdentifier();
    assertFalse(probe.objectRowExists(undone));
    assertEquals(List.of(), locate(KmipVersion.V2_1, alice, List.of(name(objectName + "-cut")), null, null).uniqueIdentifiers(),
        "the key of the cut batch was undone");
  }

  // ---- JMS and the MDB: the audit trail -------------------------------------------------------

  @Test
  void operationsAreAuditedThroughTheQueue() {
    String uid = createAes(KmipVersion.V2_1, alice, 256, List.of());
    succeeded(call(KmipVersion.V2_1, alice, Operation.ACTIVATE, new UniqueIdentifierRequest(uid).encode()));
    assertFailure(call(KmipVersion.V1_4, bob, Operation.GET, new GetRequest(uid, null, null, null, null).encode()),
        ResultReason.PERMISSION_DENIED);

    List<AuditEvent> stored = await(() -> probe.auditOf(uid), l -> l.size() >= 3);
    List<String> summary = stored.stream()
        .map(e -> e.actor() + "|" + e.channel() + "|" + e.action() + "|" + e.result() + "|" + e.reason())
        .sorted().toList();
    List<String> expected = new ArrayList<>(List.of(
        alice.name() + "|test|Create|Success|null",
        alice.name() + "|test|Activate|Success|null",
        bob.name() + "|test|Get|Operation Failed|Permission Denied"));
    expected.sort(null);
    assertEquals(expected, summary);
    for (AuditEvent e : stored) {
      assertEquals(uid, e.uniqueIdentifier());
      assertFalse(e.at().isAfter(Instant.now()));
    }
  }

  @Test
  void malformedAuditMessagesAreNotStoredAndTheConsumerCarriesOn() {
    String actor = "probe-" + run;
    // Not a MapMessage at all.
    probe.sendText("actor=" + actor + " action=Create result=Success", "text-" + run);
    // A batch MapMessage whose event lacks the actor.
    Map<String, Object> noActor = new LinkedHashMap<>();
    noActor.put("count", 1);
    noActor.put("at.0", Instant.now().toEpochMilli());
    noActor.put("action.0", "Create");
    noActor.put("uid.0", "no-actor-" + run);
    noActor.put("result.0", "Success");
    probe.sendMap(noActor, "map-" + run);

    // Both are refused (rethrown), redelivered, and end on the dead-letter queue rather than lost.
    assertTrue(await(() -> probe.deadLettered("text-" + run), Boolean::booleanValue), "the TextMessage is dead-lettered");
    assertTrue(await(() -> probe.deadLettered("map-" + run), Boolean::booleanValue), "the MapMessage without actor is dead-lettered");

    // The consumer still works: a well-formed event sent after them is stored, the others never were.
    Map<String, Object> good = new LinkedHashMap<>(noActor);
    good.put("actor.0", actor);
    good.put("channel.0", "test");
    good.put("uid.0", "good-" + run);
    probe.sendMap(good, "good-" + run);
    List<AuditEvent> stored = await(() -> probe.auditByActor(actor), l -> !l.isEmpty());
    assertEquals(1, stored.size(), "only the well-formed event: " + stored);
    assertEquals("good-" + run, stored.get(0).uniqueIdentifier());
    assertEquals(List.of(), probe.auditOf("no-actor-" + run));

    // And so does the whole path from a KMIP operation.
    String uid = createAes(KmipVersion.V2_1, alice, 128, List.of());
    assertEquals("Create", await(() -> probe.auditOf(uid), l -> !l.isEmpty()).get(0).action());
  }

  // ---- requests --------------------------------------------------------------------------------

  private String createAes(KmipVersion v, ClientIdentity client, int bits, List<Attribute> more) {
    CreateResponse r = CreateResponse.decode(succeeded(call(v, client, Operation.CREATE, createRequest(v, bits, more))));
    assertEquals(ObjectType.SYMMETRIC_KEY, r.objectType());
    return r.uniqueIdentifier();
  }

  private static Ttlv createRequest(KmipVersion v, int bits, List<Attribute> more) {
    List<Attribute> attributes = new ArrayList<>(List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits))));
    attributes.addAll(more);
    return new CreateRequest(ObjectType.SYMMETRIC_KEY, attributes).encode(v);
  }

  private String register(KmipVersion v, ClientIdentity client, Ttlv object, List<Attribute> attributes) {
    return RegisterResponse.decode(succeeded(call(v, client, Operation.REGISTER,
        new RegisterRequest(ObjectType.SECRET_DATA, attributes, object).encode(v)))).uniqueIdentifier();
  }

  private static Ttlv secretData(byte[] secret) {
    return Ttlv.structure(Tag.SECRET_DATA,
        Ttlv.enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
        Ttlv.structure(Tag.KEY_BLOCK,
            Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE),
            Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, secret))));
  }

  private LocateResponse locate(KmipVersion v, ClientIdentity client, List<Attribute> attributes, Integer offset, Integer max) {
    return LocateResponse.decode(succeeded(call(v, client, Operation.LOCATE,
        new LocateRequest(max, offset, null, null, attributes).encode(v))));
  }

  private LocateResponse locate(KmipVersion v, ClientIdentity client, List<Attribute> attributes, Integer mask,
      ObjectGroupMember member, Integer offset, Integer max) {
    return LocateResponse.decode(succeeded(call(v, client, Operation.LOCATE,
        new LocateRequest(max, offset, mask, member, attributes).encode(v))));
  }

  private List<String> ids(KmipVersion v, ClientIdentity client, Attribute... attributes) {
    return locate(v, client, List.of(attributes), null, null).uniqueIdentifiers();
  }

  private static Attribute custom(String name, String value) {
    return new Attribute(name, Ttlv.text(Tag.ATTRIBUTE_VALUE, value));
  }

  private static Attribute date(Tag tag, Instant t) {
    return Attribute.of(tag, Ttlv.dateTime(tag, t));
  }

  private static Ttlv getAttributesRequest(KmipVersion v, String uid, List<String> names) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
    c.addAll(AttributeReferences.encodeAll(names, v));
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  /** The object's attributes by name (all values of each), via Get Attributes. */
  private Map<String, List<Ttlv>> attributesOf(KmipVersion v, ClientIdentity client, String uid, List<String> names) {
    GetAttributesResponse r = GetAttributesResponse.decode(succeeded(call(v, client, Operation.GET_ATTRIBUTES,
        getAttributesRequest(v, uid, names))));
    assertEquals(uid, r.uniqueIdentifier());
    Map<String, List<Ttlv>> out = new LinkedHashMap<>();
    for (Attribute a : r.attributes()) {
      out.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a.value());
    }
    return out;
  }

  private static Attribute name(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME,
        Ttlv.text(Tag.NAME_VALUE, value), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  private static Attribute objectGroup(String group) {
    return Attribute.of(Tag.OBJECT_GROUP, Ttlv.text(Tag.OBJECT_GROUP, group));
  }

  private static Attribute objectType(ObjectType type) {
    return Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, type));
  }

  private static RequestBatchItem item(Operation op, Ttlv payload) {
    return new RequestBatchItem(op.value(), null, payload, null);
  }

  /** One batch item, sent on its own. */
  private ResponseBatchItem call(KmipVersion v, ClientIdentity client, Operation op, Ttlv payload) {
    ResponseMessage r = send(v, client, item(op, payload));
    assertEquals(1, r.batchItems().size());
    return r.batchItems().get(0);
  }

  private ResponseMessage send(KmipVersion v, ClientIdentity client, RequestBatchItem... items) {
    RequestMessage request = new RequestMessage(RequestHeader.simple(ProtocolVersion.of(v), items.length), List.of(items));
    ResponseMessage r = roundTrip(kmip.execute(roundTrip(request), client));
    assertEquals(ProtocolVersion.of(v), r.header().protocolVersion(), "answered in the request's version");
    return r;
  }

  private static RequestHeader header(KmipVersion v, AsynchronousIndicator async, BatchErrorContinuationOption onError,
      Integer maximumResponseSize, int batchCount) {
    return new RequestHeader(ProtocolVersion.of(v), maximumResponseSize, null, null, async, null, onError, null, null, batchCount);
  }

  private ResponseMessage send(RequestHeader header, ClientIdentity client, RequestBatchItem... items) {
    RequestMessage request = new RequestMessage(header, List.of(items));
    ResponseMessage r = roundTrip(kmip.execute(roundTrip(request), client));
    assertEquals(header.protocolVersion(), r.header().protocolVersion());
    return r;
  }

  private ResponseBatchItem poll(KmipVersion v, ClientIdentity client, byte[] acv) {
    return call(v, client, Operation.POLL, Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, acv)));
  }

  private CancellationResult cancel(ClientIdentity client, byte[] acv) {
    Ttlv p = succeeded(call(KmipVersion.V2_1, client, Operation.CANCEL,
        Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, acv))));
    assertArrayEquals(acv, p.child(Tag.ASYNCHRONOUS_CORRELATION_VALUE).asBytes());
    return CancellationResult.fromValue(p.child(Tag.CANCELLATION_RESULT).asInt());
  }

  /** Through the wire encoding and back, as a client would send and receive it. */
  private static RequestMessage roundTrip(RequestMessage m) {
    return RequestMessage.decode(reread(m.encode()));
  }

  private static ResponseMessage roundTrip(ResponseMessage m) {
    return ResponseMessage.decode(reread(m.encode()));
  }

  private static Ttlv reread(Ttlv t) {
    try {
      return new TtlvReader().read(TtlvWriter.encode(t));
    } catch (TtlvException e) {
      throw new AssertionError("the message does not survive its own encoding", e);
    }
  }

  // ---- checks ----------------------------------------------------------------------------------

  private static Ttlv succeeded(ResponseBatchItem r) {
    assertEquals(ResultStatus.SUCCESS, r.resultStatus(),
        () -> "expected Success, got " + r.resultStatus() + " / " + r.resultReason() + ": " + r.resultMessage());
    assertNotNull(r.responsePayload());
    return r.responsePayload();
  }

  private static void assertFailure(ResponseBatchItem r, ResultReason expected) {
    assertEquals(ResultStatus.OPERATION_FAILED, r.resultStatus(), () -> "expected a failure, got " + r.resultStatus());
    assertEquals(expected, r.resultReason(), () -> "Result Message: " + r.resultMessage());
    assertNull(r.responsePayload());
  }

  private static byte[] keyMaterial(GetResponse got) {
    return got.object().child(Tag.KEY_BLOCK).child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).asBytes();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Polls every 100 ms until {@code done} holds or {@link #ASYNC_LIMIT} has passed, and returns the
   * last value either way (the caller asserts on it).
   */
  private static <T> T await(Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + ASYNC_LIMIT.toNanos();
    T value = probe.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      value = probe.get();
    }
    return value;
  }
}
