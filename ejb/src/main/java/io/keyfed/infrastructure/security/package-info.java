/** Administrators of the admin API: the password file (PBKDF2 hashes) and its command-line tool. */
package io.keyfed.infrastructure.security;
