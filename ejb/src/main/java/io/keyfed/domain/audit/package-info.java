/** The audit trail: who did what to which object, with what result, append-only. */
package io.keyfed.domain.audit;
