/**
 * Bulk transfer: an administrator's export of many objects to a file, every key wrapped under a
 * key the administrator names, and the import of such a file ({@link io.keyfed.domain.bulk.BulkJob}).
 */
package io.keyfed.domain.bulk;
