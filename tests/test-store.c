/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "psr-curriculum.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-kind.h"
#include "psr-overview.h"
#include "psr-person.h"
#include "psr-privacy.h"
#include "psr-progress.h"
#include "psr-record-model.h"
#include "psr-satisfaction.h"
#include "psr-session.h"
#include "psr-sessions.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

/* Two curricula, three people, three sessions around 2026-11-24: one done
 * with a half-day left without attendance, one running, one cancelled. */
static const char fixture_sql[] =
  "INSERT INTO curricula (id, uuid, lineage_uuid, title, status) VALUES"
  " (1, '10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-0000000000a1',"
  "  'Médiation des controverses', 'published'),"
  " (2, '10000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-0000000000a2',"
  "  'Animer un atelier', 'published');"
  "INSERT INTO people (id, uuid, given_name, family_name, is_trainer) VALUES"
  " (1, '20000000-0000-4000-8000-000000000001', 'Zoé', 'Martin', 0),"
  " (2, '20000000-0000-4000-8000-000000000002', 'Yasmine', 'Benali', 0),"
  " (3, '20000000-0000-4000-8000-000000000003', 'Hugo', 'Lefèvre', 1);"
  "INSERT INTO sessions (id, uuid, curriculum_id, place, status, cancel_reason) VALUES"
  " (1, '30000000-0000-4000-8000-000000000001', 2, 'Cité des sciences', 'done', ''),"
  " (2, '30000000-0000-4000-8000-000000000002', 1, 'Palais de la découverte', 'running', ''),"
  " (3, '30000000-0000-4000-8000-000000000003', 1, '', 'cancelled', 'Trop peu d''inscrits');"
  "INSERT INTO session_slots (uuid, session_id, day, period, starts_at, ends_at) VALUES"
  " ('40000000-0000-4000-8000-000000000001', 1, '2026-10-05', 'morning', '09:30', '12:30'),"
  " ('40000000-0000-4000-8000-000000000002', 1, '2026-10-05', 'afternoon', '14:00', '17:30'),"
  " ('40000000-0000-4000-8000-000000000003', 2, '2026-11-23', 'morning', '09:30', '12:30'),"
  " ('40000000-0000-4000-8000-000000000004', 2, '2026-11-25', 'morning', '09:30', '12:30'),"
  " ('40000000-0000-4000-8000-000000000005', 3, '2026-11-20', 'morning', '09:30', '12:30');"
  "INSERT INTO enrollments (uuid, session_id, person_id) VALUES"
  " ('50000000-0000-4000-8000-000000000001', 1, 1),"
  " ('50000000-0000-4000-8000-000000000002', 2, 1),"
  " ('50000000-0000-4000-8000-000000000003', 2, 2),"
  " ('50000000-0000-4000-8000-000000000004', 3, 2);"
  "INSERT INTO attendance (uuid, slot_id, person_id, status) VALUES"
  " ('60000000-0000-4000-8000-000000000001', 1, 1, 'present');";

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
  psr_test_exec (fixture->db, fixture_sql);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

