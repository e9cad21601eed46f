/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-sessions.h"
#include "psr-test-utils.h"

/* The sessions of the test run in March 2026, in Paris (TZ is fixed by the
 * test environment): the clocks below are local times. */

typedef struct
{
  char        *dir;
  PsrDatabase *db;
  gint64       curriculum;
  gint64       trainers[3];   /* Camille Roux, Hugo Blanc, Inès Noir */
  gint64       trainees[8];
  gint64       not_trainer;   /* a trainee */
} Fixture;

static gint64
add_person (PsrDatabase *db,
            const char  *given,
            const char  *family,
            gboolean     trainer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  stmt = psr_database_prepare (db,
    "INSERT INTO people (uuid, given_name, family_name, is_trainer) VALUES (?1, ?2, ?3, ?4)",
    &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, given, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, family, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, trainer);
  g_assert_true (psr_database_step_done (db, stmt, &error));
  g_assert_no_error (error);
  return psr_database_last_id (db);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const trainers[][2] = {
    { "Camille", "Roux" }, { "Hugo", "Blanc" }, { "Inès", "Noir" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);

  fixture->curriculum = psr_curriculum_create (fixture->db, "Accueillir les publics", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->trainers); i++)
    fixture->trainers[i] = add_person (fixture->db, trainers[i][0], trainers[i][1], TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->trainees); i++)
    {
      g_autofree char *family = g_strdup_printf ("Trainee%u", i);

      fixture->trainees[i] = add_person (fixture->db, "Alex", family, FALSE);
    }

  fixture->not_trainer = fixture->trainees[0];
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers ------------------------------------------------------------------ */

static gint64
count (Fixture    *fixture,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return psr_test_query_int (fixture->db, sql);
}

