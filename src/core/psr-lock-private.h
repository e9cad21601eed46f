/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-lock.h"

G_BEGIN_DECLS

/* psr_lock_set_passphrase() with another cost, for tests and for the
 * benchmark of the hash. */
gboolean psr_lock_set_passphrase_with_cost (PsrDatabase  *db,
                                            const char   *passphrase,
                                            guint         iterations,
                                            GError      **error);
/* PBKDF2-HMAC-SHA256 (RFC 8018) with a 32-byte result. */
void     psr_lock_pbkdf2_sha256            (const char   *passphrase,
                                            const guint8 *salt,
                                            gsize         salt_length,
                                            guint         iterations,
                                            guint8        out[32]);

G_END_DECLS
