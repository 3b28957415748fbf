package io.keyfed.domain.object;

import java.util.List;

/**
 * One page of Locate results.
 *
 * @param locatedItems how many objects matched in all (KMIP 1.3+ Located Items)
 * @param uniqueIdentifiers the identifiers of this page
 */
public record LocatePage(int locatedItems, List<String> uniqueIdentifiers) {}
