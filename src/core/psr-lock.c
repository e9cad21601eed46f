/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-lock-private.h"
#include "psr-store-private.h"

#define KEY_HASH         "trainee-space.passphrase"
#define KEY_FAILURES     "trainee-space.failures"
#define KEY_LAST_FAILURE "trainee-space.last-failure"

#define ALGORITHM   "pbkdf2-sha256"
#define SALT_LENGTH 16
#define HASH_LENGTH 32
/* Beyond this a stored cost is not a hash of ours: refuse rather than
 * freeze for hours. */
#define MAX_ITERATIONS 100000000

/* PBKDF2 ---------------------------------------------------------------------- */

/* HMAC-SHA256 (RFC 2104) of @message, from the hash states of the key's
 * inner and outer pads. */
static void
hmac_sha256 (GChecksum    *inner_keyed,
             GChecksum    *outer_keyed,
             const guint8 *message,
             gsize         length,
             guint8        out[HASH_LENGTH])
{
  GChecksum *inner = g_checksum_copy (inner_keyed);
  GChecksum *outer = g_checksum_copy (outer_keyed);
  gsize digest_length = HASH_LENGTH;

  g_checksum_update (inner, message, length);
  g_checksum_get_digest (inner, out, &digest_length);
  g_checksum_update (outer, out, HASH_LENGTH);
  digest_length = HASH_LENGTH;
  g_checksum_get_digest (outer, out, &digest_length);

  g_checksum_free (inner);
  g_checksum_free (outer);
}

void
psr_lock_pbkdf2_sha256 (const char   *passphrase,
                        const guint8 *salt,
                        gsize         salt_length,
                        guint         iterations,
                        guint8        out[32])
{
  static const guint8 block_index[4] = { 0, 0, 0, 1 };
  g_autoptr(GChecksum) inner_keyed = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) outer_keyed = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *first = NULL;
  gsize key_length = strlen (passphrase);
  guint8 key[64] = { 0 };
  guint8 pad[64];
  guint8 u[HASH_LENGTH];

  /* A key longer than a block is replaced by its hash (RFC 2104). */
  if (key_length > sizeof key)
    {
      g_autoptr(GChecksum) hashed = g_checksum_new (G_CHECKSUM_SHA256);
      gsize length = HASH_LENGTH;

      g_checksum_update (hashed, (const guchar *) passphrase, key_length);
      g_checksum_get_digest (hashed, key, &length);
    }
  else
    memcpy (key, passphrase, key_length);

  /* Hashing the pads once, then copying the states, is what makes each
   * round cost two short hashes: GHmac would hash the pads every time. */
  for (guint i = 0; i < sizeof pad; i++)
    pad[i] = key[i] ^ 0x36;
  g_checksum_update (inner_keyed, pad, sizeof pad);
  for (guint i = 0; i < sizeof pad; i++)
    pad[i] = key[i] ^ 0x5c;
  g_checksum_update (outer_keyed, pad, sizeof pad);

  /* One block is the whole 32-byte key: U1 = HMAC (P, S || INT (1)). */
  first = g_malloc (salt_length + sizeof block_index);
  memcpy (first, salt, salt_length);
  memcpy (first + salt_length, block_index, sizeof block_index);
  hmac_sha256 (inner_keyed, outer_keyed, first, salt_length + sizeof block_index, u);
  memcpy (out, u, HASH_LENGTH);

  for (guint i = 1; i < iterations; i++)
    {
      hmac_sha256 (inner_keyed, outer_keyed, u, sizeof u, u);
      for (guint j = 0; j < HASH_LENGTH; j++)
        out[j] ^= u[j];
    }

  memset (u, 0, sizeof u);
  memset (key, 0, sizeof key);
  memset (pad, 0, sizeof pad);
}

static gboolean
equal_in_constant_time (const guint8 *a,
                        const guint8 *b,
                        gsize         length)
{
  guint8 difference = 0;

  for (gsize i = 0; i < length; i++)
    difference |= a[i] ^ b[i];

  return difference == 0;
}

