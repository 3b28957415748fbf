package io.keyfed.domain.object;

import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.ObjectGroupMember;
import io.keyfed.kmip.spec.StorageStatusMask;
import io.keyfed.kmip.spec.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What Locate looks for (KMIP 1.4 §4.9, 2.1 §6.1.28), and how the result is ordered and paged.
 *
 * <ul>
 *   <li>Only the owner's objects (null owner: any, for server-internal callers), and those granted
 *       to the owner for Locate: by Unique Identifier ({@code grantedIds}) or as another owner's
 *       objects in an Object Group ({@code grantedGroups}; in the database a group longer than the search column,
 *       {@link SearchKey#TEXT_MAX} characters, is never matched, so it reveals nothing).
 *   <li>Every {@link AttributeFilter} must hold. No attributes: every object matches (locate-all).
 *   <li>Storage Status Mask: on-line objects (neither archived nor destroyed) unless the mask says
 *       otherwise; archived ones only with Archival Storage, destroyed ones only with Destroyed
 *       Storage (2.x; 1.x has no such bit, so a 1.x client never sees destroyed objects).
 *   <li>Object Group Member: Group Member Fresh keeps Fresh objects, oldest first, so that each
 *       Locate-and-Get takes the next fresh one; Group Member Default orders by the time each was
 *       last served (never first, then oldest): round robin over the group (the server policy the
 *       KMIP 1.1 test case TC-153 assumes).
 *   <li>Otherwise the most recently created object first (KMIP 2.1 §6.1.28 "descending order of
 *       object creation"; also the order the KMIP 1.4 test cases TC-OFFSET-1-14 and TC-OFFSET-2-14
 *       expect).
 *   <li>Offset Items results are skipped, at most Maximum Items returned; Located Items is the count
 *       before paging.
 * </ul>
 *
 * @param owner only objects of this owner (null: any)
 * @param filters the attribute conditions
 * @param storage the storage states searched
 * @param groupMember the Object Group Member flag, or null
 * @param offsetItems results to skip (Offset Items)
 * @param maximumItems largest page (Maximum Items), null for all
 * @param grantedIds objects of other owners that the owner may also see
 * @param grantedGroups another owner's Object Groups whose objects (that owner's only) the owner may also see
 */
public record LocateCriteria(
    String owner,
    List<AttributeFilter> filters,
    Set<StorageStatusMask> storage,
    ObjectGroupMember groupMember,
    int offsetItems,
    Integer maximumItems,
    Set<String> grantedIds,
    Set<OwnedGroup> grantedGroups) {

  /** An Object Group of one owner: its objects in that group, no one else's. */
  public record OwnedGroup(String owner, String group) {}

  public LocateCriteria {
    filters = List.copyOf(filters);
    storage = storage.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(storage));
    grantedIds = grantedIds == null ? Set.of() : Set.copyOf(grantedIds);
    grantedGroups = grantedGroups == null ? Set.of() : Set.copyOf(grantedGroups);
  }

  public LocateCriteria(String owner, List<AttributeFilter> filters, Set<StorageStatusMask> storage,
      ObjectGroupMember groupMember, int offsetItems, Integer maximumItems) {
    this(owner, filters, storage, groupMember, offsetItems, maximumItems, Set.of(), Set.of());
  }

  /** The same search, also over these objects and groups granted to the owner. */
  public LocateCriteria withGrants(Set<String> ids, Set<OwnedGroup> groups) {
    return new LocateCriteria(owner, filters, storage, groupMember, offsetItems, maximumItems, ids, groups);
  }

  /** Whether anything beyond the owner's own objects may be seen. */
  public boolean hasGrants() {
    return !grantedIds.isEmpty() || !grantedGroups.isEmpty();
  }

  /** Whether the owner (null: anyone) may see {@code o}: its own, or granted. */
  public boolean visible(ManagedObject o) {
    if (owner == null || owner.equals(o.owner())) {
      return true;
    }
    if (grantedIds.contains(o.uniqueIdentifier())) {
      return true;
    }
    if (!grantedGroups.isEmpty() && o.owner() != null) {
      for (Attribute a : o.attributes(Tag.OBJECT_GROUP.specName())) {
        if (a.value() != null && a.value().type() == ItemType.TEXT_STRING
            && grantedGroups.contains(new OwnedGroup(o.owner(), a.value().asText()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** On-line objects, matching the attributes, newest first, paged. */
  public static LocateCriteria of(String owner, List<Attribute> attributes, Integer offsetItems, Integer maximumItems) {
    return of(owner, attributes, null, null, offsetItems, maximumItems);
  }

  /**
   * From a Locate request.
   *
   * @param storageStatusMask the Storage Status Mask bits, null or 0 for on-line only
   */
  public static LocateCriteria of(String owner, List<Attribute> attributes, Integer storageStatusMask,
      ObjectGroupMember groupMember, Integer offsetItems, Integer maximumItems) {
    List<AttributeFilter> filters = new ArrayList<>(AttributeFilter.of(attributes));
    if (groupMember == ObjectGroupMember.GROUP_MEMBER_FRESH) {
      filters.add(AttributeFilter.fresh());
    }
    Set<StorageStatusMask> storage = EnumSet.noneOf(StorageStatusMask.class);
    int mask = storageStatusMask == null ? 0 : storageStatusMask;
    for (StorageStatusMask m : StorageStatusMask.values()) {
      if ((mask & m.value()) != 0) {
        storage.add(m);
      }
    }
    if (storage.isEmpty()) {
      storage.add(StorageStatusMask.ON_LINE_STORAGE);
    }
    return new LocateCriteria(owner, filters, storage, groupMember,
        offsetItems == null ? 0 : Math.max(0, offsetItems), maximumItems);
  }

  /** Where an object is stored, in the terms of the Storage Status Mask. */
  public static StorageStatusMask storageOf(ManagedObject o) {
    if (o.isDestroyed()) {
      return StorageStatusMask.DESTROYED_STORAGE;
    }
    return o.isArchived() ? StorageStatusMask.ARCHIVAL_STORAGE : StorageStatusMask.ON_LINE_STORAGE;
  }

  /** Whether a loaded object (its clock advanced) satisfies every condition. */
  public boolean matches(ManagedObject o) {
    if (!visible(o)) {
      return false;
    }
    if (!storage.contains(storageOf(o))) {
      return false;
    }
    for (AttributeFilter f : filters) {
      if (!f.matches(o)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the database alone can find, count and page the result. */
  public boolean exactInSql() {
    if (groupMember != null) {
      return false;
    }
    for (AttributeFilter f : filters) {
      if (!f.exactInSql()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the result is newest first (otherwise a Group Member order). */
  public boolean newestFirst() {
    return groupMember == null;
  }

  /** The result's order. */
  public Comparator<ManagedObject> order() {
    Comparator<ManagedObject> oldestFirst = Comparator.comparingLong(ManagedObject::createdMicros)
        .thenComparing(ManagedObject::uniqueIdentifier);
    if (groupMember == ObjectGroupMember.GROUP_MEMBER_DEFAULT) {
      return Comparator.<ManagedObject>comparingLong(o -> o.servedMicros() == null ? Long.MIN_VALUE : o.servedMicros())
          .thenComparing(oldestFirst);
    }
    return groupMember == ObjectGroupMember.GROUP_MEMBER_FRESH ? oldestFirst : oldestFirst.reversed();
  }

  /**
   * The page of {@code candidates} (loaded objects, a superset of the result, their clocks
   * advanced) that this Locate returns.
   */
  public LocatePage select(List<ManagedObject> candidates) {
    List<ManagedObject> matched = new ArrayList<>();
    for (ManagedObject o : candidates) {
      if (matches(o)) {
        matched.add(o);
      }
    }
    matched.sort(order());
    int from = Math.min(offsetItems, matched.size());
    int to = maximumItems == null ? matched.size() : Math.min(matched.size(), from + Math.max(0, maximumItems));
    List<String> ids = new ArrayList<>(to - from);
    for (ManagedObject o : matched.subList(from, to)) {
      ids.add(o.uniqueIdentifier());
    }
    return new LocatePage(matched.size(), List.copyOf(ids));
  }
}