static void
exec (Fixture    *fixture,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
exec (Fixture    *fixture,
      const char *format,
      ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  psr_test_exec (fixture->db, sql);
}

/* The whole content of the tables a session lives in, to check that a
 * refused change left it as it was. */
static char *
snapshot (Fixture *fixture)
{
  static const char * const queries[] = {
    "SELECT group_concat(id || title || place || room || notes || capacity || min_trainees"
    " || status || cancel_reason || coalesce(starts_on, '') || coalesce(ends_on, '')"
    " || signature_count || last_signature_hash || updated_at, '|') FROM sessions",
    "SELECT group_concat(id || session_id || day || period || starts_at || ends_at, '|')"
    " FROM session_slots",
    "SELECT group_concat(session_id || '-' || person_id, '|') FROM session_trainers",
    "SELECT group_concat(id || status || coalesce(waiting_position, '') || cancel_reason, '|')"
    " FROM enrollments",
    "SELECT group_concat(slot_id || person_id || status, '|') FROM attendance",
    "SELECT group_concat(id || hash, '|') FROM signatures",
    "SELECT group_concat(id || filename, '|') FROM attachments",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = psr_database_prepare (fixture->db, queries[i], &error);
      const char *value;

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      value = (const char *) sqlite3_column_text (stmt, 0);
      g_string_append_printf (text, "%s\n", value != NULL ? value : "");
      sqlite3_reset (stmt);
    }

  return g_string_free (text, FALSE);
}

static GDate *
day (guint d)
{
  return g_date_new_dmy (d, G_DATE_MARCH, 2026);
}

static gint64
new_session (Fixture *fixture,
             guint    capacity)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_session_create (fixture->db, fixture->curriculum, capacity, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_slot (Fixture   *fixture,
          gint64     session,
          guint      d,
          PsrPeriod  period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) date = day (d);
  gint64 id = psr_session_add_slot (fixture->db, session, date, period, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_trainers (Fixture      *fixture,
              gint64        session,
              const gint64 *ids,
              gsize         n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_session_set_trainers (fixture->db, session, ids, n, &error));
  g_assert_no_error (error);
}

static gint64
enroll (Fixture              *fixture,
        gint64                session,
        gint64                person,
        PsrEnrollmentStatus   expected)
{
  g_autoptr(GError) error = NULL;
  PsrEnrollmentStatus status = -1;
  gint64 id = psr_session_enroll (fixture->db, session, person, &status, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (status, ==, expected);
  return id;
}

static GPtrArray *
strokes_sample (double shift)
{
  GPtrArray *strokes = psr_strokes_new ();

  psr_strokes_add_point (strokes, TRUE, 0.1 + shift, 0.5);
  psr_strokes_add_point (strokes, FALSE, 0.2 + shift, 0.4);
  psr_strokes_add_point (strokes, FALSE, 0.3 + shift, 0.6);
  psr_strokes_add_point (strokes, TRUE, 0.5, 0.5);
  psr_strokes_add_point (strokes, FALSE, 0.9, 0.55);
  return strokes;
}

static GDateTime *
clock_at (guint d,
          guint hour,
          guint minute)
{
  return g_date_time_new_local (2026, 3, d, hour, minute, 0);
}

/* Signs and expects it to work. */
static gint64
sign (Fixture           *fixture,
      gint64             slot,
      gint64             person,
      PsrSignatureRole   role,
      const char        *late_reason,
      GDateTime         *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strokes = strokes_sample (0.0);
  gint64 id = psr_slot_sign (fixture->db, slot, person, role, strokes, late_reason, now, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Signs and expects a refusal that changes nothing. */
static void
sign_refused (Fixture           *fixture,
              gint64             slot,
              gint64             person,
              PsrSignatureRole   role,
              const char        *late_reason,
              GDateTime         *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strokes = strokes_sample (0.0);
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;

  g_assert_cmpint (
    psr_slot_sign (fixture->db, slot, person, role, strokes, late_reason, now, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
}

static PsrChainReport *
verify (Fixture *fixture,
        gint64   session)
{
  g_autoptr(GError) error = NULL;
  PsrChainReport *report = psr_session_verify_signatures (fixture->db, session, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Planning ------------------------------------------------------------------ */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSessionDetails) details = NULL;
  g_autoptr(PsrSessionDetails) small = NULL;
  g_autoptr(PsrSessionDetails) copy = NULL;
  gint64 id = new_session (fixture, 12);
  gint64 small_id = new_session (fixture, 3);

  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (details->curriculum_id, ==, fixture->curriculum);
  g_assert_cmpstr (details->title, ==, "");
  g_assert_cmpstr (details->display_title, ==, "Accueillir les publics");
  g_assert_cmpstr (details->curriculum_title, ==, "Accueillir les publics");
  g_assert_cmpuint (details->capacity, ==, 12);
  g_assert_cmpuint (details->min_trainees, ==, PSR_SESSION_DEFAULT_MINIMUM);
  g_assert_cmpint (details->status, ==, PSR_SESSION_PLANNED);
  g_assert_cmpuint (strlen (details->uuid), ==, 36);
  g_assert_false (g_date_valid (&details->starts_on));
  g_assert_cmpuint (details->n_enrolled, ==, 0);

  copy = psr_session_details_copy (details);
  g_assert_cmpstr (copy->display_title, ==, details->display_title);

  /* The minimum never goes above the seats. */
  small = psr_session_get_details (fixture->db, small_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (small->min_trainees, ==, 3);

  g_assert_cmpint (psr_session_create (fixture->db, fixture->curriculum, 0, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (psr_session_create (fixture->db, 9999, 12, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  exec (fixture, "UPDATE curricula SET status = 'archived' WHERE id = %" G_GINT64_FORMAT,
        fixture->curriculum);
  g_assert_cmpint (psr_session_create (fixture->db, fixture->curriculum, 12, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sessions"), ==, 2);

  g_assert_null (psr_session_get_details (fixture->db, 9999, NULL));
}

static void
test_fields (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSessionDetails) details = NULL;
  gint64 id = new_session (fixture, 12);

  g_assert_true (
    psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_TITLE, "  Printemps  ", &error));
  g_assert_true (
    psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_PLACE, "Cité des sciences", &error));
  g_assert_true (
    psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_ROOM, "Salle 2", &error));
  g_assert_true (
    psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_NOTES, "Badge à l'accueil", &error));
  g_assert_no_error (error);

  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpstr (details->title, ==, "Printemps");
  g_assert_cmpstr (details->display_title, ==, "Printemps");
  g_assert_cmpstr (details->place, ==, "Cité des sciences");
  g_assert_cmpstr (details->room, ==, "Salle 2");
  g_assert_cmpstr (details->notes, ==, "Badge à l'accueil");
  g_clear_pointer (&details, psr_session_details_free);

  /* An empty title gives the curriculum's back. */
  g_assert_true (psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_TITLE, "  ", &error));
  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpstr (details->display_title, ==, "Accueillir les publics");

  g_assert_false (psr_session_set_field (fixture->db, 9999, PSR_SESSION_FIELD_PLACE, "x", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSessionDetails) details = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = new_session (fixture, 12);

  g_assert_true (
    psr_session_set_status (fixture->db, id, PSR_SESSION_CONFIRMED, "ignored", &error));
  g_assert_no_error (error);

  /* Cancelling needs a reason; refused, it changes nothing. */
  before = snapshot (fixture);
  g_assert_false (psr_session_set_status (fixture->db, id, PSR_SESSION_CANCELLED, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    psr_session_set_status (fixture->db, id, PSR_SESSION_CANCELLED, " \t\n ", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (psr_session_set_status (fixture->db, id, PSR_SESSION_CANCELLED,
                                         "  Trop peu d'inscrits ", &error));
  g_assert_no_error (error);
  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpint (details->status, ==, PSR_SESSION_CANCELLED);
  g_assert_cmpstr (details->cancel_reason, ==, "Trop peu d'inscrits");
  g_clear_pointer (&details, psr_session_details_free);

  /* Restored, it forgets the reason. */
  g_assert_true (psr_session_set_status (fixture->db, id, PSR_SESSION_PLANNED, NULL, &error));
  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpint (details->status, ==, PSR_SESSION_PLANNED);
  g_assert_cmpstr (details->cancel_reason, ==, "");

  g_assert_cmpstr (psr_session_status_to_code (PSR_SESSION_DONE), ==, "done");
  g_assert_cmpint (psr_session_status_from_code ("running"), ==, PSR_SESSION_RUNNING);
  g_assert_cmpint (psr_session_status_from_code ("dancing"), ==, -1);
  g_assert_cmpstr (psr_session_status_label (PSR_SESSION_CANCELLED), ==, "Cancelled");
}

static void
test_slots (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(PsrSessionDetails) details = NULL;
  g_autoptr(PsrSlot) slot = NULL;
  g_autoptr(GDate) tenth = day (10);
  g_autoptr(GDate) twelfth = day (12);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = new_session (fixture, 12);
  gint64 afternoon = add_slot (fixture, id, 10, PSR_PERIOD_AFTERNOON);
  gint64 morning = add_slot (fixture, id, 10, PSR_PERIOD_MORNING);
  gint64 next;

  next = add_slot (fixture, id, 11, PSR_PERIOD_MORNING);

  slots = psr_session_list_slots (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 3);
  slot = psr_slot_copy (g_ptr_array_index (slots, 0));
  g_assert_cmpint (slot->id, ==, morning);
  g_assert_cmpuint (slot->starts_at, ==, 9 * 60);
  g_assert_cmpuint (slot->ends_at, ==, 12 * 60 + 30);
  g_assert_cmpint (((PsrSlot *) g_ptr_array_index (slots, 1))->id, ==, afternoon);
  g_assert_cmpuint (((PsrSlot *) g_ptr_array_index (slots, 1))->starts_at, ==, 13 * 60 + 30);
  g_assert_cmpuint (((PsrSlot *) g_ptr_array_index (slots, 1))->ends_at, ==, 17 * 60);
  g_assert_cmpint (((PsrSlot *) g_ptr_array_index (slots, 2))->id, ==, next);

  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpuint (g_date_get_day (&details->starts_on), ==, 10);
  g_assert_cmpuint (g_date_get_day (&details->ends_on), ==, 11);
  g_clear_pointer (&details, psr_session_details_free);

  /* Refusals change nothing. */
  before = snapshot (fixture);
  g_assert_cmpint (psr_session_add_slot (fixture->db, id, tenth, PSR_PERIOD_MORNING, &error), ==,
                   0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    psr_slot_set (fixture->db, next, tenth, PSR_PERIOD_MORNING, 9 * 60, 12 * 60, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    psr_slot_set (fixture->db, next, twelfth, PSR_PERIOD_MORNING, 12 * 60, 9 * 60, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    psr_slot_set (fixture->db, next, twelfth, PSR_PERIOD_MORNING, 9 * 60, 24 * 60, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (
    psr_slot_set (fixture->db, next, twelfth, PSR_PERIOD_MORNING, 8 * 60 + 45, 12 * 60, &error));
  g_assert_no_error (error);
  g_clear_pointer (&slot, psr_slot_free);
  slot = psr_slot_get (fixture->db, next, &error);
  g_assert_cmpuint (g_date_get_day (&slot->day), ==, 12);
  g_assert_cmpuint (slot->starts_at, ==, 8 * 60 + 45);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM session_slots WHERE starts_at = '08:45'"),
                   ==, 1);

  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpuint (g_date_get_day (&details->ends_on), ==, 12);
  g_clear_pointer (&details, psr_session_details_free);

  g_assert_null (psr_session_list_slots (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (psr_session_list_trainers (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (psr_slot_remove (fixture->db, next, &error));
  g_assert_no_error (error);
  g_assert_null (psr_slot_get (fixture->db, next, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  details = psr_session_get_details (fixture->db, id, NULL);
  g_assert_cmpuint (g_date_get_day (&details->ends_on), ==, 10);
}

static void
test_trainers (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trainers = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = new_session (fixture, 12);
  gint64 two[] = { fixture->trainers[0], fixture->trainers[1], fixture->trainers[0] };
  gint64 with_trainee[] = { fixture->trainers[2], fixture->not_trainer };
  gint64 missing[] = { 9999 };

  set_trainers (fixture, id, two, G_N_ELEMENTS (two));
  trainers = psr_session_list_trainers (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trainers->len, ==, 2);
  /* By family name: Blanc, Roux. */
  g_assert_cmpstr (((PsrSessionPerson *) g_ptr_array_index (trainers, 0))->display_name, ==,
                   "Hugo Blanc");
  g_assert_cmpstr (((PsrSessionPerson *) g_ptr_array_index (trainers, 1))->display_name, ==,
                   "Camille Roux");

  /* Only people marked as trainers; a refusal keeps the trainers. */
  before = snapshot (fixture);
  g_assert_false (psr_session_set_trainers (fixture->db, id, with_trainee, 2, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Trainee0"));
  g_clear_error (&error);
  g_assert_false (psr_session_set_trainers (fixture->db, id, missing, 1, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  set_trainers (fixture, id, NULL, 0);
  g_clear_pointer (&trainers, g_ptr_array_unref);
  trainers = psr_session_list_trainers (fixture->db, id, &error);
  g_assert_cmpuint (trainers->len, ==, 0);
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSessionDetails) copy = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) trainers = NULL;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GDate) april = g_date_new_dmy (6, G_DATE_APRIL, 2026);
  g_autoptr(GDate) eleventh = day (11);
  gint64 id = new_session (fixture, 10);
  gint64 trainers_ids[] = { fixture->trainers[0] };
  gint64 copy_id;
  PsrSlot *slot;

  psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_PLACE, "Cité", &error);
  psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_ROOM, "Salle 2", &error);
  psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_NOTES, "Notes", &error);
  psr_session_set_minimum (fixture->db, id, 4, &error);
  g_assert_no_error (error);
  set_trainers (fixture, id, trainers_ids, 1);
  add_slot (fixture, id, 10, PSR_PERIOD_MORNING);
  add_slot (fixture, id, 12, PSR_PERIOD_AFTERNOON);
  g_assert_true (psr_slot_set (fixture->db, add_slot (fixture, id, 11, PSR_PERIOD_MORNING),
                               eleventh, PSR_PERIOD_MORNING, 9 * 60 + 15, 12 * 60, &error));
  enroll (fixture, id, fixture->trainees[0], PSR_ENROLLMENT_ENROLLED);
  psr_session_set_status (fixture->db, id, PSR_SESSION_CONFIRMED, NULL, &error);
  g_assert_no_error (error);

  /* A copy needs its first day. */
  g_assert_cmpint (psr_session_duplicate (fixture->db, id, NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sessions"), ==, 1);

  copy_id = psr_session_duplicate (fixture->db, id, april, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, >, id);

  copy = psr_session_get_details (fixture->db, copy_id, &error);
  g_assert_cmpstr (copy->place, ==, "Cité");
  g_assert_cmpstr (copy->room, ==, "Salle 2");
  g_assert_cmpstr (copy->notes, ==, "Notes");
  g_assert_cmpuint (copy->capacity, ==, 10);
  g_assert_cmpuint (copy->min_trainees, ==, 4);
  g_assert_cmpint (copy->status, ==, PSR_SESSION_PLANNED);
  g_assert_cmpuint (copy->n_enrolled, ==, 0);

  /* The same pattern, from 6 April: 6 morning, 7 morning at 09:15, 8 afternoon. */
  slots = psr_session_list_slots (fixture->db, copy_id, &error);
  g_assert_cmpuint (slots->len, ==, 3);
  slot = g_ptr_array_index (slots, 0);
  g_assert_cmpuint (g_date_get_day (&slot->day), ==, 6);
  g_assert_cmpuint (g_date_get_month (&slot->day), ==, G_DATE_APRIL);
  g_assert_cmpint (slot->period, ==, PSR_PERIOD_MORNING);
  slot = g_ptr_array_index (slots, 1);
  g_assert_cmpuint (g_date_get_day (&slot->day), ==, 7);
  g_assert_cmpuint (slot->starts_at, ==, 9 * 60 + 15);
  slot = g_ptr_array_index (slots, 2);
  g_assert_cmpuint (g_date_get_day (&slot->day), ==, 8);
  g_assert_cmpint (slot->period, ==, PSR_PERIOD_AFTERNOON);

  trainers = psr_session_list_trainers (fixture->db, copy_id, &error);
  g_assert_cmpuint (trainers->len, ==, 1);
  enrollments = psr_session_list_enrollments (fixture->db, copy_id, &error);
  g_assert_cmpuint (enrollments->len, ==, 0);
  g_assert_no_error (error);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = clock_at (10, 9, 30);
  g_autoptr(GDate) eleventh = day (11);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 plain = new_session (fixture, 12);
  gint64 signed_id = new_session (fixture, 12);
  gint64 trainer[] = { fixture->trainers[0] };
  gint64 slot;

  add_slot (fixture, plain, 10, PSR_PERIOD_MORNING);
  enroll (fixture, plain, fixture->trainees[0], PSR_ENROLLMENT_ENROLLED);
  g_assert_true (psr_session_delete (fixture->db, plain, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM session_slots"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM enrollments"), ==, 0);

  set_trainers (fixture, signed_id, trainer, 1);
  slot = add_slot (fixture, signed_id, 10, PSR_PERIOD_MORNING);
  sign (fixture, slot, fixture->trainers[0], PSR_SIGNATURE_TRAINER, NULL, now);

  /* Signatures are proof: neither the session nor the slot goes. */
  before = snapshot (fixture);
  g_assert_false (psr_session_delete (fixture->db, signed_id, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (psr_slot_remove (fixture->db, slot, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (psr_slot_set (fixture->db, slot, eleventh, PSR_PERIOD_MORNING, 540, 720, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_false (psr_session_delete (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_calendar (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(GDate) monday = day (9);
  g_autoptr(GDate) sunday = day (15);
  g_autoptr(PsrCalendarEntry) copy = NULL;
  gint64 a = new_session (fixture, 12);
  gint64 b = new_session (fixture, 12);
  gint64 c = new_session (fixture, 12);
  PsrCalendarEntry *entry;

  psr_session_set_field (fixture->db, b, PSR_SESSION_FIELD_TITLE, "Bis", &error);
  /* a: 12 and 16 March (one in the week); b: 9 March; c: 20 March. */
  add_slot (fixture, a, 16, PSR_PERIOD_MORNING);
  add_slot (fixture, a, 12, PSR_PERIOD_AFTERNOON);
  add_slot (fixture, b, 9, PSR_PERIOD_MORNING);
  add_slot (fixture, b, 9, PSR_PERIOD_AFTERNOON);
  add_slot (fixture, c, 20, PSR_PERIOD_MORNING);
  psr_session_set_status (fixture->db, b, PSR_SESSION_CANCELLED, "Grève", &error);
  g_assert_no_error (error);

  week = psr_sessions_list_between (fixture->db, monday, sunday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (week->len, ==, 2);

  entry = g_ptr_array_index (week, 0);
  g_assert_cmpint (entry->session_id, ==, b);
  g_assert_cmpstr (entry->display_title, ==, "Bis");
  g_assert_cmpint (entry->status, ==, PSR_SESSION_CANCELLED);
  g_assert_cmpuint (entry->slots->len, ==, 2);

  entry = g_ptr_array_index (week, 1);
  g_assert_cmpint (entry->session_id, ==, a);
  g_assert_cmpuint (entry->slots->len, ==, 1);
  g_assert_cmpuint (g_date_get_day (&((PsrSlot *) g_ptr_array_index (entry->slots, 0))->day), ==,
                    12);
  g_assert_cmpint (((PsrSlot *) g_ptr_array_index (entry->slots, 0))->period, ==,
                   PSR_PERIOD_AFTERNOON);

  copy = psr_calendar_entry_copy (entry);
  g_assert_cmpuint (copy->slots->len, ==, 1);
}

/* Conflicts ----------------------------------------------------------------- */

static GPtrArray *
conflicts_of (Fixture *fixture,
              gint64   session)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = psr_session_list_conflicts (fixture->db, session, &error);

  g_assert_no_error (error);
  g_assert_nonnull (conflicts);
  return conflicts;
}

static guint
count_kind (GPtrArray       *conflicts,
            PsrConflictKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < conflicts->len; i++)
    if (((PsrConflict *) g_ptr_array_index (conflicts, i))->kind == kind)
      n++;

  return n;
}

static PsrConflict *
find_kind (GPtrArray       *conflicts,
           PsrConflictKind  kind)
{
  for (guint i = 0; i < conflicts->len; i++)
    if (((PsrConflict *) g_ptr_array_index (conflicts, i))->kind == kind)
      return g_ptr_array_index (conflicts, i);

  return NULL;
}

static void
test_conflicts_trainer (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = new_session (fixture, 5);
  gint64 second = new_session (fixture, 5);
  gint64 camille[] = { fixture->trainers[0] };
  gint64 both[] = { fixture->trainers[0], fixture->trainers[1] };
  gint64 hugo[] = { fixture->trainers[1] };
  g_autoptr(GDate) tenth = day (10);
  gint64 slot, second_slot;
  PsrConflict *conflict;

  psr_session_set_minimum (fixture->db, first, 0, &error);
  psr_session_set_minimum (fixture->db, second, 0, &error);
  g_assert_no_error (error);
  set_trainers (fixture, first, camille, 1);
  set_trainers (fixture, second, both, 2);
  slot = add_slot (fixture, first, 10, PSR_PERIOD_MORNING);
  add_slot (fixture, first, 11, PSR_PERIOD_MORNING);
  add_slot (fixture, first, 12, PSR_PERIOD_MORNING);
  second_slot = add_slot (fixture, second, 10, PSR_PERIOD_AFTERNOON);

  /* Same day, times apart: no conflict. */
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Back to back, from 12:30 when the morning ends at 12:30: still none. */
  g_assert_true (psr_slot_set (fixture->db, second_slot, tenth, PSR_PERIOD_AFTERNOON, 12 * 60 + 30,
                               17 * 60, &error));
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Overlapping: the afternoon of the second starts at 12:00. */
  psr_slot_set (fixture->db, second_slot, tenth, PSR_PERIOD_AFTERNOON, 12 * 60, 17 * 60, &error);
  g_assert_no_error (error);
  add_slot (fixture, second, 11, PSR_PERIOD_MORNING);

  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->kind, ==, PSR_CONFLICT_TRAINER_BUSY);
  g_assert_cmpint (conflict->person_id, ==, fixture->trainers[0]);
  g_assert_cmpint (conflict->other_session_id, ==, second);
  g_assert_cmpint (conflict->slot_id, ==, slot);
  g_assert_cmpuint (conflict->n_slots, ==, 2);
  g_assert_nonnull (strstr (conflict->message, "Camille Roux"));
  g_assert_nonnull (strstr (conflict->message, "Accueillir les publics"));
  g_assert_nonnull (strstr (conflict->message, "1 other half-day"));
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Seen from the other side too, for Camille only. */
  conflicts = conflicts_of (fixture, second);
  g_assert_cmpuint (count_kind (conflicts, PSR_CONFLICT_TRAINER_BUSY), ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Another trainer: no conflict. */
  set_trainers (fixture, second, hugo, 1);
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* A cancelled session books nobody. */
  set_trainers (fixture, second, camille, 1);
  psr_session_set_status (fixture->db, second, PSR_SESSION_CANCELLED, "Annulée", &error);
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  /* And has no conflicts of its own. */
  conflicts = conflicts_of (fixture, second);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_conflicts_room (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = new_session (fixture, 5);
  gint64 second = new_session (fixture, 5);
  PsrConflict *conflict;

  psr_session_set_minimum (fixture->db, first, 0, &error);
  psr_session_set_minimum (fixture->db, second, 0, &error);
  add_slot (fixture, first, 10, PSR_PERIOD_MORNING);
  add_slot (fixture, second, 10, PSR_PERIOD_MORNING);

  /* No place: nothing to clash. */
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  psr_session_set_field (fixture->db, first, PSR_SESSION_FIELD_PLACE, "Cité des sciences", &error);
  psr_session_set_field (fixture->db, first, PSR_SESSION_FIELD_ROOM, "Salle 2", &error);
  psr_session_set_field (fixture->db, second, PSR_SESSION_FIELD_PLACE, "Cité des sciences", &error);
  psr_session_set_field (fixture->db, second, PSR_SESSION_FIELD_ROOM, "Salle 3", &error);
  g_assert_no_error (error);
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* The same room, whatever the case. */
  psr_session_set_field (fixture->db, second, PSR_SESSION_FIELD_ROOM, "SALLE 2", &error);
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->kind, ==, PSR_CONFLICT_ROOM_BUSY);
  g_assert_cmpint (conflict->other_session_id, ==, second);
  g_assert_cmpint (conflict->person_id, ==, 0);
  g_assert_nonnull (strstr (conflict->message, "Cité des sciences, Salle 2"));
}

static void
test_conflicts_trainee (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = new_session (fixture, 5);
  gint64 second = new_session (fixture, 5);
  gint64 waiting_enrollment;
  PsrConflict *conflict;

  psr_session_set_minimum (fixture->db, first, 0, &error);
  psr_session_set_minimum (fixture->db, second, 0, &error);
  psr_session_set_capacity (fixture->db, second, 1, &error);
  g_assert_no_error (error);
  add_slot (fixture, first, 10, PSR_PERIOD_AFTERNOON);
  add_slot (fixture, second, 10, PSR_PERIOD_AFTERNOON);
  enroll (fixture, first, fixture->trainees[0], PSR_ENROLLMENT_ENROLLED);
  enroll (fixture, first, fixture->trainees[1], PSR_ENROLLMENT_ENROLLED);
  enroll (fixture, second, fixture->trainees[2], PSR_ENROLLMENT_ENROLLED);
  /* Waiting elsewhere is no clash yet. */
  waiting_enrollment = enroll (fixture, second, fixture->trainees[1], PSR_ENROLLMENT_WAITING);

  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  psr_session_set_capacity (fixture->db, second, 5, &error);
  g_assert_no_error (error);
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->kind, ==, PSR_CONFLICT_TRAINEE_BUSY);
  g_assert_cmpint (conflict->person_id, ==, fixture->trainees[1]);
  g_assert_cmpint (conflict->other_session_id, ==, second);
  g_assert_nonnull (strstr (conflict->message, "Alex Trainee1"));
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  g_assert_true (psr_enrollment_cancel (fixture->db, waiting_enrollment, "Malade", &error));
  conflicts = conflicts_of (fixture, first);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_conflicts_counts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = new_session (fixture, 3);
  PsrConflict *conflict;

  /* 3 seats, minimum 3. */
  enroll (fixture, id, fixture->trainees[0], PSR_ENROLLMENT_ENROLLED);
  conflicts = conflicts_of (fixture, id);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->kind, ==, PSR_CONFLICT_BELOW_MINIMUM);
  g_assert_cmpint (conflict->other_session_id, ==, 0);
  g_assert_cmpstr (conflict->message, ==,
                   "1 trainee enrolled, fewer than the 3 the session needs to run");
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  enroll (fixture, id, fixture->trainees[1], PSR_ENROLLMENT_ENROLLED);
  enroll (fixture, id, fixture->trainees[2], PSR_ENROLLMENT_ENROLLED);
  conflicts = conflicts_of (fixture, id);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* The store never overbooks; an edit outside it can. */
  exec (fixture, "UPDATE sessions SET capacity = 2, min_trainees = 2 WHERE id = %" G_GINT64_FORMAT,
        id);
  conflicts = conflicts_of (fixture, id);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_nonnull (find_kind (conflicts, PSR_CONFLICT_ABOVE_CAPACITY));
  g_assert_cmpstr (find_kind (conflicts, PSR_CONFLICT_ABOVE_CAPACITY)->message, ==,
                   "3 trainees enrolled, more than the 2 seats of the session");

  g_assert_null (psr_session_list_conflicts (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* 2,000 sessions of 4 half-days over two years, 50 trainers: the conflicts
 * of one are found through the indexes, and right. */
static void
test_conflicts_many (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  gint64 people[50];
  gint64 target = 0;
  sqlite3_stmt *stmt;

  g_assert_true (psr_database_begin (fixture->db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autofree char *family = g_strdup_printf ("Trainer%02u", i);

      people[i] = add_person (fixture->db, "Sam", family, TRUE);
    }

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GDate) first = g_date_new_dmy (5, G_DATE_JANUARY, 2026);
      gint64 trainer[] = { people[i % G_N_ELEMENTS (people)] };
      gint64 id = new_session (fixture, 12);
      g_autofree char *room = g_strdup_printf ("Salle %u", i % 7);

      /* 40 sessions a week: each trainer once a week, rooms reused. */
      g_date_add_days (first, (i / 40) * 7);
      for (guint d = 0; d < 2; d++)
        {
          GDate slot_day = *first;

          g_date_add_days (&slot_day, d);
          g_assert_cmpint (
            psr_session_add_slot (fixture->db, id, &slot_day, PSR_PERIOD_MORNING, &error), >, 0);
          g_assert_cmpint (
            psr_session_add_slot (fixture->db, id, &slot_day, PSR_PERIOD_AFTERNOON, &error), >, 0);
        }
      set_trainers (fixture, id, trainer, 1);
      psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_PLACE, "Cité", &error);
      psr_session_set_field (fixture->db, id, PSR_SESSION_FIELD_ROOM, room, &error);
      psr_session_set_minimum (fixture->db, id, 0, &error);
      g_assert_no_error (error);
      if (i == 1000)
        target = id;
    }
  g_assert_true (psr_database_commit (fixture->db, &error));

  /* Session 1000 is in week 25 with trainer 0 (1000 % 50), room 6
   * (1000 % 7): sessions 1000 … 1039 share its days; the one of trainer 0
   * is itself, those of room 6 are 1007, 1014, 1021, 1028 and 1035. */
  conflicts = conflicts_of (fixture, target);
  g_assert_cmpuint (count_kind (conflicts, PSR_CONFLICT_TRAINER_BUSY), ==, 0);
  g_assert_cmpuint (count_kind (conflicts, PSR_CONFLICT_ROOM_BUSY), ==, 5);
  g_assert_cmpuint (find_kind (conflicts, PSR_CONFLICT_ROOM_BUSY)->n_slots, ==, 4);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Trainer 0 also on session 1010's team: one more conflict. */
  {
    gint64 team[] = { people[10], people[0] };

    set_trainers (fixture, target + 10, team, 2);
  }
  conflicts = conflicts_of (fixture, target);
  g_assert_cmpuint (count_kind (conflicts, PSR_CONFLICT_TRAINER_BUSY), ==, 1);

  /* The slots of other sessions are found by day, not by a scan. */
  stmt = psr_database_prepare (fixture->db,
    "EXPLAIN QUERY PLAN SELECT a.id FROM session_slots a"
    " JOIN session_slots b ON b.day = a.day AND b.session_id != a.session_id"
    "  AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at"
    " WHERE a.session_id = ?1", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  g_assert_nonnull (strstr (plan->str, "session_slots_day"));
  g_assert_null (strstr (plan->str, "SCAN b"));
}

/* Enrollment ---------------------------------------------------------------- */

static void
assert_enrollment (GPtrArray           *enrollments,
                   guint                index,
                   gint64               person,
                   PsrEnrollmentStatus  status,
                   guint                waiting_position)
{
  PsrEnrollment *enrollment;

  g_assert_cmpuint (index, <, enrollments->len);
  enrollment = g_ptr_array_index (enrollments, index);
  g_assert_cmpint (enrollment->person_id, ==, person);
  g_assert_cmpint (enrollment->status, ==, status);
  g_assert_cmpuint (enrollment->waiting_position, ==, waiting_position);
}

static void
test_waiting_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PsrEnrollmentCounts counts;
  gint64 *t = fixture->trainees;
  gint64 id = new_session (fixture, 2);
  gint64 first, second;
  gint64 trainer[] = { fixture->trainers[0] };

  first = enroll (fixture, id, t[0], PSR_ENROLLMENT_ENROLLED);
  second = enroll (fixture, id, t[1], PSR_ENROLLMENT_ENROLLED);
  enroll (fixture, id, t[2], PSR_ENROLLMENT_WAITING);
  enroll (fixture, id, t[3], PSR_ENROLLMENT_WAITING);
  enroll (fixture, id, t[4], PSR_ENROLLMENT_WAITING);

  list = psr_session_list_enrollments (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  assert_enrollment (list, 0, t[0], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 1, t[1], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 2, t[2], PSR_ENROLLMENT_WAITING, 1);
  assert_enrollment (list, 3, t[3], PSR_ENROLLMENT_WAITING, 2);
  assert_enrollment (list, 4, t[4], PSR_ENROLLMENT_WAITING, 3);
  g_assert_cmpstr (((PsrEnrollment *) g_ptr_array_index (list, 0))->display_name, ==,
                   "Alex Trainee0");
  g_assert_cmpstr (((PsrEnrollment *) g_ptr_array_index (list, 0))->language, ==, "fr");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Refusals: twice, a trainer, a cancellation without reason. */
  set_trainers (fixture, id, trainer, 1);
  before = snapshot (fixture);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, t[0], NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Alex Trainee0 is already enrolled in this session.");
  g_clear_error (&error);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, t[3], NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "waiting list"));
  g_clear_error (&error);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, fixture->trainers[0], NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, 9999, NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_enrollment_cancel (fixture->db, first, "   ", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_enrollment_cancel (fixture->db, first, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  /* A seat frees: the first waiting takes it, the list closes up. */
  g_assert_true (psr_enrollment_cancel (fixture->db, first, " Empêchée ", &error));
  g_assert_no_error (error);
  list = psr_session_list_enrollments (fixture->db, id, &error);
  assert_enrollment (list, 0, t[1], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 1, t[2], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 2, t[3], PSR_ENROLLMENT_WAITING, 1);
  assert_enrollment (list, 3, t[4], PSR_ENROLLMENT_WAITING, 2);
  assert_enrollment (list, 4, t[0], PSR_ENROLLMENT_CANCELLED, 0);
  g_assert_cmpstr (((PsrEnrollment *) g_ptr_array_index (list, 4))->cancel_reason, ==, "Empêchée");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Cancelling twice is refused. */
  g_assert_false (psr_enrollment_cancel (fixture->db, first, "Encore", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  /* A waiting trainee who leaves: no promotion, the list closes up. */
  {
    g_autoptr(GPtrArray) now = psr_session_list_enrollments (fixture->db, id, &error);
    gint64 third_waiting = ((PsrEnrollment *) g_ptr_array_index (now, 2))->id;

    g_assert_true (psr_enrollment_cancel (fixture->db, third_waiting, "Autre date", &error));
  }
  list = psr_session_list_enrollments (fixture->db, id, &error);
  assert_enrollment (list, 0, t[1], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 1, t[2], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 2, t[4], PSR_ENROLLMENT_WAITING, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Enrolled again after a cancellation: last of the waiting list. */
  g_assert_cmpint (enroll (fixture, id, t[0], PSR_ENROLLMENT_WAITING), ==, first);
  list = psr_session_list_enrollments (fixture->db, id, &error);
  assert_enrollment (list, 2, t[4], PSR_ENROLLMENT_WAITING, 1);
  assert_enrollment (list, 3, t[0], PSR_ENROLLMENT_WAITING, 2);
  g_assert_cmpstr (((PsrEnrollment *) g_ptr_array_index (list, 3))->cancel_reason, ==, "");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (psr_enrollment_cancel (fixture->db, second, "Malade", &error));
  list = psr_session_list_enrollments (fixture->db, id, &error);
  assert_enrollment (list, 0, t[2], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 1, t[4], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 2, t[0], PSR_ENROLLMENT_WAITING, 1);

  g_assert_true (psr_session_count_enrollments (fixture->db, id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.enrolled, ==, 2);
  g_assert_cmpuint (counts.waiting, ==, 1);
  g_assert_cmpuint (counts.cancelled, ==, 2);
  g_assert_cmpuint (counts.no_show, ==, 0);

  g_assert_false (psr_session_count_enrollments (fixture->db, 9999, &counts, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_capacity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PsrSessionDetails) details = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 *t = fixture->trainees;
  gint64 id = new_session (fixture, 2);

  for (guint i = 0; i < 6; i++)
    enroll (fixture, id, t[i], i < 2 ? PSR_ENROLLMENT_ENROLLED : PSR_ENROLLMENT_WAITING);

  /* Lowering below the seats taken or the minimum is refused. */
  before = snapshot (fixture);
  g_assert_false (psr_session_set_capacity (fixture->db, id, 1, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "2 trainees hold a seat: the session cannot have fewer seats. Cancel "
                   "enrollments first, or enter 2 or more.");
  g_clear_error (&error);
  g_assert_false (psr_session_set_capacity (fixture->db, id, 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_session_set_minimum (fixture->db, id, 3, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  /* Raising it promotes the first waiting, in order. */
  g_assert_true (psr_session_set_capacity (fixture->db, id, 4, &error));
  g_assert_no_error (error);
  list = psr_session_list_enrollments (fixture->db, id, &error);
  assert_enrollment (list, 0, t[0], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 1, t[1], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 2, t[2], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 3, t[3], PSR_ENROLLMENT_ENROLLED, 0);
  assert_enrollment (list, 4, t[4], PSR_ENROLLMENT_WAITING, 1);
  assert_enrollment (list, 5, t[5], PSR_ENROLLMENT_WAITING, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* More seats than people waiting. */
  g_assert_true (psr_session_set_capacity (fixture->db, id, 12, &error));
  details = psr_session_get_details (fixture->db, id, &error);
  g_assert_cmpuint (details->n_enrolled, ==, 6);
  g_assert_cmpuint (details->n_waiting, ==, 0);
  g_clear_pointer (&details, psr_session_details_free);

  /* The minimum may rise up to the capacity. */
  g_assert_true (psr_session_set_minimum (fixture->db, id, 12, &error));
  g_assert_false (psr_session_set_capacity (fixture->db, id, 11, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "minimum"));
}

static void
test_no_show (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  PsrEnrollmentCounts counts;
  gint64 *t = fixture->trainees;
  gint64 id = new_session (fixture, 1);
  gint64 enrolled = enroll (fixture, id, t[0], PSR_ENROLLMENT_ENROLLED);
  gint64 waiting = enroll (fixture, id, t[1], PSR_ENROLLMENT_WAITING);

  g_assert_true (psr_enrollment_set_no_show (fixture->db, enrolled, TRUE, &error));
  g_assert_no_error (error);

  /* The seat stays taken. */
  list = psr_session_list_enrollments (fixture->db, id, &error);
  assert_enrollment (list, 0, t[0], PSR_ENROLLMENT_NO_SHOW, 0);
  assert_enrollment (list, 1, t[1], PSR_ENROLLMENT_WAITING, 1);
  psr_session_count_enrollments (fixture->db, id, &counts, &error);
  g_assert_cmpuint (counts.no_show, ==, 1);
  g_assert_cmpuint (counts.enrolled, ==, 0);

  g_assert_false (psr_enrollment_set_no_show (fixture->db, waiting, TRUE, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, t[0], NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (psr_enrollment_set_no_show (fixture->db, enrolled, FALSE, &error));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM enrollments WHERE status = 'enrolled'"),
                   ==, 1);
  g_assert_false (psr_enrollment_set_no_show (fixture->db, 9999, TRUE, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_enroll_closed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_session (fixture, 5);

  psr_session_set_status (fixture->db, id, PSR_SESSION_CANCELLED, "Salle indisponible", &error);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, fixture->trainees[0], NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  psr_session_set_status (fixture->db, id, PSR_SESSION_DONE, NULL, &error);
  g_assert_cmpint (psr_session_enroll (fixture->db, id, fixture->trainees[0], NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM enrollments"), ==, 0);
}

/* Attendance ---------------------------------------------------------------- */

static void
test_attendance (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrAttendanceGrid) grid = NULL;
  g_autoptr(PsrAttendanceGrid) copy = NULL;
  g_autoptr(GDateTime) now = clock_at (10, 9, 5);
  gint64 *t = fixture->trainees;
  gint64 id = new_session (fixture, 2);
  gint64 trainer[] = { fixture->trainers[0] };
  gint64 morning, afternoon;
  gint64 cancelled, t0_enrollment;
  const PsrAttendanceCell *cell;

  set_trainers (fixture, id, trainer, 1);
  morning = add_slot (fixture, id, 10, PSR_PERIOD_MORNING);
  afternoon = add_slot (fixture, id, 10, PSR_PERIOD_AFTERNOON);
  enroll (fixture, id, t[1], PSR_ENROLLMENT_ENROLLED);
  t0_enrollment = enroll (fixture, id, t[0], PSR_ENROLLMENT_ENROLLED);
  enroll (fixture, id, t[2], PSR_ENROLLMENT_WAITING);
  cancelled = enroll (fixture, id, t[3], PSR_ENROLLMENT_WAITING);
  psr_enrollment_cancel (fixture->db, cancelled, "Non", &error);

  g_assert_true (psr_attendance_set (fixture->db, afternoon, t[0], PSR_ATTENDANCE_LATE, &error));
  g_assert_true (psr_attendance_set (fixture->db, afternoon, t[1], PSR_ATTENDANCE_EXCUSED, &error));
  g_assert_true (psr_attendance_set (fixture->db, afternoon, t[1], PSR_ATTENDANCE_ABSENT, &error));
  g_assert_no_error (error);

  /* Only for enrolled trainees. */
  g_assert_false (psr_attendance_set (fixture->db, morning, t[2], PSR_ATTENDANCE_PRESENT, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_attendance_set (fixture->db, morning, t[3], PSR_ATTENDANCE_PRESENT, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_attendance_set (fixture->db, 9999, t[0], PSR_ATTENDANCE_PRESENT, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Signing marks present, even after a roll call that found them absent;
   * once signed, not absent. A no-show cannot sign. */
  g_assert_true (psr_attendance_set (fixture->db, morning, t[0], PSR_ATTENDANCE_ABSENT, &error));
  g_assert_true (psr_enrollment_set_no_show (fixture->db, t0_enrollment, TRUE, &error));
  sign_refused (fixture, morning, t[0], PSR_SIGNATURE_TRAINEE, NULL, now);
  g_assert_true (psr_enrollment_set_no_show (fixture->db, t0_enrollment, FALSE, &error));
  g_assert_no_error (error);
  sign (fixture, morning, t[0], PSR_SIGNATURE_TRAINEE, NULL, now);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM attendance WHERE status = 'present'"), ==,
                   1);
  sign (fixture, morning, fixture->trainers[0], PSR_SIGNATURE_TRAINER, NULL, now);
  g_assert_false (psr_attendance_set (fixture->db, morning, t[0], PSR_ATTENDANCE_ABSENT, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (psr_attendance_set (fixture->db, morning, t[0], PSR_ATTENDANCE_LATE, &error));
  g_assert_no_error (error);

  grid = psr_session_get_attendance (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->slots->len, ==, 2);
  g_assert_cmpuint (grid->trainees->len, ==, 2);
  g_assert_cmpint (((PsrEnrollment *) g_ptr_array_index (grid->trainees, 0))->person_id, ==, t[0]);

  cell = psr_attendance_grid_get_cell (grid, 0, 0);
  g_assert_cmpint (cell->status, ==, PSR_ATTENDANCE_LATE);
  g_assert_nonnull (cell->signed_at);
  g_assert_cmpint (g_date_time_compare (cell->signed_at, now), ==, 0);
  cell = psr_attendance_grid_get_cell (grid, 0, 1);
  g_assert_cmpint (cell->status, ==, PSR_ATTENDANCE_LATE);
  g_assert_null (cell->signed_at);
  cell = psr_attendance_grid_get_cell (grid, 1, 0);
  g_assert_cmpint (cell->status, ==, PSR_ATTENDANCE_UNKNOWN);
  cell = psr_attendance_grid_get_cell (grid, 1, 1);
  g_assert_cmpint (cell->status, ==, PSR_ATTENDANCE_ABSENT);
  g_assert_nonnull (grid->countersigned_at[0]);
  g_assert_null (grid->countersigned_at[1]);

  copy = psr_attendance_grid_copy (grid);
  g_assert_cmpint (psr_attendance_grid_get_cell (copy, 1, 1)->status, ==, PSR_ATTENDANCE_ABSENT);
  g_assert_nonnull (copy->countersigned_at[0]);

  /* Forgetting a status. */
  g_assert_true (psr_attendance_set (fixture->db, afternoon, t[1], PSR_ATTENDANCE_UNKNOWN, &error));
  g_assert_cmpint (
    count (fixture, "SELECT count(*) FROM attendance WHERE slot_id = %" G_GINT64_FORMAT, afternoon),
    ==, 1);
}

/* Signatures ---------------------------------------------------------------- */

static void
test_strokes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strokes = psr_strokes_new ();
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  static const char * const damaged[] = {
    "", "{}", "[", "[[]]", "[[[0.1,0.2]]]", "[[[0.1,0.2,0.3],[0.2,0.2]]]", "[[[\"a\",1],[0,0]]]",
    "[[[1.5,0],[0,0]]]", "[[[-0.1,0],[0,0]]]", "[[0.1,0.2]]", "[]", "[[[0.1,0.2],[0.2,0.2]]] x",
  };

  psr_strokes_add_point (strokes, FALSE, 0.0, 1.0);
  psr_strokes_add_point (strokes, FALSE, 0.12345, 0.5);
  psr_strokes_add_point (strokes, TRUE, 1.0 / 3.0, 0.25);
  bytes = psr_strokes_encode (strokes, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   "[[[0,1],[0.1235,0.5]],[[0.3333,0.25]]]",
                   strlen ("[[[0,1],[0.1235,0.5]],[[0.3333,0.25]]]"));

  decoded = psr_strokes_decode (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decoded->len, ==, 2);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (decoded, 0))->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (
    g_array_index ((GArray *) g_ptr_array_index (decoded, 0), PsrPoint, 1).x, 0.1235, 1e-9);

  /* Canonical: decoding and encoding again gives the same bytes. */
  again = psr_strokes_encode (decoded, &error);
  g_assert_true (g_bytes_equal (bytes, again));

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GBytes) input = g_bytes_new_static (damaged[i], strlen (damaged[i]));
      g_autoptr(GPtrArray) result = psr_strokes_decode (input, &error);

      g_assert_null (result);
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Empty, a dot, out of the box, not a number, too long. */
  {
    g_autoptr(GPtrArray) empty = psr_strokes_new ();
    g_autoptr(GPtrArray) dot = psr_strokes_new ();
    g_autoptr(GPtrArray) outside = psr_strokes_new ();
    g_autoptr(GPtrArray) nan_point = psr_strokes_new ();
    g_autoptr(GPtrArray) huge = psr_strokes_new ();
    g_autoptr(GPtrArray) many = psr_strokes_new ();

    psr_strokes_add_point (dot, TRUE, 0.5, 0.5);
    psr_strokes_add_point (outside, TRUE, 0.5, 0.5);
    psr_strokes_add_point (outside, FALSE, 0.5, 1.01);
    psr_strokes_add_point (nan_point, TRUE, 0.5, 0.5);
    psr_strokes_add_point (nan_point, FALSE, NAN, 0.5);
    for (guint i = 0; i <= PSR_STROKES_MAX_POINTS; i++)
      psr_strokes_add_point (huge, FALSE, 0.5, 0.5);
    for (guint i = 0; i <= PSR_STROKES_MAX_STROKES; i++)
      psr_strokes_add_point (many, TRUE, 0.5, 0.5);

    g_assert_false (psr_strokes_validate (empty, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (psr_strokes_validate (NULL, &error));
    g_clear_error (&error);
    g_assert_false (psr_strokes_validate (dot, &error));
    g_clear_error (&error);
    g_assert_false (psr_strokes_validate (outside, &error));
    g_clear_error (&error);
    g_assert_false (psr_strokes_validate (nan_point, &error));
    g_clear_error (&error);
    g_assert_false (psr_strokes_validate (huge, &error));
    g_clear_error (&error);
    g_assert_false (psr_strokes_validate (many, &error));
    g_clear_error (&error);
    g_assert_null (psr_strokes_encode (dot, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
}

typedef struct
{
  gint64 session;
  gint64 morning;     /* 10 March, 09:00–12:30 */
  gint64 afternoon;   /* 10 March, 13:30–17:00 */
  gint64 next_day;    /* 11 March, morning */
  gint64 trainer;
  gint64 trainee;
  gint64 other;
} Signing;

static void
set_up_signing (Fixture *fixture,
                Signing *s)
{
  gint64 trainer[] = { fixture->trainers[0] };

  s->session = new_session (fixture, 12);
  s->trainer = fixture->trainers[0];
  s->trainee = fixture->trainees[0];
  s->other = fixture->trainees[1];
  set_trainers (fixture, s->session, trainer, 1);
  s->morning = add_slot (fixture, s->session, 10, PSR_PERIOD_MORNING);
  s->afternoon = add_slot (fixture, s->session, 10, PSR_PERIOD_AFTERNOON);
  s->next_day = add_slot (fixture, s->session, 11, PSR_PERIOD_MORNING);
  enroll (fixture, s->session, s->trainee, PSR_ENROLLMENT_ENROLLED);
  enroll (fixture, s->session, s->other, PSR_ENROLLMENT_ENROLLED);
}

static void
test_signing_window (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) too_early = clock_at (10, 8, 44);
  g_autoptr(GDateTime) opens = clock_at (10, 8, 45);
  g_autoptr(GDateTime) ends = clock_at (10, 12, 30);
  g_autoptr(GDateTime) after = g_date_time_new_local (2026, 3, 10, 12, 30, 1);
  g_autoptr(GDateTime) evening = clock_at (10, 18, 0);
  g_autoptr(GDateTime) next_evening = clock_at (11, 18, 0);
  g_autoptr(GDateTime) afternoon_now = clock_at (10, 14, 0);
  g_autoptr(GPtrArray) strokes = strokes_sample (0.0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  Signing s;
  PsrSignature *signature;

  set_up_signing (fixture, &s);

  /* Not before the 15 minutes ahead of the start. */
  sign_refused (fixture, s.morning, s.trainee, PSR_SIGNATURE_TRAINEE, NULL, too_early);
  sign_refused (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINER, NULL, too_early);
  sign_refused (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINER, "En avance", too_early);
  /* A future slot, on another day. */
  sign_refused (fixture, s.next_day, s.trainer, PSR_SIGNATURE_TRAINER, "Demain", evening);

  /* From 08:45 to 12:30, both included. */
  sign (fixture, s.morning, s.trainee, PSR_SIGNATURE_TRAINEE, NULL, opens);
  sign (fixture, s.morning, s.other, PSR_SIGNATURE_TRAINEE, "", ends);

  /* After the end a trainee cannot, with or without a reason. */
  sign_refused (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINEE, NULL, after);
  sign_refused (fixture, s.afternoon, s.trainee, PSR_SIGNATURE_TRAINEE, NULL, next_evening);
  sign_refused (fixture, s.afternoon, s.trainee, PSR_SIGNATURE_TRAINEE, "Oubli", evening);

  /* A trainer, only with a reason. */
  sign_refused (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINER, NULL, after);
  sign_refused (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINER, "  ", after);
  sign (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINER, " Réunion imprévue ", after);

  /* Twice is refused, in either role. */
  sign_refused (fixture, s.morning, s.trainee, PSR_SIGNATURE_TRAINEE, NULL, ends);
  sign_refused (fixture, s.morning, s.trainer, PSR_SIGNATURE_TRAINER, "Encore", evening);

  /* The wrong person for the role. */
  sign_refused (fixture, s.afternoon, s.trainer, PSR_SIGNATURE_TRAINEE, NULL, evening);
  sign_refused (fixture, s.afternoon, s.trainee, PSR_SIGNATURE_TRAINER, "Moi", evening);
  sign_refused (fixture, s.afternoon, fixture->trainees[5], PSR_SIGNATURE_TRAINEE, NULL,
                afternoon_now);

  /* One slot per call: the others stay unsigned. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM signatures"), ==, 3);
  g_assert_cmpint (count (fixture,
                          "SELECT count(*) FROM signatures WHERE slot_id != %" G_GINT64_FORMAT,
                          s.morning),
                   ==, 0);

  signatures = psr_slot_list_signatures (fixture->db, s.morning, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 3);
  signature = g_ptr_array_index (signatures, 2);
  g_assert_cmpint (signature->role, ==, PSR_SIGNATURE_TRAINER);
  g_assert_cmpint (signature->person_id, ==, s.trainer);
  g_assert_cmpstr (signature->display_name, ==, "Camille Roux");
  g_assert_cmpstr (signature->late_reason, ==, "Réunion imprévue");
  g_assert_cmpint (g_date_time_compare (signature->signed_at, after), ==, 0);
  g_assert_cmpuint (signature->strokes->len, ==, 2);
  signature = g_ptr_array_index (signatures, 0);
  g_assert_cmpstr (signature->late_reason, ==, "");
  g_assert_cmpint (g_date_time_compare (signature->signed_at, opens), ==, 0);

  /* Stored in UTC: Paris is UTC+1 in March before the change of time. */
  g_assert_cmpint (
    count (fixture, "SELECT count(*) FROM signatures WHERE signed_at = '2026-03-10T07:45:00.000Z'"),
    ==, 1);

  /* Invalid strokes and a cancelled session are refused too. */
  {
    g_autoptr(GPtrArray) empty = psr_strokes_new ();

    g_assert_cmpint (psr_slot_sign (fixture->db, s.afternoon, s.trainee, PSR_SIGNATURE_TRAINEE,
                                    empty, NULL, afternoon_now, &error),
                     ==, 0);
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_true (
      psr_session_set_status (fixture->db, s.session, PSR_SESSION_CANCELLED, "Grève", &error));
    sign_refused (fixture, s.afternoon, s.trainee, PSR_SIGNATURE_TRAINEE, NULL, afternoon_now);
  }

  g_assert_cmpint (psr_slot_sign (fixture->db, 9999, s.trainee, PSR_SIGNATURE_TRAINEE, strokes,
                                  NULL, opens, &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* With TZ=Europe/Paris, 29 March 2026 02:00 jumps to 03:00: the window is
 * read in local time on both sides of the change. */
static void
test_signing_summer_time (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) during = clock_at (30, 9, 0);
  g_autoptr(GDateTime) utc_before = g_date_time_new_utc (2026, 3, 30, 6, 44, 0);
  gint64 trainer[] = { fixture->trainers[0] };
  gint64 id = new_session (fixture, 5);
  gint64 slot;

  set_trainers (fixture, id, trainer, 1);
  slot = add_slot (fixture, id, 30, PSR_PERIOD_MORNING);
  enroll (fixture, id, fixture->trainees[0], PSR_ENROLLMENT_ENROLLED);

  /* 06:44 UTC is 08:44 in Paris in summer time: too early. */
  sign_refused (fixture, slot, fixture->trainees[0], PSR_SIGNATURE_TRAINEE, NULL, utc_before);
  sign (fixture, slot, fixture->trainees[0], PSR_SIGNATURE_TRAINEE, NULL, during);
  g_assert_cmpint (
    count (fixture, "SELECT count(*) FROM signatures WHERE signed_at = '2026-03-30T07:00:00.000Z'"),
    ==, 1);
}

/* Four signatures in a row, verified whole. */
static void
sign_four (Fixture *fixture,
           Signing *s)
{
  g_autoptr(GDateTime) t1 = clock_at (10, 9, 1);
  g_autoptr(GDateTime) t2 = clock_at (10, 9, 2);
  g_autoptr(GDateTime) t3 = clock_at (10, 13, 40);
  g_autoptr(GDateTime) t4 = clock_at (10, 13, 45);
  g_autoptr(PsrChainReport) report = NULL;

  set_up_signing (fixture, s);
  sign (fixture, s->morning, s->trainee, PSR_SIGNATURE_TRAINEE, NULL, t1);
  sign (fixture, s->morning, s->trainer, PSR_SIGNATURE_TRAINER, NULL, t2);
  sign (fixture, s->afternoon, s->trainee, PSR_SIGNATURE_TRAINEE, NULL, t3);
  sign (fixture, s->afternoon, s->trainer, PSR_SIGNATURE_TRAINER, NULL, t4);

  report = verify (fixture, s->session);
  g_assert_true (report->intact);
  g_assert_cmpuint (report->n_signatures, ==, 4);
  g_assert_cmpuint (report->broken_at, ==, 0);
  g_assert_null (report->message);
  g_assert_cmpint (count (fixture,
                          "SELECT signature_count FROM sessions WHERE id = %" G_GINT64_FORMAT,
                          s->session),
                   ==, 4);
}

static void
assert_broken (Fixture    *fixture,
               gint64      session,
               guint       position,
               const char *fragment)
{
  g_autoptr(PsrChainReport) report = verify (fixture, session);
  g_autoptr(PsrChainReport) copy = NULL;

  g_assert_false (report->intact);
  g_assert_cmpuint (report->broken_at, ==, position);
  g_assert_nonnull (report->message);
  g_assert_nonnull (strstr (report->message, fragment));

  copy = psr_chain_report_copy (report);
  g_assert_cmpstr (copy->message, ==, report->message);
}

static void
test_chain_intact (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PsrChainReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 empty = new_session (fixture, 5);
  Signing s;

  /* No signature: nothing to break. */
  report = verify (fixture, empty);
  g_assert_true (report->intact);
  g_assert_cmpuint (report->n_signatures, ==, 0);
  g_clear_pointer (&report, psr_chain_report_free);

  sign_four (fixture, &s);

  /* Chained from the genesis value. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM signatures WHERE previous_hash = '%s'",
                          "0000000000000000000000000000000000000000000000000000000000000000"),
                   ==, 1);
  g_assert_cmpint (
    count (fixture,
           "SELECT count(*) FROM signatures a JOIN signatures b ON b.previous_hash = a.hash"),
    ==, 3);

  /* The chain outlives the signer's record. */
  exec (fixture, "DELETE FROM people WHERE id = %" G_GINT64_FORMAT, s.trainee);
  report = verify (fixture, s.session);
  g_assert_true (report->intact);

  g_assert_null (psr_session_verify_signatures (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_chain_edited_strokes (Fixture       *fixture,
                           gconstpointer  data)
{
  Signing s;

  sign_four (fixture, &s);
  exec (fixture, "UPDATE signatures SET strokes = CAST('[[[0,0],[1,1]]]' AS BLOB) WHERE id = "
                 "(SELECT id FROM signatures ORDER BY id LIMIT 1 OFFSET 2)");
  assert_broken (fixture, s.session, 3, "changed");
}

static void
test_chain_edited_time (Fixture       *fixture,
                        gconstpointer  data)
{
  Signing s;

  sign_four (fixture, &s);
  exec (fixture, "UPDATE signatures SET signed_at = '2026-03-10T08:00:00.000Z' WHERE id = "
                 "(SELECT id FROM signatures ORDER BY id LIMIT 1 OFFSET 1)");
  assert_broken (fixture, s.session, 2, "changed");
}

static void
test_chain_edited_signer (Fixture       *fixture,
                          gconstpointer  data)
{
  Signing s;

  /* Another person put in the row, hash and all left alone. */
  sign_four (fixture, &s);
  exec (fixture, "UPDATE signatures SET person_id = %" G_GINT64_FORMAT " WHERE id = "
                 "(SELECT id FROM signatures ORDER BY id LIMIT 1)", s.other);
  assert_broken (fixture, s.session, 1, "changed");
}

static void
test_chain_deleted_middle (Fixture       *fixture,
                           gconstpointer  data)
{
  Signing s;

  sign_four (fixture, &s);
  exec (
    fixture,
    "DELETE FROM signatures WHERE id = (SELECT id FROM signatures ORDER BY id LIMIT 1 OFFSET 1)");
  /* The third becomes the second, and does not follow the first. */
  assert_broken (fixture, s.session, 2, "does not follow");
}

static void
test_chain_deleted_first (Fixture       *fixture,
                          gconstpointer  data)
{
  Signing s;

  sign_four (fixture, &s);
  exec (fixture, "DELETE FROM signatures WHERE id = (SELECT min(id) FROM signatures)");
  assert_broken (fixture, s.session, 1, "does not follow");
}

static void
test_chain_deleted_last (Fixture       *fixture,
                         gconstpointer  data)
{
  Signing s;

  sign_four (fixture, &s);
  exec (fixture, "DELETE FROM signatures WHERE id = (SELECT max(id) FROM signatures)");
  assert_broken (fixture, s.session, 4, "4 signatures were recorded, but only 3 remain");
}

static void
test_chain_reordered (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 first, second;
  Signing s;

  /* The first two swap places. */
  sign_four (fixture, &s);
  first = count (fixture, "SELECT min(id) FROM signatures");
  second = count (fixture, "SELECT min(id) FROM signatures WHERE id > %" G_GINT64_FORMAT, first);
  exec (fixture,
        "UPDATE signatures SET id = -1 WHERE id = %" G_GINT64_FORMAT ";"
        "UPDATE signatures SET id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT ";"
        "UPDATE signatures SET id = %" G_GINT64_FORMAT " WHERE id = -1",
        first, first, second, second);
  assert_broken (fixture, s.session, 1, "does not follow");
}

/* The hash of a signature as docs/attendance-signatures.md says, from its
 * row: the format is public, so that anyone can check a chain. */
static char *
documented_hash (Fixture    *fixture,
                 const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *hash;

  sql = g_strdup_printf ("SELECT g.previous_hash, g.uuid, s.uuid, sl.uuid, g.person_uuid, g.role,"
                         " g.signed_at, g.late_reason, g.strokes"
                         " FROM signatures g JOIN sessions s ON s.id = g.session_id"
                         " JOIN session_slots sl ON sl.id = g.slot_id WHERE %s", where);
  stmt = psr_database_prepare (fixture->db, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  g_checksum_update (checksum, (const guint8 *) "passerelle-signature-1\n", -1);
  for (int i = 0; i < 9; i++)
    {
      g_autofree char *length = g_strdup_printf ("%d:", sqlite3_column_bytes (stmt, i));
      const void      *value =
        i < 8 ? (const void *) sqlite3_column_text (stmt, i) : sqlite3_column_blob (stmt, i);

      g_checksum_update (checksum, (const guint8 *) length, -1);
      g_checksum_update (checksum, value, sqlite3_column_bytes (stmt, i));
      g_checksum_update (checksum, (const guint8 *) "\n", 1);
    }
  sqlite3_reset (stmt);

  hash = g_strdup (g_checksum_get_string (checksum));
  return hash;
}

static void
test_chain_forged_last (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *hash = NULL;
  g_autofree char *forged = NULL;
  Signing s;

  sign_four (fixture, &s);

  /* Every stored hash is the documented one. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *where =
        g_strdup_printf ("g.id = (SELECT id FROM signatures ORDER BY id LIMIT 1 OFFSET %u)", i);

      g_clear_pointer (&hash, g_free);
      hash = documented_hash (fixture, where);
      g_assert_cmpint (count (fixture, "SELECT count(*) FROM signatures WHERE hash = '%s'", hash),
                       ==, 1);
    }

  /* Someone who knows the format changes the last signature and
   * recomputes its hash: the chain reads well, the anchor tells. */
  exec (fixture, "UPDATE signatures SET late_reason = 'Arrivé à l''heure' WHERE id = (SELECT "
                 "max(id) FROM signatures)");
  forged = documented_hash (fixture, "g.id = (SELECT max(id) FROM signatures)");
  exec (fixture, "UPDATE signatures SET hash = '%s' WHERE id = (SELECT max(id) FROM signatures)",
        forged);
  assert_broken (fixture, s.session, 5, "do not end as the session recorded");
}

static void
test_chain_continues (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) later = clock_at (11, 9, 0);
  g_autoptr(PsrChainReport) report = NULL;
  Signing s;

  /* A signature of the next day follows the last one. */
  sign_four (fixture, &s);
  sign (fixture, s.next_day, s.trainee, PSR_SIGNATURE_TRAINEE, NULL, later);
  report = verify (fixture, s.session);
  g_assert_true (report->intact);
  g_assert_cmpuint (report->n_signatures, ==, 5);
}

/* Attachments --------------------------------------------------------------- */

static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 scan", 13);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) huge = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = new_session (fixture, 5);
  gint64 first, second;
  PsrAttachment *attachment;

  first = psr_session_attach (fixture->db, id, PSR_ATTACHMENT_ATTENDANCE_SHEET,
                              "/home/someone/Scans/émargement 10 mars.pdf", "application/pdf", pdf,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  second = psr_session_attach (fixture->db, id, PSR_ATTACHMENT_OTHER, "C:\\Scans\\note.bin", NULL,
                               pdf, &error);
  g_assert_no_error (error);

  list = psr_session_list_attachments (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  attachment = g_ptr_array_index (list, 0);
  g_assert_cmpint (attachment->id, ==, second);
  g_assert_cmpstr (attachment->filename, ==, "note.bin");
  g_assert_cmpstr (attachment->mime_type, ==, "application/octet-stream");
  attachment = g_ptr_array_index (list, 1);
  g_assert_cmpstr (attachment->filename, ==, "émargement 10 mars.pdf");
  g_assert_cmpint (attachment->kind, ==, PSR_ATTACHMENT_ATTENDANCE_SHEET);
  g_assert_cmpuint (attachment->size, ==, 13);
  g_assert_nonnull (attachment->created_at);

  back = psr_attachment_get_data (fixture->db, first, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, pdf));

  /* Refused: empty, too large, no name, no session. */
  huge = g_bytes_new_take (g_malloc0 (PSR_ATTACHMENT_MAX_SIZE + 1), PSR_ATTACHMENT_MAX_SIZE + 1);
  before = snapshot (fixture);
  g_assert_cmpint (
    psr_session_attach (fixture->db, id, PSR_ATTACHMENT_OTHER, "a.pdf", NULL, empty, &error), ==,
    0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (
    psr_session_attach (fixture->db, id, PSR_ATTACHMENT_OTHER, "a.pdf", NULL, huge, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  /* GLib puts a no-break space before the unit. */
  g_assert_nonnull (strstr (error->message, "20.0\u00a0MiB"));
  g_clear_error (&error);
  g_assert_cmpint (
    psr_session_attach (fixture->db, id, PSR_ATTACHMENT_OTHER, "/tmp/ ", NULL, pdf, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (
    psr_session_attach (fixture->db, 9999, PSR_ATTACHMENT_OTHER, "a.pdf", NULL, pdf, &error), ==,
    0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (psr_attachment_remove (fixture->db, first, &error));
  g_assert_no_error (error);
  g_assert_null (psr_attachment_get_data (fixture->db, first, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_attachment_remove (fixture->db, first, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM attachments"), ==, 1);
}

/* Labels are translated, not codes. */
static void
test_codes (Fixture       *fixture,
            gconstpointer  data)
{
  guint starts, ends;

  g_assert_cmpstr (psr_period_to_code (PSR_PERIOD_AFTERNOON), ==, "afternoon");
  g_assert_cmpint (psr_period_from_code ("morning"), ==, PSR_PERIOD_MORNING);
  g_assert_cmpstr (psr_enrollment_status_to_code (PSR_ENROLLMENT_NO_SHOW), ==, "no-show");
  g_assert_cmpint (psr_enrollment_status_from_code ("waiting"), ==, PSR_ENROLLMENT_WAITING);
  g_assert_null (psr_attendance_status_to_code (PSR_ATTENDANCE_UNKNOWN));
  g_assert_cmpint (psr_attendance_status_from_code (NULL), ==, PSR_ATTENDANCE_UNKNOWN);
  g_assert_cmpint (psr_attendance_status_from_code ("excused"), ==, PSR_ATTENDANCE_EXCUSED);
  g_assert_cmpstr (psr_attachment_kind_to_code (PSR_ATTACHMENT_ATTENDANCE_SHEET), ==,
                   "attendance-sheet");
  g_assert_cmpstr (psr_period_label (PSR_PERIOD_MORNING), ==, "Morning");
  g_assert_cmpstr (psr_enrollment_status_label (PSR_ENROLLMENT_NO_SHOW), ==, "Did not come");
  g_assert_cmpstr (psr_attendance_status_label (PSR_ATTENDANCE_LATE), ==, "Late");

  psr_period_default_times (PSR_PERIOD_AFTERNOON, &starts, &ends);
  g_assert_cmpuint (starts, ==, 13 * 60 + 30);
  g_assert_cmpuint (ends, ==, 17 * 60);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sessions/create", test_create);
  ADD ("/sessions/fields", test_fields);
  ADD ("/sessions/status", test_status);
  ADD ("/sessions/slots", test_slots);
  ADD ("/sessions/trainers", test_trainers);
  ADD ("/sessions/duplicate", test_duplicate);
  ADD ("/sessions/delete", test_delete);
  ADD ("/sessions/calendar", test_calendar);
  ADD ("/sessions/conflicts/trainer", test_conflicts_trainer);
  ADD ("/sessions/conflicts/room", test_conflicts_room);
  ADD ("/sessions/conflicts/trainee", test_conflicts_trainee);
  ADD ("/sessions/conflicts/counts", test_conflicts_counts);
  ADD ("/sessions/conflicts/many", test_conflicts_many);
  ADD ("/sessions/enrollment/waiting-list", test_waiting_list);
  ADD ("/sessions/enrollment/capacity", test_capacity);
  ADD ("/sessions/enrollment/no-show", test_no_show);
  ADD ("/sessions/enrollment/closed", test_enroll_closed);
  ADD ("/sessions/attendance", test_attendance);
  ADD ("/sessions/signatures/strokes", test_strokes);
  ADD ("/sessions/signatures/window", test_signing_window);
  ADD ("/sessions/signatures/summer-time", test_signing_summer_time);
  ADD ("/sessions/chain/intact", test_chain_intact);
  ADD ("/sessions/chain/edited-strokes", test_chain_edited_strokes);
  ADD ("/sessions/chain/edited-time", test_chain_edited_time);
  ADD ("/sessions/chain/edited-signer", test_chain_edited_signer);
  ADD ("/sessions/chain/deleted-middle", test_chain_deleted_middle);
  ADD ("/sessions/chain/deleted-first", test_chain_deleted_first);
  ADD ("/sessions/chain/deleted-last", test_chain_deleted_last);
  ADD ("/sessions/chain/reordered", test_chain_reordered);
  ADD ("/sessions/chain/forged-last", test_chain_forged_last);
  ADD ("/sessions/chain/continues", test_chain_continues);
  ADD ("/sessions/attachments", test_attachments);
  ADD ("/sessions/codes", test_codes);

#undef ADD

  return g_test_run ();
}
