/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "psr-error.h"
#include "psr-lock-private.h"
#include "psr-test-utils.h"

/* Tests hash with a low cost: the cost is stored with each hash, and
 * /lock/default-cost checks the real one. */
#define TEST_COST 1000

#define PASSPHRASE "médiation-2026"

typedef struct
{
  char        *dir;
  char        *path;
  PsrDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = psr_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
stored_hash (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;

  stmt = psr_database_prepare (fixture->db,
                               "SELECT value FROM settings WHERE key = 'trainee-space.passphrase'",
                               &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static void
set_passphrase (Fixture    *fixture,
                const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_lock_set_passphrase_with_cost (fixture->db, passphrase, TEST_COST, &error));
  g_assert_no_error (error);
}

static PsrLockResult
verify (Fixture    *fixture,
        const char *passphrase,
        GDateTime  *now,
        guint      *wait)
{
  g_autoptr(GError) error = NULL;
  PsrLockResult result;

  result = psr_lock_verify (fixture->db, passphrase, now, wait, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_unset (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint wait = 99;

  g_assert_false (psr_lock_has_passphrase (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (verify (fixture, "anything", NULL, &wait), ==, PSR_LOCK_OPEN);
  g_assert_cmpuint (wait, ==, 0);
}

static void
test_too_short (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const refused[] = { "", "1234567", "        ", "ééééééé" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (psr_lock_set_passphrase_with_cost (fixture->db, refused[i], TEST_COST,
                                                         &error));
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_false (psr_lock_set_passphrase_with_cost (fixture->db, "abc\xff\xfe" "defgh",
                                                     TEST_COST, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (psr_lock_has_passphrase (fixture->db, &error));
  g_assert_no_error (error);

  /* Eight characters, even of two bytes each, are enough. */
  set_passphrase (fixture, "éééééééé");
  g_assert_true (psr_lock_has_passphrase (fixture->db, &error));
}

static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *prefix = g_strdup_printf ("pbkdf2-sha256$%u$", TEST_COST);
  guint wait = 99;

  set_passphrase (fixture, PASSPHRASE);
  g_assert_true (psr_lock_has_passphrase (fixture->db, &error));

  g_assert_cmpint (verify (fixture, "médiation-2025", NULL, &wait), ==, PSR_LOCK_WRONG);
  g_assert_cmpuint (wait, ==, 0);
  /* Two failures: the third attempt is still free. */
  g_assert_cmpint (verify (fixture, PASSPHRASE " ", NULL, NULL), ==, PSR_LOCK_WRONG);
  g_assert_cmpint (verify (fixture, PASSPHRASE, NULL, &wait), ==, PSR_LOCK_OPEN);
  g_assert_cmpuint (wait, ==, 0);

  /* The hash, not the passphrase, in a form that says how it was made. */
  hash = stored_hash (fixture);
  g_assert_nonnull (hash);
  g_assert_true (g_str_has_prefix (hash, prefix));
  g_assert_null (strstr (hash, PASSPHRASE));
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM settings"
                                       " WHERE instr (value, 'médiation') > 0"),
                   ==, 0);

  /* A new passphrase replaces the old one. */
  set_passphrase (fixture, "another passphrase");
  g_assert_cmpint (verify (fixture, PASSPHRASE, NULL, NULL), ==, PSR_LOCK_WRONG);
  g_assert_cmpint (verify (fixture, "another passphrase", NULL, NULL), ==, PSR_LOCK_OPEN);

  g_assert_true (psr_lock_clear_passphrase (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (psr_lock_has_passphrase (fixture->db, &error));
  g_assert_cmpint (verify (fixture, "whatever", NULL, NULL), ==, PSR_LOCK_OPEN);
}

static void
test_salts_differ (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) first_parts = NULL;
  g_auto(GStrv) second_parts = NULL;

  set_passphrase (fixture, PASSPHRASE);
  first = stored_hash (fixture);
  set_passphrase (fixture, PASSPHRASE);
  second = stored_hash (fixture);

  first_parts = g_strsplit (first, "$", -1);
  second_parts = g_strsplit (second, "$", -1);
  g_assert_cmpuint (g_strv_length (first_parts), ==, 4);
  g_assert_cmpuint (g_strv_length (second_parts), ==, 4);
  g_assert_cmpstr (first_parts[2], !=, second_parts[2]);
  g_assert_cmpstr (first_parts[3], !=, second_parts[3]);

  /* Both verify. */
  g_assert_cmpint (verify (fixture, PASSPHRASE, NULL, NULL), ==, PSR_LOCK_OPEN);
}

static GDateTime *
at (GDateTime *start,
    int        seconds)
{
  return g_date_time_add_seconds (start, seconds);
}

static void
test_delays (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 16, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  guint expected_delays[] = { 60, 120, 240, 480, 900, 900 };
  int clock = 0;
  guint wait = 99;

  set_passphrase (fixture, PASSPHRASE);

  /* Free attempts. */
  for (guint i = 1; i <= PSR_LOCK_FREE_ATTEMPTS; i++)
    {
      g_autoptr(GDateTime) now = at (start, clock);

      g_assert_cmpint (verify (fixture, "wrong guess", now, &wait), ==, PSR_LOCK_WRONG);
      g_assert_cmpuint (wait, ==, i < PSR_LOCK_FREE_ATTEMPTS ? 0 : PSR_LOCK_FIRST_DELAY);
    }

  /* Too early: nothing is checked, not even the right passphrase, and the
   * wait does not grow. */
  {
    g_autoptr(GDateTime) now = at (start, 10);

    g_assert_cmpint (verify (fixture, PASSPHRASE, now, &wait), ==, PSR_LOCK_WAIT);
    g_assert_cmpuint (wait, ==, 20);
    g_assert_cmpint (verify (fixture, "wrong guess", now, &wait), ==, PSR_LOCK_WAIT);
    g_assert_cmpuint (wait, ==, 20);
    g_assert_cmpuint (psr_lock_get_wait (fixture->db, now, &error), ==, 20);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GDateTime) now = g_date_time_add_seconds (start, 29.5);

    /* Half a second left shows as a second. */
    g_assert_cmpint (verify (fixture, PASSPHRASE, now, &wait), ==, PSR_LOCK_WAIT);
    g_assert_cmpuint (wait, ==, 1);
  }

  /* Each further failure doubles the wait, up to the maximum. */
  clock = PSR_LOCK_FIRST_DELAY;
  for (guint i = 0; i < G_N_ELEMENTS (expected_delays); i++)
    {
      g_autoptr(GDateTime) now = at (start, clock);
      g_autoptr(GDateTime) just_before = at (start, clock + expected_delays[i] - 1);

      g_assert_cmpint (verify (fixture, "wrong guess", now, &wait), ==, PSR_LOCK_WRONG);
      g_assert_cmpuint (wait, ==, expected_delays[i]);
      g_assert_cmpint (verify (fixture, PASSPHRASE, just_before, &wait), ==, PSR_LOCK_WAIT);
      g_assert_cmpuint (wait, ==, 1);
      clock += expected_delays[i];
    }

  /* A clock set back does not shorten the wait. */
  {
    g_autoptr(GDateTime) back = at (start, -3600);

    g_assert_cmpint (verify (fixture, PASSPHRASE, back, &wait), ==, PSR_LOCK_WAIT);
    g_assert_cmpuint (wait, ==, PSR_LOCK_MAX_DELAY);
  }

  /* Quitting does not reset the count. */
  g_assert_finalize_object (fixture->db);
  fixture->db = psr_database_open (fixture->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) now = at (start, clock - 100);

    g_assert_cmpuint (psr_lock_get_wait (fixture->db, now, &error), ==, 100);
    g_assert_cmpint (verify (fixture, PASSPHRASE, now, &wait), ==, PSR_LOCK_WAIT);
    g_assert_cmpuint (wait, ==, 100);
  }

  /* The right passphrase, once allowed, opens and resets the count. */
  {
    g_autoptr(GDateTime) now = at (start, clock);

    g_assert_cmpint (verify (fixture, PASSPHRASE, now, &wait), ==, PSR_LOCK_OPEN);
    g_assert_cmpuint (psr_lock_get_wait (fixture->db, now, &error), ==, 0);
    g_assert_cmpint (verify (fixture, "wrong guess", now, &wait), ==, PSR_LOCK_WRONG);
    g_assert_cmpuint (wait, ==, 0);
  }
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  psr_test_exec (fixture->db,
                 "INSERT INTO settings (key, value)"
                 " VALUES ('trainee-space.passphrase', 'md5$1$abc$def')");
  g_assert_cmpint (psr_lock_verify (fixture->db, "whatever it is", NULL, NULL, &error),
                   ==, PSR_LOCK_WRONG);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_DAMAGED);
}

static void
test_pbkdf2_vectors (void)
{
  /* The common PBKDF2-HMAC-SHA256 vectors, and one checked against
   * Python's hashlib.pbkdf2_hmac. */
  static const struct
  {
    const char *password;
    const char *salt;
    guint       iterations;
    const char *expected;
  } vectors[] = {
    { "password", "salt", 1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b" },
    { "password", "salt", 2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43" },
    { "password", "salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a" },
    { "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096,
      "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1" },
    /* A key longer than a block of SHA-256 is hashed first. */
    { "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxé",
      "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096,
      "9b475d2b7fd4287b051a058afe8c5f255382484251b9ef4f53c3707f55481a19" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GString) hex = g_string_new (NULL);
      guint8 out[32];

      psr_lock_pbkdf2_sha256 (vectors[i].password, (const guint8 *) vectors[i].salt,
                              strlen (vectors[i].salt), vectors[i].iterations, out);
      for (guint j = 0; j < sizeof out; j++)
        g_string_append_printf (hex, "%02x", out[j]);
      g_assert_cmpstr (hex->str, ==, vectors[i].expected);
    }
}

static void
test_default_cost (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *prefix = g_strdup_printf ("pbkdf2-sha256$%u$", PSR_LOCK_ITERATIONS);
  gint64 start;

  g_assert_cmpuint (PSR_LOCK_ITERATIONS, >=, 200000);

  start = g_get_monotonic_time ();
  g_assert_true (psr_lock_set_passphrase (fixture->db, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_test_message ("hashing at the default cost took %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  hash = stored_hash (fixture);
  g_assert_true (g_str_has_prefix (hash, prefix));
  g_assert_cmpint (verify (fixture, PASSPHRASE, NULL, NULL), ==, PSR_LOCK_OPEN);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/lock/unset", test_unset);
  ADD ("/lock/too-short", test_too_short);
  ADD ("/lock/verify", test_verify);
  ADD ("/lock/salts-differ", test_salts_differ);
  ADD ("/lock/delays", test_delays);
  ADD ("/lock/damaged", test_damaged);
  ADD ("/lock/default-cost", test_default_cost);
  g_test_add_func ("/lock/pbkdf2-vectors", test_pbkdf2_vectors);

#undef ADD

  return g_test_run ();
}
