/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/*
 * The lock of the trainee space: leaving it takes the trainer's
 * passphrase.
 *
 * The passphrase is never stored: only a PBKDF2-HMAC-SHA256 hash of it
 * with a random salt, in the settings table, as
 * "pbkdf2-sha256$ITERATIONS$SALT$HASH" (salt and hash in base64), so that
 * the algorithm and its cost can be raised later: a hash keeps the cost it
 * was made with.
 *
 * Wrong passphrases are slowed: after PSR_LOCK_FREE_ATTEMPTS failures in
 * a row, each further attempt has to wait PSR_LOCK_FIRST_DELAY seconds
 * after the last failure, doubling with each failure up to
 * PSR_LOCK_MAX_DELAY. The count and the time of the last failure are in
 * the database, so that quitting the application does not reset them; the
 * right passphrase resets them. An attempt made too early is not even
 * checked (the right passphrase is refused too) and does not count.
 */

/* The shortest passphrase, in characters. */
#define PSR_LOCK_MIN_LENGTH      8
/* The cost of new hashes. */
#define PSR_LOCK_ITERATIONS      600000
#define PSR_LOCK_FREE_ATTEMPTS   3
#define PSR_LOCK_FIRST_DELAY     30
#define PSR_LOCK_MAX_DELAY       900

/**
 * PsrLockResult:
 * @PSR_LOCK_OPEN: the passphrase is right (or none is set): leave
 * @PSR_LOCK_WRONG: the passphrase is wrong
 * @PSR_LOCK_WAIT: too early after failures: nothing was checked; try again
 *   after the delay given
 */
typedef enum
{
  PSR_LOCK_OPEN,
  PSR_LOCK_WRONG,
  PSR_LOCK_WAIT,
} PsrLockResult;

/* Whether a passphrase is set; FALSE on error too (@error says). */
gboolean      psr_lock_has_passphrase  (PsrDatabase  *db,
                                        GError      **error);
/* Sets or replaces the passphrase: at least PSR_LOCK_MIN_LENGTH
 * characters (UTF-8), not only spaces (PSR_ERROR_INVALID otherwise).
 * Resets the failures. It takes a noticeable time (the hash is slow on
 * purpose): call it off the main loop, or accept a short pause. Checking
 * the current passphrase first is for the caller (psr_lock_verify()). */
gboolean      psr_lock_set_passphrase  (PsrDatabase  *db,
                                        const char   *passphrase,
                                        GError      **error);
/* Removes the passphrase, and with it the lock. */
gboolean      psr_lock_clear_passphrase (PsrDatabase *db,
                                         GError     **error);

/* Checks @passphrase at @now (NULL for the current time), compared in
 * constant time. Returns PSR_LOCK_OPEN when it is right or none is set,
 * PSR_LOCK_WRONG when wrong, PSR_LOCK_WAIT when too early; @wait_seconds
 * (may be NULL) is then the seconds left, and after PSR_LOCK_WRONG the
 * delay before the next attempt (0 while attempts are free). On error
 * (the database cannot be read or written, a stored hash that cannot be
 * read), returns PSR_LOCK_WRONG with @error set: the lock stays closed.
 * Slow like psr_lock_set_passphrase(). */
PsrLockResult psr_lock_verify          (PsrDatabase  *db,
                                        const char   *passphrase,
                                        GDateTime    *now,
                                        guint        *wait_seconds,
                                        GError      **error);
/* The seconds to wait at @now before an attempt is checked, 0 when one may
 * be made now. For the UI to show before the trainer types. */
guint         psr_lock_get_wait        (PsrDatabase  *db,
                                        GDateTime    *now,
                                        GError      **error);

G_END_DECLS
