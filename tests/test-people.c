/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "psr-error.h"
#include "psr-people.h"
#include "psr-planning.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
create (PsrDatabase *db,
        const char  *given_name,
        const char  *family_name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_person_create (db, given_name, family_name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set (PsrDatabase    *db,
     gint64          id,
     PsrPersonField  field,
     const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_person_set_field (db, id, field, value, &error));
  g_assert_no_error (error);
}

/* The row of a person as text, to check that a refusal changed nothing. */
static char *
snapshot (PsrDatabase *db,
          gint64       id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT given_name || '|' || family_name || '|' || coalesce (email, '<null>') || '|' || phone"
    " || '|' || organisation || '|' || job || '|' || country || '|' || language || '|'"
    " || is_trainer || '|' || accessibility_needs || '|'"
    " || coalesce (accessibility_consent_at, '<null>') || '|' || notes || '|' || updated_at"
    " FROM people WHERE id = ?1", &error);
  char *text;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPersonDetails) details = NULL;
  gint64 id;

  id = create (fixture->db, "  Marie ", " Curie ");
  details = psr_person_get_details (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details->given_name, ==, "Marie");
  g_assert_cmpstr (details->family_name, ==, "Curie");
  g_assert_cmpstr (details->display_name, ==, "Marie Curie");
  g_assert_cmpstr (details->email, ==, "");
  g_assert_cmpstr (details->language, ==, "fr");
  g_assert_false (details->is_trainer);
  g_assert_null (details->accessibility_consent_at);
  g_assert_nonnull (details->created_at);
  g_assert_cmpuint (strlen (details->uuid), ==, 36);

  /* One name is enough, either one. */
  create (fixture->db, NULL, "Noether");
  create (fixture->db, "Ada", "");

  g_assert_cmpint (psr_person_create (fixture->db, "  ", "\t", &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_person_create (fixture->db, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_person_create (fixture->db, "\xff\xfe", NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM people"), ==, 3);
}

static void
test_fields (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPersonDetails) details = NULL;
  g_autoptr(GListModel) found = NULL;
  gint64 id = create (fixture->db, "Marie", "Curie");

  set (fixture->db, id, PSR_PERSON_FIELD_EMAIL, " Marie.Curie@Example.org ");
  set (fixture->db, id, PSR_PERSON_FIELD_PHONE, "+33 1 23 45 67 89");
  set (fixture->db, id, PSR_PERSON_FIELD_ORGANISATION, "Institut du Radium");
  set (fixture->db, id, PSR_PERSON_FIELD_JOB, "Médiatrice");
  set (fixture->db, id, PSR_PERSON_FIELD_COUNTRY, "France");
  set (fixture->db, id, PSR_PERSON_FIELD_LANGUAGE, "en");
  set (fixture->db, id, PSR_PERSON_FIELD_NOTES, "First line\nSecond line");
  set (fixture->db, id, PSR_PERSON_FIELD_GIVEN_NAME, "Maria");

  details = psr_person_get_details (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details->email, ==, "Marie.Curie@Example.org");
  g_assert_cmpstr (details->phone, ==, "+33 1 23 45 67 89");
  g_assert_cmpstr (details->organisation, ==, "Institut du Radium");
  g_assert_cmpstr (details->job, ==, "Médiatrice");
  g_assert_cmpstr (details->country, ==, "France");
  g_assert_cmpstr (details->language, ==, "en");
  g_assert_cmpstr (details->notes, ==, "First line\nSecond line");
  g_assert_cmpstr (details->display_name, ==, "Maria Curie");

  /* The search index follows the changes. */
  found = psr_planning_search_people (fixture->db, "radium", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);

  /* An empty email is no email at all: several people may have none. */
  set (fixture->db, id, PSR_PERSON_FIELD_EMAIL, "");
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people WHERE email IS NULL"), ==, 1);
  g_assert_cmpint (psr_person_find_by_email (fixture->db, "marie.curie@example.org", &error), ==, 0);
  g_assert_no_error (error);

  /* The two names may not both become blank. */
  set (fixture->db, id, PSR_PERSON_FIELD_GIVEN_NAME, "");
  g_assert_false (psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_FAMILY_NAME, "  ",
                                        &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
}

static void
test_email (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 marie = create (fixture->db, "Marie", "Curie");
  gint64 pierre = create (fixture->db, "Pierre", "Curie");
  const char *invalid[] = {
    "marie", "marie@", "@example.org", "marie@example", "marie@@example.org",
    "marie curie@example.org", "marie@example.", "marie@.org", "a@b@c.org",
  };

  g_assert_true (psr_person_email_is_valid ("m@x.fr"));
  g_assert_true (psr_person_email_is_valid ("marie.curie+lab@sub.example.org"));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (psr_person_email_is_valid (invalid[i]));

  set (fixture->db, marie, PSR_PERSON_FIELD_EMAIL, "marie@example.org");
  before = snapshot (fixture->db, pierre);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (psr_person_set_field (fixture->db, pierre, PSR_PERSON_FIELD_EMAIL,
                                            invalid[i], &error));
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Unique, ignoring case: the message names the other person. */
  g_assert_false (psr_person_set_field (fixture->db, pierre, PSR_PERSON_FIELD_EMAIL,
                                        "MARIE@Example.ORG", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Marie Curie"));
  g_clear_error (&error);

  after = snapshot (fixture->db, pierre);
  g_assert_cmpstr (before, ==, after);

  /* A person may keep their own email, in another case. */
  set (fixture->db, marie, PSR_PERSON_FIELD_EMAIL, "Marie@example.org");
  g_assert_cmpint (psr_person_find_by_email (fixture->db, " MARIE@EXAMPLE.ORG ", &error), ==,
                   marie);
  g_assert_no_error (error);
}

static void
test_language (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture->db, "Marie", "Curie");

  set (fixture->db, id, PSR_PERSON_FIELD_LANGUAGE, "ar");
  g_assert_false (psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_LANGUAGE, "klingon",
                                        &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_LANGUAGE, "", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people WHERE language = 'ar'"), ==, 1);
}

static void
test_trainer (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) trainers = NULL;
  gint64 id = create (fixture->db, "Marie", "Curie");

  create (fixture->db, "Pierre", "Curie");
  g_assert_true (psr_person_set_trainer (fixture->db, id, TRUE, &error));
  g_assert_no_error (error);

  trainers = psr_planning_search_people (fixture->db, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trainers), ==, 1);

  g_assert_true (psr_person_set_trainer (fixture->db, id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people WHERE is_trainer = 1"), ==, 0);
}

static void
test_accessibility (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPersonDetails) details = NULL;
  g_autoptr(PsrPersonDetails) cleared = NULL;
  gint64 id = create (fixture->db, "Marie", "Curie");

  g_assert_true (psr_person_set_accessibility_needs (fixture->db, id, " Wheelchair access ",
                                                     &error));
  g_assert_no_error (error);
  details = psr_person_get_details (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details->accessibility_needs, ==, "Wheelchair access");
  g_assert_nonnull (details->accessibility_consent_at);

  g_assert_true (psr_person_set_accessibility_needs (fixture->db, id, "  ", &error));
  g_assert_no_error (error);
  cleared = psr_person_get_details (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cleared->accessibility_needs, ==, "");
  g_assert_null (cleared->accessibility_consent_at);

  /* The schema itself refuses needs without consent. */
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people WHERE accessibility_needs != ''"
                                       " AND accessibility_consent_at IS NULL"), ==, 0);
}

static void
test_details_copy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPersonDetails) details = NULL;
  g_autoptr(PsrPersonDetails) copy = NULL;
  gint64 id = create (fixture->db, "Marie", "Curie");

  g_assert_true (psr_person_set_accessibility_needs (fixture->db, id, "Large print", &error));
  details = psr_person_get_details (fixture->db, id, &error);
  g_assert_no_error (error);
  copy = g_boxed_copy (PSR_TYPE_PERSON_DETAILS, details);
  g_assert_cmpstr (copy->display_name, ==, details->display_name);
  g_assert_cmpstr (copy->accessibility_needs, ==, "Large print");
  g_assert_true (g_date_time_equal (copy->accessibility_consent_at,
                                    details->accessibility_consent_at));
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (psr_person_set_field (fixture->db, 42, PSR_PERSON_FIELD_JOB, "x", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_person_set_trainer (fixture->db, 42, TRUE, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_person_set_accessibility_needs (fixture->db, 42, "x", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_person_delete (fixture->db, 42, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (psr_person_get_details (fixture->db, 42, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* A session of a curriculum with one slot, built with SQL: the people
 * store does not depend on the sessions'. */
static gint64
make_session (PsrDatabase *db)
{
  psr_test_exec (db,
    "INSERT INTO curricula (uuid, lineage_uuid, title)"
    " VALUES ('c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',"
    " 'Médiation');"
    "INSERT INTO sessions (uuid, curriculum_id) VALUES ('50000000-0000-4000-8000-000000000001', 1);"
    "INSERT INTO session_slots (uuid, session_id, day, period, starts_at, ends_at)"
    " VALUES ('51000000-0000-4000-8000-000000000001', 1, '2026-03-11', 'morning', '09:00', '12:30')");
  return 1;
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 trainee = create (fixture->db, "Marie", "Curie");
  gint64 trainer = create (fixture->db, "Pierre", "Curie");
  gint64 signer = create (fixture->db, "Irène", "Joliot-Curie");
  gint64 session = make_session (fixture->db);

  sql = g_strdup_printf (
    "INSERT INTO enrollments (uuid, session_id, person_id)"
    " VALUES ('e0000000-0000-4000-8000-000000000001', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
    "INSERT INTO session_trainers (session_id, person_id) VALUES (%" G_GINT64_FORMAT ", %"
    G_GINT64_FORMAT ");"
    "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes, signed_at,"
    " previous_hash, hash) VALUES ('5a000000-0000-4000-8000-000000000001', %" G_GINT64_FORMAT
    ", 1, %" G_GINT64_FORMAT ", 'trainee', X'00', '2026-03-11T08:00:00Z', '0', 'h1')",
    session, trainee, session, trainer, session, signer);
  psr_test_exec (fixture->db, sql);

  g_assert_false (psr_person_delete (fixture->db, trainer, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "erase"));
  g_clear_error (&error);

  g_assert_false (psr_person_delete (fixture->db, signer, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Erase"));
  g_clear_error (&error);

  /* A trainee goes with their enrollment. */
  g_assert_true (psr_person_delete (fixture->db, trainee, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM people"), ==, 2);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM enrollments"), ==, 0);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people_fts WHERE people_fts MATCH"
                                       " 'marie'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/people/create", test_create);
  ADD ("/people/fields", test_fields);
  ADD ("/people/email", test_email);
  ADD ("/people/language", test_language);
  ADD ("/people/trainer", test_trainer);
  ADD ("/people/accessibility", test_accessibility);
  ADD ("/people/details-copy", test_details_copy);
  ADD ("/people/not-found", test_not_found);
  ADD ("/people/delete", test_delete);

#undef ADD

  return g_test_run ();
}
