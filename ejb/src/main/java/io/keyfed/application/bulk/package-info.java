/**
 * Bulk export and import through the admin API (issue 7): many objects written to a file, each a
 * KMIP Import request payload with its key material wrapped under a key the administrator names,
 * and such a file read back, resumably, with progress.
 */
package io.keyfed.application.bulk;