static void
test_record_model (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRecordModel) model = psr_record_model_new (fixture->db, PSR_TYPE_PERSON);
  g_autoptr(PsrPerson) first = NULL;
  g_autoptr(PsrPerson) again = NULL;
  guint changes = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  g_assert_true (psr_record_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == PSR_TYPE_PERSON);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));

  /* By family name; built when asked, then the same object. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (psr_record_get_title (PSR_RECORD (first)), ==, "Yasmine Benali");
  g_assert_cmpstr (psr_person_get_family_name (first), ==, "Benali");
  g_assert_cmpstr (psr_record_get_uuid (PSR_RECORD (first)), ==,
                   "20000000-0000-4000-8000-000000000002");
  g_assert_cmpint (psr_record_get_id (PSR_RECORD (first)), ==, 2);
  g_assert_nonnull (psr_record_get_created_at (PSR_RECORD (first)));
  g_assert_false (psr_person_get_is_trainer (first));
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (first == again);
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRecord) record = psr_record_load (fixture->db, PSR_TYPE_CURRICULUM, 99, &error);

  g_assert_null (record);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
collect_title (const char *uuid,
               const char *title,
               gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s\t%s", uuid, title));
}

static void
test_kinds (Fixture       *fixture,
            gconstpointer  data)
{
  const char * const *names = psr_kind_names ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      GType type = psr_kind_lookup (names[i]);

      g_assert_true (g_type_is_a (type, PSR_TYPE_RECORD));
      g_ptr_array_set_size (lines, 0);
      g_assert_true (psr_kind_foreach_title (fixture->db, type, collect_title, lines, &error));
      g_assert_no_error (error);
    }
  g_assert_true (psr_kind_lookup ("unicorn") == G_TYPE_INVALID);

  g_ptr_array_set_size (lines, 0);
  psr_kind_foreach_title (fixture->db, PSR_TYPE_CURRICULUM, collect_title, lines, &error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "10000000-0000-4000-8000-000000000002\tAnimer un atelier");

  g_ptr_array_set_size (lines, 0);
  psr_kind_foreach_title (fixture->db, PSR_TYPE_SESSION, collect_title, lines, &error);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==,
                   "30000000-0000-4000-8000-000000000002\tMédiation des controverses (2026-11-23)");
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrOverview) overview = NULL;
  g_autoptr(PsrSession) session = NULL;
  GListModel *upcoming;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, G_DATE_NOVEMBER, 2026);
  overview = psr_overview_load (fixture->db, &today, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (psr_overview_get_n_trainees (overview), ==, 2);
  g_assert_cmpuint (psr_overview_get_n_trainers (overview), ==, 1);
  g_assert_cmpuint (psr_overview_get_n_curricula (overview), ==, 2);
  g_assert_cmpuint (psr_overview_get_n_scenarios (overview), ==, 0);
  /* The running session counts; the cancelled one does not. */
  g_assert_cmpuint (psr_overview_get_n_sessions_ahead (overview), ==, 1);
  /* The past afternoon of session 1 and the first morning of session 2. */
  g_assert_cmpuint (psr_overview_get_n_unrecorded_slots (overview), ==, 2);

  upcoming = psr_overview_get_upcoming (overview);
  g_assert_cmpuint (g_list_model_get_n_items (upcoming), ==, 1);
  session = g_list_model_get_item (upcoming, 0);
  g_assert_cmpstr (psr_record_get_title (PSR_RECORD (session)), ==, "Médiation des controverses");
  g_assert_cmpstr (psr_session_get_place (session), ==, "Palais de la découverte");
  g_assert_cmpstr (psr_session_get_status (session), ==, "running");
  g_assert_cmpuint (psr_session_get_n_enrolled (session), ==, 2);
  g_assert_cmpuint (psr_session_get_capacity (session), ==, 12);
  g_assert_cmpint (g_date_get_day (psr_session_get_starts_on (session)), ==, 23);
  g_assert_cmpint (g_date_get_day (psr_session_get_ends_on (session)), ==, 25);
}

static GDateTime *
paris_time (int day,
            int hour,
            int minute)
{
  return g_date_time_new_local (2026, 11, day, hour, minute, 0);
}

static void
sign (Fixture *fixture,
      gint64   slot_id,
      gint64   person_id,
      int      minute)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strokes = psr_strokes_new ();
  g_autoptr(GDateTime) when = paris_time (23, 9, minute);

  psr_strokes_add_point (strokes, TRUE, 0.1, 0.5);
  psr_strokes_add_point (strokes, FALSE, 0.9, 0.5);
  g_assert_cmpint (psr_slot_sign (fixture->db, slot_id, person_id, PSR_SIGNATURE_TRAINEE, strokes,
                                  NULL, when, &error), >, 0);
  g_assert_no_error (error);
}

