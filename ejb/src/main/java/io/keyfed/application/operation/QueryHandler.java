package io.keyfed.application.operation;

import io.keyfed.application.OperationDispatcher;
import io.keyfed.application.OperationHandler;
import io.keyfed.application.RequestContext;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.payload.QueryRequest;
import io.keyfed.kmip.spec.ClientRegistrationMethod;
import io.keyfed.kmip.spec.DestroyAction;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ProfileName;
import io.keyfed.kmip.spec.ProtectionStorageMask;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.RNGAlgorithm;
import io.keyfed.kmip.spec.RNGMode;
import io.keyfed.kmip.spec.ShreddingAlgorithm;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.spec.UnwrapMode;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query (KMIP 1.4 §4.25, 2.1 §6.1.39): what is true of this server, in the request's version
 * only (never an operation, object type, tag or enumeration value the version does not define).
 * The answer lists its parts in the specification's field order, whatever the order of the Query
 * Functions asked.
 *
 * <ul>
 *   <li>Operations: those with a handler here, defined in the version.
 *   <li>Objects: the object types Register stores, defined in the version.
 *   <li>Server Information: Vendor Identification and a Server Information structure. In 2.x it
 *       has the specification's fields (Server Name, Server Version, Product Name); 1.x left its
 *       contents to the vendor, so there the same facts travel under Keyfed's vendor-extension
 *       tags 0x540001 (server name) and 0x540002 (product version), listed by Query Extension
 *       List/Map.
 *   <li>Application Namespaces, Attestation Types, Validations: none (no namespaces, no
 *       attestation, no FIPS 140 or Common Criteria validation); nothing is returned.
 *   <li>Extension List/Map (1.1+): the two vendor tags above, in 1.x only (2.x uses none).
 *   <li>RNGs (1.3+): one RNG Parameters, RNG Algorithm Unspecified (the platform's default
 *       SecureRandom, whose algorithm depends on the JVM).
 *   <li>Profiles (1.3+): the server profiles whose operations all have handlers here, for every
 *       KMIP version up to the request's (1.x names carry their version; 2.x names carry a
 *       Profile Version), plus HTTPS Server (the {@code /kmip} endpoint).
 *   <li>Capabilities (1.3+): streaming when Encrypt is handled (the engine streams), no
 *       asynchronous operations, no attestation, Batch Continue but not Batch Undo (1.4+), Unwrap
 *       Mode Not Processed (a wrapped key is stored as registered and unwrapped on use), Destroy
 *       Action Key Material Deleted, Shredding Algorithm Unspecified, RNG Mode Shared
 *       Instantiation, no quantum-safe algorithms (2.0+).
 *   <li>Client Registration Methods (1.3+): Server Pre-Generated (the first client certificate),
 *       Server On Demand (certificates issued through the admin API), Client Generated
 *       (certificates from the operator's extra client CAs).
 *   <li>Defaults Information (2.0+): none; Create needs its algorithm and length.
 *   <li>Storage Protection Masks (2.0+): Software (sealed under the master key in the database).
 * </ul>
 */
@Stateless
@Local(OperationHandler.class)
public class QueryHandler implements OperationHandler {

  public static final String VENDOR = "Keyfed";
  public static final String PRODUCT_VERSION = "0.1.0";
  static final int VENDOR_TAG_SERVER_NAME = 0x540001;
  static final int VENDOR_TAG_PRODUCT_VERSION = 0x540002;
  static final int VENDOR_TAG_FEDERATION_ROLES = 0x540003;

  static final Set<ObjectType> STORED_TYPES = RegisterHandler.REGISTRABLE;

  /**
   * The server profiles (KMIP Profiles 1.x/2.x) and the operations each needs from a server; a
   * profile is claimed when all have handlers. The stem is the profile's name without its KMIP
   * version, as the generated {@link ProfileName} constants spell it.
   */
  enum ServerProfile {
    BASELINE_SERVER_BASIC("BASELINE_SERVER_BASIC", "BASELINE_SERVER", EnumSet.of(Operation.CREATE, Operation.REGISTER,
        Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES, Operation.GET_ATTRIBUTE_LIST, Operation.ADD_ATTRIBUTE,
        Operation.MODIFY_ATTRIBUTE, Operation.DELETE_ATTRIBUTE, Operation.ACTIVATE, Operation.REVOKE, Operation.DESTROY,
        Operation.CHECK, Operation.QUERY, Operation.DISCOVER_VERSIONS)),
    BASELINE_SERVER_TLS("BASELINE_SERVER_TLS_V1_2", null, BASELINE_SERVER_BASIC.operations),
    SYMMETRIC_KEY_LIFECYCLE_SERVER("SYMMETRIC_KEY_LIFECYCLE_SERVER", "SYMMETRIC_KEY_LIFECYCLE_SERVER",
        EnumSet.of(Operation.CREATE, Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES, Operation.ACTIVATE,
            Operation.REVOKE, Operation.DESTROY)),
    ASYMMETRIC_KEY_LIFECYCLE_SERVER("ASYMMETRIC_KEY_LIFECYCLE_SERVER", "ASYMMETRIC_KEY_LIFECYCLE_SERVER",
        EnumSet.of(Operation.CREATE_KEY_PAIR, Operation.REGISTER, Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES,
            Operation.ACTIVATE, Operation.REVOKE, Operation.DESTROY)),
    BASIC_CRYPTOGRAPHIC_SERVER("BASIC_CRYPTOGRAPHIC_SERVER", "BASIC_CRYPTOGRAPHIC_SERVER",
        EnumSet.of(Operation.ENCRYPT, Operation.DECRYPT)),
    ADVANCED_CRYPTOGRAPHIC_SERVER("ADVANCED_CRYPTOGRAPHIC_SERVER", "ADVANCED_CRYPTOGRAPHIC_SERVER",
        EnumSet.of(Operation.ENCRYPT, Operation.DECRYPT, Operation.SIGN, Operation.SIGNATURE_VERIFY, Operation.MAC,
            Operation.MAC_VERIFY, Operation.HASH)),
    RNG_CRYPTOGRAPHIC_SERVER("RNG_CRYPTOGRAPHIC_SERVER", "RNG_CRYPTOGRAPHIC_SERVER",
        EnumSet.of(Operation.RNG_RETRIEVE, Operation.RNG_SEED)),
    SYMMETRIC_KEY_FOUNDRY_SERVER("SYMMETRIC_KEY_FOUNDRY_SERVER", "SYMMETRIC_KEY_FOUNDRY_SERVER",
        EnumSet.of(Operation.CREATE, Operation.REGISTER, Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES,
            Operation.DESTROY)),
    OPAQUE_MANAGED_OBJECT_STORE_SERVER("OPAQUE_MANAGED_OBJECT_STORE_SERVER", "OPAQUE_MANAGED_OBJECT_STORE_SERVER",
        EnumSet.of(Operation.REGISTER, Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES, Operation.DESTROY)),
    TAPE_LIBRARY_SERVER("TAPE_LIBRARY_SERVER", "TAPE_LIBRARY_SERVER", EnumSet.of(Operation.CREATE, Operation.REGISTER,
        Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES, Operation.GET_ATTRIBUTE_LIST, Operation.ADD_ATTRIBUTE,
        Operation.MODIFY_ATTRIBUTE, Operation.ACTIVATE, Operation.REVOKE, Operation.DESTROY)),
    STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER("STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER",
        "STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER", EnumSet.of(Operation.REGISTER, Operation.LOCATE, Operation.GET,
            Operation.GET_ATTRIBUTES, Operation.ADD_ATTRIBUTE, Operation.MODIFY_ATTRIBUTE, Operation.DESTROY)),
    HTTPS_SERVER("HTTPS_SERVER", "HTTPS_SERVER", EnumSet.of(Operation.QUERY));

    final String v1Stem;
    final String v2Name;
    final Set<Operation> operations;

    ServerProfile(String v1Stem, String v2Name, Set<Operation> operations) {
      this.v1Stem = v1Stem;
      this.v2Name = v2Name;
      this.operations = operations;
    }
  }

  @Inject
  OperationDispatcher dispatcher;

  @Inject
  KeyfedConfig config;

  @Override
  public Operation operation() {
    return Operation.QUERY;
  }

  @Override
  public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
    QueryRequest req = QueryRequest.decode(requestPayload);
    KmipVersion v = ctx.version();
    Set<QueryFunction> asked = EnumSet.noneOf(QueryFunction.class);
    for (QueryFunction f : req.queryFunctions()) {
      if (f != null && f.definedIn(v)) {
        asked.add(f);
      }
    }
    List<Ttlv> out = new ArrayList<>();
    if (asked.contains(QueryFunction.QUERY_OPERATIONS)) {
      for (Operation op : new TreeSet<>(dispatcher.supportedOperations())) {
        if (op.definedIn(v)) {
          out.add(Ttlv.enumeration(Tag.OPERATION, op));
        }
      }
    }
    if (asked.contains(QueryFunction.QUERY_OBJECTS)) {
      for (ObjectType t : new TreeSet<>(STORED_TYPES)) {
        if (t.definedIn(v)) {
          out.add(Ttlv.enumeration(Tag.OBJECT_TYPE, t));
        }
      }
    }
    if (asked.contains(QueryFunction.QUERY_SERVER_INFORMATION)) {
      out.add(Ttlv.text(Tag.VENDOR_IDENTIFICATION, VENDOR));
      out.add(serverInformation(v));
    }
    if ((asked.contains(QueryFunction.QUERY_EXTENSION_LIST) || asked.contains(QueryFunction.QUERY_EXTENSION_MAP))
        && !v.atLeast(KmipVersion.V2_0)) {
      boolean map = asked.contains(QueryFunction.QUERY_EXTENSION_MAP);
      out.add(extension("Keyfed Server Name", VENDOR_TAG_SERVER_NAME, map));
      out.add(extension("Keyfed Product Version", VENDOR_TAG_PRODUCT_VERSION, map));
      out.add(extension("Keyfed Federation Roles", VENDOR_TAG_FEDERATION_ROLES, map));
    }
    if (asked.contains(QueryFunction.QUERY_RNGS)) {
      out.add(Ttlv.structure(Tag.RNG_PARAMETERS, Ttlv.enumeration(Tag.RNG_ALGORITHM, RNGAlgorithm.UNSPECIFIED)));
    }
    if (asked.contains(QueryFunction.QUERY_PROFILES)) {
      out.addAll(profiles(v));
    }
    if (asked.contains(QueryFunction.QUERY_CAPABILITIES)) {
      out.add(capabilities(v));
    }
    if (asked.contains(QueryFunction.QUERY_CLIENT_REGISTRATION_METHODS)) {
      for (ClientRegistrationMethod m : List.of(ClientRegistrationMethod.SERVER_PRE_GENERATED,
          ClientRegistrationMethod.SERVER_ON_DEMAND, ClientRegistrationMethod.CLIENT_GENERATED)) {
        out.add(Ttlv.enumeration(Tag.CLIENT_REGISTRATION_METHOD, m));
      }
    }
    if (asked.contains(QueryFunction.QUERY_STORAGE_PROTECTION_MASKS)) {
      out.add(Ttlv.structure(Tag.PROTECTION_STORAGE_MASKS,
          Ttlv.integer(Tag.PROTECTION_STORAGE_MASK, ProtectionStorageMask.SOFTWARE.value())));
    }
    return Ttlv.structure(Tag.RESPONSE_PAYLOAD, out);
  }

  private Ttlv serverInformation(KmipVersion v) {
    if (v.atLeast(KmipVersion.V2_0)) {
      List<Ttlv> c = new ArrayList<>(List.of(
          Ttlv.text(Tag.SERVER_NAME, config.serverName()),
          Ttlv.text(Tag.SERVER_VERSION, PRODUCT_VERSION),
          Ttlv.text(Tag.PRODUCT_NAME, VENDOR)));
      // 2.0 §11.54 has no field for federation roles; Cluster Info is the server's text about its
      // place among other servers.
      if (!config.federationRoles().isEmpty()) {
        c.add(Ttlv.text(Tag.CLUSTER_INFO, "federation roles: " + String.join(",", config.federationRoles())));
      }
      return Ttlv.structure(Tag.SERVER_INFORMATION, c);
    }
    List<Ttlv> c = new ArrayList<>(List.of(
        Ttlv.text(VENDOR_TAG_SERVER_NAME, config.serverName()),
        Ttlv.text(VENDOR_TAG_PRODUCT_VERSION, PRODUCT_VERSION)));
    if (!config.federationRoles().isEmpty()) {
      c.add(Ttlv.text(VENDOR_TAG_FEDERATION_ROLES, String.join(",", config.federationRoles())));
    }
    return Ttlv.structure(Tag.SERVER_INFORMATION, c);
  }

  private static Ttlv extension(String name, int tag, boolean map) {
    List<Ttlv> c = new ArrayList<>(3);
    c.add(Ttlv.text(Tag.EXTENSION_NAME, name));
    if (map) {
      c.add(Ttlv.integer(Tag.EXTENSION_TAG, tag));
      c.add(Ttlv.integer(Tag.EXTENSION_TYPE, ItemType.TEXT_STRING.value()));
    }
    return Ttlv.structure(Tag.EXTENSION_INFORMATION, c);
  }

  /** The claimed profiles' Profile Information, in the version's names. */
  List<Ttlv> profiles(KmipVersion v) {
    List<Ttlv> out = new ArrayList<>();
    Set<Operation> handled = dispatcher.supportedOperations();
    for (ServerProfile p : ServerProfile.values()) {
      if (!handled.containsAll(p.operations)) {
        continue;
      }
      if (v.atLeast(KmipVersion.V2_0)) {
        ProfileName name = profileName(p.v2Name);
        if (name != null && name.definedIn(v)) {
          out.add(Ttlv.structure(Tag.PROFILE_INFORMATION, Ttlv.enumeration(Tag.PROFILE_NAME, name),
              Ttlv.structure(Tag.PROFILE_VERSION, Ttlv.integer(Tag.PROFILE_VERSION_MAJOR, v.major()),
                  Ttlv.integer(Tag.PROFILE_VERSION_MINOR, v.minor()))));
        }
      } else {
        for (int minor = 0; minor <= v.minor(); minor++) {
          ProfileName name = profileName(p.v1Stem + "_KMIP_V1_" + minor);
          if (name != null && name.definedIn(v)) {
            out.add(Ttlv.structure(Tag.PROFILE_INFORMATION, Ttlv.enumeration(Tag.PROFILE_NAME, name)));
          }
        }
      }
    }
    return out;
  }

  private Ttlv capabilities(KmipVersion v) {
    List<Ttlv> c = new ArrayList<>();
    c.add(Ttlv.bool(Tag.STREAMING_CAPABILITY, dispatcher.handlerFor(Operation.ENCRYPT) != null));
    c.add(Ttlv.bool(Tag.ASYNCHRONOUS_CAPABILITY, false));
    c.add(Ttlv.bool(Tag.ATTESTATION_CAPABILITY, false));
    if (v.atLeast(KmipVersion.V1_4)) {
      c.add(Ttlv.bool(Tag.BATCH_UNDO_CAPABILITY, false));
      c.add(Ttlv.bool(Tag.BATCH_CONTINUE_CAPABILITY, true));
    }
    c.add(Ttlv.enumeration(Tag.UNWRAP_MODE, UnwrapMode.NOT_PROCESSED));
    c.add(Ttlv.enumeration(Tag.DESTROY_ACTION, DestroyAction.KEY_MATERIAL_DELETED));
    c.add(Ttlv.enumeration(Tag.SHREDDING_ALGORITHM, ShreddingAlgorithm.UNSPECIFIED));
    c.add(Ttlv.enumeration(Tag.RNG_MODE, RNGMode.SHARED_INSTANTIATION));
    if (v.atLeast(KmipVersion.V2_0)) {
      c.add(Ttlv.bool(Tag.QUANTUM_SAFE_CAPABILITY, false));
    }
    return Ttlv.structure(Tag.CAPABILITY_INFORMATION, c);
  }

  private static ProfileName profileName(String constant) {
    if (constant == null) {
      return null;
    }
    try {
      return ProfileName.valueOf(constant);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
