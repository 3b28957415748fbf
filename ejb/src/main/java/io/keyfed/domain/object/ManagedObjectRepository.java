package io.keyfed.domain.object;

/** Where managed objects live. The JPA implementation is in the infrastructure layer. */
public interface ManagedObjectRepository {

  void add(ManagedObject object);

  /** The object, with its date-driven transitions applied, or null. */
  ManagedObject find(String uniqueIdentifier);

  /** Objects matching the criteria, in the criteria's order, one page of them. */
  LocatePage locate(LocateCriteria criteria);

  /**
   * Whether another object of this owner that is not destroyed has a Name with this Name Value.
   *
   * @param exceptUniqueIdentifier the object being changed, or null
   */
  boolean nameInUse(String owner, String nameValue, String exceptUniqueIdentifier);

  /**
   * The objects, of any owner, that are not destroyed and have a Name with this Name Value — what
   * a peer's object with that name collides with here.
   */
  java.util.List<String> named(String nameValue);

  /**
   * Of these Name Values, the ones {@link #named} would find an object for, in one query: what a
   * run of a peer's objects may collide with here.
   */
  java.util.Set<String> namesInUse(java.util.Collection<String> nameValues);

  /** Of these Name Values, the ones in use, each with the objects (not destroyed) that have it, in one query. */
  java.util.Map<String, java.util.Set<String>> nameHolders(java.util.Collection<String> nameValues);

  /** Of these identifiers, the ones of objects stored here (destroyed ones included), in one query. */
  java.util.Set<String> stored(java.util.Collection<String> uniqueIdentifiers);

  /**
   * Where an object went when a partition move took it from this server, or null (never moved, or
   * never here).
   */
  default MovedAway movedAway(String uniqueIdentifier) {
    return null;
  }

  /** A moved object's new server (its name and KMIP address) and the owner it had here. */
  record MovedAway(String server, String address, String owner) {}
}
