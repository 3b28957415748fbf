package io.keyfed.application.operation;

import static io.keyfed.application.operation.Handlers.ALICE;
import static io.keyfed.application.operation.Handlers.BOB;
import static io.keyfed.application.operation.Handlers.context;
import static io.keyfed.application.operation.Requests.assertFails;
import static io.keyfed.application.operation.Requests.uidOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.keyfed.application.RequestContext;
import io.keyfed.application.TemplateResolver;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KMIP 1.x templates: Register a Template, then name it in a Template-Attribute (SASED-M-2/3). */
class TemplatesTest {

  private static final KmipVersion V = KmipVersion.V1_3;

  private final Handlers h = new Handlers();
  private final TemplateResolver templates = TemplateResolver.over(h.repository, h.sealer);

  private static Ttlv templateName(String value) {
    return Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, value),
        Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING));
  }

  private String registerTemplate(RequestContext ctx, String name, Attribute... held) {
    List<Ttlv> content = new ArrayList<>();
    for (Attribute a : held) {
      content.add(AttributeCodec.toV1(a, 0, V));
    }
    Ttlv request = Requests.register(V, ObjectType.TEMPLATE, List.of(Requests.name(name)),
        Ttlv.structure(Tag.TEMPLATE, content));
    return uidOf(h.register.handle(request, ctx));
  }

  /** A 1.x Create of an AES-128 key whose Template-Attribute names these templates, then gives these attributes. */
  private static Ttlv createNaming(List<String> templateNames, Attribute... explicit) {
    List<Ttlv> ta = new ArrayList<>();
    templateNames.forEach(n -> ta.add(templateName(n)));
    for (Attribute a : List.of(Requests.algorithm(CryptographicAlgorithm.AES), Requests.length(128))) {
      ta.add(AttributeCodec.toV1(a, 0, V));
    }
    for (Attribute a : explicit) {
      ta.add(AttributeCodec.toV1(a, 0, V));
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
        Ttlv.structure(Tag.TEMPLATE_ATTRIBUTE, ta));
  }

  private String create(RequestContext ctx, Ttlv request) {
    return uidOf(h.create.handle(templates.resolve(request, ctx), ctx));
  }

  private List<String> values(String uid, String attribute) {
    return h.repository.find(uid).attributes(attribute).stream().map(a -> a.value().asText()).toList();
  }

  @Test
  void aNamedTemplatesAttributesApplyAndTheClientsOwnTakePrecedence() {
    RequestContext ctx = context(V);
    registerTemplate(ctx, "storage-keys", Requests.custom("x-tier", "gold"), Requests.custom("x-site", "north"),
        new Attribute(Tag.OBJECT_GROUP.specName(), Ttlv.text(Tag.OBJECT_GROUP, "arrays")));

    String uid = create(ctx, createNaming(List.of("storage-keys"), Requests.custom("x-site", "south"), Requests.name("k1")));

    assertEquals(List.of("gold"), values(uid, "x-tier"));
    assertEquals(List.of("south"), values(uid, "x-site"), "the client's own value, not the template's");
    assertEquals(List.of("arrays"), values(uid, "Object Group"));
    assertEquals(List.of("k1"), h.repository.find(uid).attributes("Name").stream()
        .map(a -> a.value().child(Tag.NAME_VALUE).asText()).toList(), "the template's own Name stays with it");
  }

  @Test
  void ofTwoTemplatesTheLaterNamedWins() {
    RequestContext ctx = context(V);
    registerTemplate(ctx, "first", Requests.custom("x-tier", "gold"), Requests.custom("x-a", "1"));
    registerTemplate(ctx, "second", Requests.custom("x-tier", "silver"));

    String uid = create(ctx, createNaming(List.of("first", "second")));

    assertEquals(List.of("silver"), values(uid, "x-tier"));
    assertEquals(List.of("1"), values(uid, "x-a"));
  }

  @Test
  void anUnknownOrAnotherOwnersTemplateIsNotFound() {
    registerTemplate(context(BOB, V), "bobs", Requests.custom("x-tier", "gold"));
    RequestContext alice = context(ALICE, V);

    assertFails(ResultReason.ITEM_NOT_FOUND, () -> templates.resolve(createNaming(List.of("nowhere")), alice));
    assertFails(ResultReason.ITEM_NOT_FOUND, () -> templates.resolve(createNaming(List.of("bobs")), alice));
  }

  @Test
  void requestsWithoutTemplateNamesAndKmip2RequestsPassUntouched() {
    Ttlv plain = createNaming(List.of());
    assertSame(plain, templates.resolve(plain, context(V)));
    Ttlv named = createNaming(List.of("storage-keys"));
    assertSame(named, templates.resolve(named, context(KmipVersion.V2_0)));
  }
}
