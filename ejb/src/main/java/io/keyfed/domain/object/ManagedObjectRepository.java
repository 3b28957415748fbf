package io.keyfed.domain.object;

/** Where managed objects live. The JPA implementation is in the infrastructure layer. */
public interface ManagedObjectRepository {

  void add(ManagedObject object);

  /** The object, with its date-driven transitions applied, or null. */
  ManagedObject find(String uniqueIdentifier);

  /** Objects matching the criteria, in creation order, one page of them. */
  LocatePage locate(LocateCriteria criteria);
}