static void
assert_activity (GPtrArray       *activities,
                 guint            index,
                 PsrActivityKind  kind,
                 guint            count,
                 const char      *person,
                 const char      *subject,
                 gint64           session_id)
{
  const PsrActivity *activity;

  g_assert_cmpuint (index, <, activities->len);
  activity = activities->pdata[index];
  g_assert_cmpint (activity->kind, ==, kind);
  g_assert_cmpuint (activity->count, ==, count);
  g_assert_cmpstr (activity->person, ==, person);
  g_assert_cmpstr (activity->subject, ==, subject);
  g_assert_cmpint (activity->session_id, ==, session_id);
  if (index > 0)
    g_assert_cmpint (g_date_time_compare (((PsrActivity *) activities->pdata[index - 1])->when,
                                          activity->when), >=, 0);
}

/* Events recorded through the store, grouped per subject, newest first;
 * nothing after the clock; an erased trainee's name gone. */
static void
test_activity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GDateTime) completed = paris_time (23, 11, 0);
  g_autoptr(GDateTime) submitted = paris_time (23, 12, 0);
  g_autoptr(GDateTime) now = paris_time (23, 13, 0);
  g_autoptr(GDateTime) morning = paris_time (23, 10, 0);

  /* What the fixture wrote at the real time, moved to fixed instants. */
  psr_test_exec (fixture->db,
                 "UPDATE people SET created_at = '2026-10-01T08:00:00.000Z';"
                 "UPDATE enrollments SET enrolled_at = '2026-11-0' || id || 'T08:00:00.000Z';"
                 "INSERT INTO modules (id, uuid, curriculum_id, position, title) VALUES"
                 " (1, '70000000-0000-4000-8000-000000000001', 1, 0, 'Écouter les publics');");

  activities = psr_activity_list_recent (fixture->db, now, PSR_OVERVIEW_ACTIVITY_MAX, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 4);
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* Both trainees sign the morning of the running session (slot 3). */
  sign (fixture, 3, 1, 35);
  sign (fixture, 3, 2, 40);
  g_assert_true (psr_module_progress_set (fixture->db, 1, 1, PSR_PROGRESS_COMPLETED, completed,
                                          now, &error));
  g_assert_no_error (error);
  answers = psr_survey_list_questions (fixture->db, 2, PSR_SURVEY_END, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, >, 0);
  for (guint i = 0; i < answers->len; i++)
    if (psr_question_is_rating (((PsrSurveyAnswer *) answers->pdata[i])->question))
      ((PsrSurveyAnswer *) answers->pdata[i])->rating = 4;
  g_assert_cmpint (psr_survey_record (fixture->db, 2, 2, PSR_SURVEY_END, answers, submitted,
                                      &error), >, 0);
  g_assert_no_error (error);

  activities = psr_activity_list_recent (fixture->db, now, PSR_OVERVIEW_ACTIVITY_MAX, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 7);
  assert_activity (activities, 0, PSR_ACTIVITY_SURVEY_END, 1, "Yasmine Benali",
                   "Médiation des controverses", 2);
  assert_activity (activities, 1, PSR_ACTIVITY_MODULE_COMPLETED, 1, "Zoé Martin",
                   "Écouter les publics", 2);
  /* Two signatures of one half-day: one line, no name. */
  assert_activity (activities, 2, PSR_ACTIVITY_SIGNED, 2, NULL, "Médiation des controverses", 2);
  g_assert_true (g_date_time_equal (((PsrActivity *) activities->pdata[0])->when, submitted));
  assert_activity (activities, 3, PSR_ACTIVITY_ENROLLED, 1, "Yasmine Benali",
                   "Médiation des controverses", 3);
  assert_activity (activities, 4, PSR_ACTIVITY_ENROLLED, 2, NULL, "Médiation des controverses", 2);
  assert_activity (activities, 5, PSR_ACTIVITY_ENROLLED, 1, "Zoé Martin", "Animer un atelier", 1);
  assert_activity (activities, 6, PSR_ACTIVITY_PEOPLE_ADDED, 3, NULL, NULL, 0);
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* The limit, and nothing later than the clock. */
  activities = psr_activity_list_recent (fixture->db, now, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 2);
  assert_activity (activities, 1, PSR_ACTIVITY_MODULE_COMPLETED, 1, "Zoé Martin",
                   "Écouter les publics", 2);
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = psr_activity_list_recent (fixture->db, morning, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  assert_activity (activities, 0, PSR_ACTIVITY_SIGNED, 2, NULL, "Médiation des controverses", 2);
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* Once erased, Yasmine Benali is counted, never named. */
  g_assert_true (psr_privacy_erase_person (fixture->db, 2, &error));
  g_assert_no_error (error);
  activities = psr_activity_list_recent (fixture->db, now, PSR_OVERVIEW_ACTIVITY_MAX, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 6);
  assert_activity (activities, 0, PSR_ACTIVITY_SURVEY_END, 1, NULL,
                   "Médiation des controverses", 2);
  assert_activity (activities, 2, PSR_ACTIVITY_SIGNED, 2, NULL, "Médiation des controverses", 2);
  assert_activity (activities, 3, PSR_ACTIVITY_ENROLLED, 1, "Zoé Martin",
                   "Médiation des controverses", 2);
  assert_activity (activities, 5, PSR_ACTIVITY_PEOPLE_ADDED, 2, NULL, NULL, 0);
  for (guint i = 0; i < activities->len; i++)
    {
      const PsrActivity *activity = activities->pdata[i];

      g_assert_null (activity->person != NULL ? strstr (activity->person, "Benali") : NULL);
    }
}