static gboolean
fill_random (guint8  *buffer,
             gsize    length,
             GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error_literal (error, PSR_ERROR, PSR_ERROR_FAILED,
                               _("The computer could not provide random numbers to protect "
                                 "the passphrase. Try again, or restart the computer."));
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

/* Settings ------------------------------------------------------------------- */

/* The value of @key, NULL when unset (and on error, which @error tells). */
static char *
read_setting (PsrDatabase  *db,
              const char   *key,
              GError      **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  stmt = psr_database_prepare (db, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return value;
}

static gboolean
write_setting (PsrDatabase  *db,
               const char   *key,
               const char   *value,
               GError      **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = psr_database_prepare (db, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = psr_database_prepare (db,
      "INSERT INTO settings (key, value) VALUES (?1, ?2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = " PSR_STORE_NOW,
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return psr_database_step_done (db, stmt, error);
}

static gboolean
reset_failures (PsrDatabase  *db,
                GError      **error)
{
  return write_setting (db, KEY_FAILURES, NULL, error)
         && write_setting (db, KEY_LAST_FAILURE, NULL, error);
}

/* Failures ------------------------------------------------------------------- */

static guint
delay_after (guint failures)
{
  guint delay = PSR_LOCK_FIRST_DELAY;

  if (failures < PSR_LOCK_FREE_ATTEMPTS)
    return 0;

  for (guint i = PSR_LOCK_FREE_ATTEMPTS; i < failures && delay < PSR_LOCK_MAX_DELAY; i++)
    delay *= 2;

  return MIN (delay, PSR_LOCK_MAX_DELAY);
}

static gboolean
read_failures (PsrDatabase  *db,
               guint        *failures,
               GDateTime   **last_failure,
               GError      **error)
{
  GError *local_error = NULL;
  g_autofree char *count = read_setting (db, KEY_FAILURES, &local_error);
  g_autofree char *last = NULL;
  guint64 value = 0;

  if (local_error == NULL)
    last = read_setting (db, KEY_LAST_FAILURE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* Damaged values count as many failures just now: the lock stays
   * closed rather than open. */
  if (count != NULL && !g_ascii_string_to_unsigned (count, 10, 0, G_MAXUINT, &value, NULL))
    value = G_MAXUINT;
  *failures = value;
  *last_failure = last != NULL ? g_date_time_new_from_iso8601 (last, NULL) : NULL;
  if (value > 0 && *last_failure == NULL)
    *last_failure = g_date_time_new_now_utc ();

  return TRUE;
}

static guint
seconds_left (guint      failures,
              GDateTime *last_failure,
              GDateTime *now)
{
  guint delay = delay_after (failures);
  GTimeSpan elapsed;

  if (delay == 0 || last_failure == NULL)
    return 0;

  /* A clock set back does not shorten the wait. */
  elapsed = g_date_time_difference (now, last_failure);
  if (elapsed < 0)
    return delay;
  if (elapsed >= (GTimeSpan) delay * G_TIME_SPAN_SECOND)
    return 0;

  /* Rounded up: "wait 0 s" would be a lie. */
  return delay - elapsed / G_TIME_SPAN_SECOND;
}

static GDateTime *
now_or_current (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

static char *
format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/* Public API --------------------------------------------------------------------- */

gboolean
psr_lock_has_passphrase (PsrDatabase  *db,
                         GError      **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  hash = read_setting (db, KEY_HASH, error);
  return hash != NULL;
}

gboolean
psr_lock_set_passphrase_with_cost (PsrDatabase  *db,
                                   const char   *passphrase,
                                   guint         iterations,
                                   GError      **error)
{
  guint8 salt[SALT_LENGTH];
  guint8 hash[HASH_LENGTH];
  g_autofree char *salt64 = NULL;
  g_autofree char *hash64 = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (iterations >= 1, FALSE);

  if (!g_utf8_validate (passphrase, -1, NULL))
    return psr_store_check_text (passphrase, error);

  if (g_utf8_strlen (passphrase, -1) < PSR_LOCK_MIN_LENGTH || psr_store_is_blank (passphrase))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The passphrase needs at least %d character. Choose a longer one.",
                                "The passphrase needs at least %d characters. Choose a longer one.",
                                PSR_LOCK_MIN_LENGTH),
                   PSR_LOCK_MIN_LENGTH);
      return FALSE;
    }

  if (!fill_random (salt, sizeof salt, error))
    return FALSE;

  psr_lock_pbkdf2_sha256 (passphrase, salt, sizeof salt, iterations, hash);
  salt64 = g_base64_encode (salt, sizeof salt);
  hash64 = g_base64_encode (hash, sizeof hash);
  value = g_strdup_printf (ALGORITHM "$%u$%s$%s", iterations, salt64, hash64);
  memset (hash, 0, sizeof hash);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!write_setting (db, KEY_HASH, value, error) || !reset_failures (db, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

gboolean
psr_lock_set_passphrase (PsrDatabase  *db,
                         const char   *passphrase,
                         GError      **error)
{
  return psr_lock_set_passphrase_with_cost (db, passphrase, PSR_LOCK_ITERATIONS, error);
}

gboolean
psr_lock_clear_passphrase (PsrDatabase  *db,
                           GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!write_setting (db, KEY_HASH, NULL, error) || !reset_failures (db, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

guint
psr_lock_get_wait (PsrDatabase  *db,
                   GDateTime    *now,
                   GError      **error)
{
  g_autoptr(GDateTime) last_failure = NULL;
  g_autoptr(GDateTime) at = NULL;
  guint failures;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!read_failures (db, &failures, &last_failure, error))
    return 0;

  at = now_or_current (now);
  return seconds_left (failures, last_failure, at);
}

static gboolean
check_hash (const char  *stored,
            const char  *passphrase,
            gboolean    *right,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (stored, "$", -1);
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *expected = NULL;
  guint8 computed[HASH_LENGTH];
  gsize salt_length = 0, expected_length = 0;
  guint64 iterations = 0;

  if (g_strv_length (parts) != 4
      || strcmp (parts[0], ALGORITHM) != 0
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, MAX_ITERATIONS, &iterations, NULL))
    goto damaged;

  salt = g_base64_decode (parts[2], &salt_length);
  expected = g_base64_decode (parts[3], &expected_length);
  if (salt_length == 0 || expected_length != HASH_LENGTH)
    goto damaged;

  psr_lock_pbkdf2_sha256 (passphrase, salt, salt_length, iterations, computed);
  *right = equal_in_constant_time (computed, expected, HASH_LENGTH);
  memset (computed, 0, sizeof computed);
  return TRUE;

damaged:
  g_set_error_literal (error, PSR_ERROR, PSR_ERROR_DAMAGED,
                       _("The passphrase of the trainee space cannot be read: the database "
                         "may be damaged. Restore a backup from the main menu."));
  return FALSE;
}

PsrLockResult
psr_lock_verify (PsrDatabase  *db,
                 const char   *passphrase,
                 GDateTime    *now,
                 guint        *wait_seconds,
                 GError      **error)
{
  g_autoptr(GDateTime) last_failure = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *when = NULL;
  g_autofree char *count = NULL;
  GError *local_error = NULL;
  gboolean right = FALSE;
  guint failures, wait;

  g_return_val_if_fail (PSR_IS_DATABASE (db), PSR_LOCK_WRONG);
  g_return_val_if_fail (passphrase != NULL, PSR_LOCK_WRONG);

  if (wait_seconds != NULL)
    *wait_seconds = 0;

  at = now_or_current (now);
  if (!read_failures (db, &failures, &last_failure, error))
    return PSR_LOCK_WRONG;

  wait = seconds_left (failures, last_failure, at);
  if (wait > 0)
    {
      if (wait_seconds != NULL)
        *wait_seconds = wait;
      return PSR_LOCK_WAIT;
    }

  stored = read_setting (db, KEY_HASH, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return PSR_LOCK_WRONG;
    }
  if (stored == NULL)
    return PSR_LOCK_OPEN;

  if (!check_hash (stored, passphrase, &right, error))
    return PSR_LOCK_WRONG;

  if (right)
    {
      if (failures > 0 && !reset_failures (db, error))
        return PSR_LOCK_WRONG;
      return PSR_LOCK_OPEN;
    }

  failures = failures < G_MAXUINT ? failures + 1 : failures;
  count = g_strdup_printf ("%u", failures);
  when = format_instant (at);
  if (!psr_database_begin (db, error))
    return PSR_LOCK_WRONG;
  if (!write_setting (db, KEY_FAILURES, count, error)
      || !write_setting (db, KEY_LAST_FAILURE, when, error))
    {
      psr_database_rollback (db);
      return PSR_LOCK_WRONG;
    }
  if (!psr_database_commit (db, error))
    return PSR_LOCK_WRONG;

  if (wait_seconds != NULL)
    *wait_seconds = delay_after (failures);

  return PSR_LOCK_WRONG;
}
