package io.keyfed.application;

import io.keyfed.domain.object.LocateCriteria;
import io.keyfed.domain.object.LocatePage;
import io.keyfed.domain.object.ManagedObject;
import io.keyfed.domain.object.ManagedObjectRepository;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KMIP 1.x templates (1.0-1.4 §2.1.8 Template-Attribute, §2.2.6 Template; deprecated in 1.3, gone
 * in 2.0): a Template-Attribute may name registered Template objects by their Name, and the
 * attributes those templates hold apply to the new object as if the client had sent them. An
 * attribute the client sends itself takes precedence over a template's; of two templates that
 * give the same attribute, the later one named wins.
 *
 * <p>The request payload is rewritten before its handler sees it — the Names become the templates'
 * Attribute structures — so every operation that takes a Template-Attribute (Create, Create Key
 * Pair, Register, Re-key, Re-key Key Pair, Derive Key, Certify, Re-certify, Join Split Key,
 * Create Split Key) gets templates without knowing of them. A template is found like any object
 * by Locate: the caller's own, not destroyed, with exactly that Name. None: Item Not Found.
 */
@Stateless
public class TemplateResolver {

  private static final Set<Integer> TEMPLATE_ATTRIBUTE_TAGS = Set.of(Tag.TEMPLATE_ATTRIBUTE.value(),
      Tag.COMMON_TEMPLATE_ATTRIBUTE.value(), Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE.value(),
      Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE.value());

  @Inject
  ManagedObjectRepository repository;

  @Inject
  ObjectSealer sealer;

  /** A resolver without a container (plain unit tests). */
  public static TemplateResolver over(ManagedObjectRepository repository, ObjectSealer sealer) {
    TemplateResolver r = new TemplateResolver();
    r.repository = repository;
    r.sealer = sealer;
    return r;
  }

  /** The payload with each template reference replaced by the template's attributes. */
  public Ttlv resolve(Ttlv payload, RequestContext ctx) {
    if (payload == null || !payload.isStructure() || ctx.version().atLeast(KmipVersion.V2_0)
        || payload.children().stream().noneMatch(TemplateResolver::namesTemplates)) {
      return payload;
    }
    List<Ttlv> out = new ArrayList<>();
    for (Ttlv c : payload.children()) {
      out.add(namesTemplates(c) ? expand(c, ctx) : c);
    }
    return Ttlv.structure(payload.tag(), out);
  }

  private static boolean namesTemplates(Ttlv c) {
    return TEMPLATE_ATTRIBUTE_TAGS.contains(c.tag()) && c.isStructure() && c.child(Tag.NAME) != null;
  }

  private Ttlv expand(Ttlv templateAttribute, RequestContext ctx) {
    List<Ttlv> explicit = templateAttribute.children(Tag.ATTRIBUTE);
    Set<String> explicitNames = new HashSet<>();
    for (Ttlv a : explicit) {
      explicitNames.add(attributeName(a));
    }
    Map<String, List<Ttlv>> fromTemplates = new LinkedHashMap<>();
    for (Ttlv name : templateAttribute.children(Tag.NAME)) {
      Map<String, List<Ttlv>> ofThis = new LinkedHashMap<>();
      for (Ttlv a : templateContent(name, ctx)) {
        ofThis.computeIfAbsent(attributeName(a), k -> new ArrayList<>()).add(a);
      }
      fromTemplates.putAll(ofThis);
    }
    List<Ttlv> c = new ArrayList<>();
    fromTemplates.forEach((n, values) -> {
      if (!explicitNames.contains(n)) {
        c.addAll(values);
      }
    });
    c.addAll(explicit);
    return Ttlv.structure(templateAttribute.tag(), c);
  }

  /** The Attribute structures the named template holds, without its own Name. */
  private List<Ttlv> templateContent(Ttlv name, RequestContext ctx) {
    Fields.structure(name);
    String value = Fields.text(Fields.required(name, Tag.NAME_VALUE));
    LocatePage page = repository.locate(LocateCriteria.of(ctx.client().name(), List.of(
        Attribute.of(Tag.OBJECT_TYPE, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.TEMPLATE)),
        Attribute.of(Tag.NAME, name)), null, 1));
    if (page.uniqueIdentifiers().isEmpty()) {
      throw new KmipException(ResultReason.ITEM_NOT_FOUND, "no Template named '" + value + "'");
    }
    ManagedObject template = ObjectAccess.require(repository, page.uniqueIdentifiers().get(0), ctx);
    Ttlv content;
    try {
      content = new TtlvReader().read(sealer.unseal(template.uniqueIdentifier(), template.sealedObject()));
    } catch (TtlvException e) {
      throw new IllegalStateException("stored Template " + template.uniqueIdentifier() + " is corrupt", e);
    }
    List<Ttlv> out = new ArrayList<>();
    for (Ttlv a : content.children(Tag.ATTRIBUTE)) {
      if (!Tag.NAME.specName().equals(attributeName(a))) {
        out.add(a);
      }
    }
    return out;
  }

  private static String attributeName(Ttlv attribute) {
    return Fields.text(Fields.required(attribute, Tag.ATTRIBUTE_NAME));
  }
}