static void
test_format (void)
{
  GDate first, last;
  g_autofree char *one = NULL;
  g_autofree char *range = NULL;
  g_autofree char *years = NULL;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 24, G_DATE_NOVEMBER, 2026);
  g_date_set_dmy (&last, 25, G_DATE_NOVEMBER, 2026);

  one = psr_format_date (&first);
  g_assert_cmpstr (one, ==, "November 24, 2026");
  range = psr_format_date_range (&first, &last);
  g_assert_cmpstr (range, ==, "November 24 – November 25, 2026");
  g_date_set_dmy (&last, 2, G_DATE_JANUARY, 2027);
  years = psr_format_date_range (&first, &last);
  g_assert_cmpstr (years, ==, "November 24, 2026 – January 2, 2027");
  g_date_clear (&last, 1);
  g_free (one);
  one = psr_format_date (&last);
  g_assert_cmpstr (one, ==, "No date");
}

static void
test_format_instant (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 24, 10, 0, 0);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 11, 24, 0, 5, 0);
  g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 11, 23, 23, 55, 0);
  /* 18:30 UTC is 19:30 in Paris. */
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 11, 20, 18, 30, 0);
  g_autofree char *today = psr_format_instant (morning, now);
  g_autofree char *yesterday = psr_format_instant (evening, now);
  g_autofree char *before = psr_format_instant (utc, now);

  g_assert_cmpstr (today, ==, "Today at 00:05");
  g_assert_cmpstr (yesterday, ==, "Yesterday at 23:55");
  g_assert_cmpstr (before, ==, "November 20, 2026 at 19:30");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/record-model", Fixture, NULL, fixture_set_up, test_record_model,
              fixture_tear_down);
  g_test_add ("/store/load-missing", Fixture, NULL, fixture_set_up, test_load_missing,
              fixture_tear_down);
  g_test_add ("/store/kinds", Fixture, NULL, fixture_set_up, test_kinds, fixture_tear_down);
  g_test_add ("/store/overview", Fixture, NULL, fixture_set_up, test_overview,
              fixture_tear_down);
  g_test_add ("/store/overview/activity", Fixture, NULL, fixture_set_up, test_activity,
              fixture_tear_down);
  g_test_add_func ("/store/format", test_format);
  g_test_add_func ("/store/format/instant", test_format_instant);

  return g_test_run ();
}
