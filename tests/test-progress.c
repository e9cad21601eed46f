/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "psr-competencies.h"
#include "psr-error.h"
#include "psr-progress.h"
#include "psr-rehearsals.h"
#include "psr-test-utils.h"

/* A random UUID, in SQL. */
#define UUID "(lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-'" \
             " || hex (randomblob (2)) || '-' || hex (randomblob (2)) || '-'" \
             " || hex (randomblob (6))))"

/* The test's world, in Paris (TZ is fixed by the test environment):
 *
 * A framework of scale "Novice" (0) … "Expert" (3), with fields F1 (first)
 * and F2; F1 holds C3 (first, with the indicator I1) and C2; F2 holds C1.
 * Curriculum 1 links C1 and C2 to its objective, C2 and I1 to module M1;
 * M2 links nothing. So the order to rate is I1, C2, C1.
 * Curriculum 2 has no framework and no competencies.
 *
 * Sessions: S1 of curriculum 1, done, 2–3 March 2026 (three slots);
 * S2 of curriculum 2, running, 9–10 March; S3 of curriculum 1, planned,
 * no slots; S4 of curriculum 1, cancelled; S5 of curriculum 1, done in
 * January 2024 (history). Trainees: Anne Martin (A), Bruno Durand (B),
 * Chloé Petit (C), Denis Roy (D, cancelled in S1); Tom Trainer.
 */
enum { SCALE = 1, OTHER_SCALE = 2 };
enum { F1 = 1, F2, C1, C2, C3, I1 };
enum { CURRICULUM_1 = 1, CURRICULUM_2 = 2 };
enum { M1 = 1, M2 = 2 };
enum { S1 = 1, S2, S3, S4, S5 };
enum { A = 1, B, C, D, TRAINER };
enum { SLOT1 = 1, SLOT2, SLOT3, SLOT4, SLOT5, SLOT_OLD };
/* scale_levels.id = position + 1 on SCALE; 11 on OTHER_SCALE. */
#define LEVEL(position) ((position) + 1)
#define OTHER_LEVEL 11

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

static const char *world =
  "INSERT INTO scales (id, uuid, name) VALUES (1, " UUID ", 'Four levels'), (2, " UUID ", 'Other');"
  "INSERT INTO scale_levels (id, uuid, scale_id, position, name) VALUES"
  " (1, " UUID ", 1, 0, 'Novice'), (2, " UUID ", 1, 1, 'Beginner'),"
  " (3, " UUID ", 1, 2, 'Confirmed'), (4, " UUID ", 1, 3, 'Expert'),"
  " (11, " UUID ", 2, 0, 'Elsewhere');"
  "INSERT INTO frameworks (id, uuid, title, scale_id) VALUES (1, " UUID ", 'Mediation', 1);"
  "INSERT INTO competencies (id, uuid, framework_id, parent_id, kind, code, title, position) VALUES"
  " (1, " UUID ", 1, NULL, 'field', 'F1', 'Welcome', 0),"
  " (2, " UUID ", 1, NULL, 'field', 'F2', 'Design', 1),"
  " (3, " UUID ", 1, 2, 'competency', 'C1', 'Design a visit', 0),"
  " (4, " UUID ", 1, 1, 'competency', 'C2', 'Adapt one''s speech', 1),"
  " (5, " UUID ", 1, 1, 'competency', 'C3', 'Greet visitors', 0),"
  " (6, " UUID ", 1, 5, 'indicator', 'I1', 'Says hello', 0);"
  "INSERT INTO curricula (id, uuid, lineage_uuid, framework_id, title) VALUES"
  " (1, " UUID ", " UUID ", 1, 'Accueillir les publics'),"
  " (2, " UUID ", " UUID ", NULL, 'Médiation numérique');"
  "INSERT INTO curriculum_objectives (id, uuid, curriculum_id, position, text)"
  " VALUES (1, " UUID ", 1, 0, 'Welcome every visitor');"
  "INSERT INTO objective_competencies (objective_id, competency_id) VALUES (1, 3), (1, 4);"
  "INSERT INTO modules (id, uuid, curriculum_id, position, title, duration_hours) VALUES"
  " (1, " UUID ", 1, 0, 'Greeting', 3.5), (2, " UUID ", 1, 1, 'Guiding', 3.5);"
  "INSERT INTO module_competencies (module_id, competency_id) VALUES (1, 4), (1, 6);"
  "INSERT INTO people (id, uuid, given_name, family_name, is_trainer) VALUES"
  " (1, " UUID ", 'Anne', 'Martin', 0), (2, " UUID ", 'Bruno', 'Durand', 0),"
  " (3, " UUID ", 'Chloé', 'Petit', 0), (4, " UUID ", 'Denis', 'Roy', 0),"
  " (5, " UUID ", 'Tom', 'Trainer', 1);"
  "INSERT INTO sessions (id, uuid, curriculum_id, status, cancel_reason) VALUES"
  " (1, " UUID ", 1, 'done', ''), (2, " UUID ", 2, 'running', ''), (3, " UUID ", 1, 'planned', ''),"
  " (4, " UUID ", 1, 'cancelled', 'Too few'), (5, " UUID ", 1, 'done', '');"
  "INSERT INTO session_slots (id, uuid, session_id, day, period, starts_at, ends_at) VALUES"
  " (1, " UUID ", 1, '2026-03-02', 'morning', '09:00', '12:30'),"
  " (2, " UUID ", 1, '2026-03-02', 'afternoon', '13:30', '17:00'),"
  " (3, " UUID ", 1, '2026-03-03', 'morning', '09:00', '12:30'),"
  " (4, " UUID ", 2, '2026-03-09', 'afternoon', '13:30', '17:00'),"
  " (5, " UUID ", 2, '2026-03-10', 'morning', '09:00', '12:30'),"
  " (6, " UUID ", 5, '2024-01-10', 'morning', '09:00', '12:30'),"
  " (7, " UUID ", 4, '2026-03-04', 'morning', '09:00', '12:30');"
  "INSERT INTO session_trainers (session_id, person_id) VALUES (1, 5), (2, 5);"
  "INSERT INTO enrollments (uuid, session_id, person_id, status, cancel_reason) VALUES"
  " (" UUID ", 1, 1, 'enrolled', ''), (" UUID ", 1, 2, 'enrolled', ''),"
  " (" UUID ", 1, 3, 'enrolled', ''), (" UUID ", 1, 4, 'cancelled', 'Ill'),"
  " (" UUID ", 2, 1, 'enrolled', ''), (" UUID ", 3, 2, 'enrolled', ''),"
  " (" UUID ", 3, 3, 'enrolled', ''), (" UUID ", 4, 1, 'enrolled', ''),"
  " (" UUID ", 5, 1, 'enrolled', ''), (" UUID ", 5, 2, 'enrolled', '');"
  /* C is absent on the afternoon of 2 March. */
  "INSERT INTO attendance (uuid, slot_id, person_id, status) VALUES (" UUID ", 2, 3, 'absent');"
  "INSERT INTO scenarios (id, uuid, title) VALUES (1, " UUID ", 'The noisy group');";

static void
sign (Fixture    *fixture,
      gint64      session,
      gint64      slot,
      gint64      person,
      const char *role)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes, signed_at,"
    " previous_hash, hash) VALUES (" UUID ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
    " %" G_GINT64_FORMAT ", '%s', x'00', '2026-03-02T09:00:00Z', '', hex (randomblob (16)))",
    session, slot, person, role);

  psr_test_exec (fixture->db, sql);
}

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

  psr_test_exec (fixture->db, world);

  /* S1: the first slot is signed by all and countersigned; the second by
   * A and B (C absent) but not countersigned; the third by A and the
   * trainer only. */
  for (gint64 person = A; person <= C; person++)
    sign (fixture, S1, SLOT1, person, "trainee");
  sign (fixture, S1, SLOT1, TRAINER, "trainer");
  sign (fixture, S1, SLOT2, A, "trainee");
  sign (fixture, S1, SLOT2, B, "trainee");
  sign (fixture, S1, SLOT3, A, "trainee");
  sign (fixture, S1, SLOT3, TRAINER, "trainer");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* 10 March 2026 at noon, in Paris. */
static GDateTime *
test_now (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  return g_date_time_new (paris, 2026, 3, 10, 12, 0, 0);
}

static void
rate (Fixture   *fixture,
      gint64     person,
      gint64     competency,
      PsrMoment  moment,
      PsrRater   rater,
      int        position)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_positioning_set (fixture->db, S1, person, competency, moment, rater,
                                      rater == PSR_RATER_TRAINER ? TRAINER : 0,
                                      LEVEL (position), NULL, &error));
  g_assert_no_error (error);
}

/* The ratings of the test:
 * A: C1 before trainee 1, trainer 0; after trainee 3, trainer 2 → +2 (trainer's)
 *    I1 before trainee 1, after trainee 1 → 0
 *    C2 before trainee 2, after trainer 0 → −2
 * B: C1 before 0, after 1 → +1; I1 and C2 before 0, nothing after.
 * C: nothing. */
static void
rate_everyone (Fixture *fixture)
{
  rate (fixture, A, C1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 1);
  rate (fixture, A, C1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINER, 0);
  rate (fixture, A, C1, PSR_MOMENT_AFTER, PSR_RATER_TRAINEE, 3);
  rate (fixture, A, C1, PSR_MOMENT_AFTER, PSR_RATER_TRAINER, 2);
  rate (fixture, A, I1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 1);
  rate (fixture, A, I1, PSR_MOMENT_AFTER, PSR_RATER_TRAINEE, 1);
  rate (fixture, A, C2, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 2);
  rate (fixture, A, C2, PSR_MOMENT_AFTER, PSR_RATER_TRAINER, 0);
  rate (fixture, B, C1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 0);
  rate (fixture, B, C1, PSR_MOMENT_AFTER, PSR_RATER_TRAINEE, 1);
  rate (fixture, B, I1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 0);
  rate (fixture, B, C2, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 0);
}

/* Positioning ------------------------------------------------------------------ */

static void
test_competencies (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GPtrArray) none = NULL;

  competencies = psr_session_list_positioning_competencies (fixture->db, S1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (competencies->len, ==, 3);
  g_assert_cmpstr (((PsrPositioningCompetency *) competencies->pdata[0])->code, ==, "I1");
  g_assert_cmpstr (((PsrPositioningCompetency *) competencies->pdata[1])->code, ==, "C2");
  g_assert_cmpstr (((PsrPositioningCompetency *) competencies->pdata[2])->code, ==, "C1");
  g_assert_cmpint (((PsrPositioningCompetency *) competencies->pdata[2])->framework_id, ==, 1);

  levels = psr_session_list_positioning_levels (fixture->db, S1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 4);
  g_assert_cmpstr (((PsrScaleLevel *) levels->pdata[0])->name, ==, "Novice");
  g_assert_cmpstr (((PsrScaleLevel *) levels->pdata[3])->name, ==, "Expert");

  /* Reordering the framework reorders the list. */
  psr_test_exec (fixture->db, "UPDATE competencies SET position = 2 WHERE id = 1");
  g_clear_pointer (&competencies, g_ptr_array_unref);
  competencies = psr_session_list_positioning_competencies (fixture->db, S1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((PsrPositioningCompetency *) competencies->pdata[0])->code, ==, "C1");
  g_assert_cmpstr (((PsrPositioningCompetency *) competencies->pdata[1])->code, ==, "I1");

  none = psr_session_list_positioning_competencies (fixture->db, S2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&levels, g_ptr_array_unref);
  levels = psr_session_list_positioning_levels (fixture->db, S2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 0);

  g_assert_null (psr_session_list_positioning_competencies (fixture->db, 999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_gaps (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PsrPositioningSummary) summary = NULL;
  const PsrPositioningRow *row;
  const PsrCompetencyGap *gap;

  rate_everyone (fixture);

  rows = psr_session_list_positionings (fixture->db, S1, 0, &error);
  g_assert_no_error (error);
  /* B, A, C by family name; I1, C2, C1 each. D's enrollment is cancelled. */
  g_assert_cmpuint (rows->len, ==, 9);
  row = rows->pdata[0];
  g_assert_cmpint (row->person_id, ==, B);
  g_assert_cmpstr (row->display_name, ==, "Bruno Durand");
  g_assert_cmpint (row->competency_id, ==, I1);
  g_assert_false (row->has_gap);
  g_assert_cmpint (row->ratings[PSR_MOMENT_BEFORE][PSR_RATER_TRAINEE].position, ==, 0);
  g_assert_cmpint (row->ratings[PSR_MOMENT_AFTER][PSR_RATER_TRAINEE].position, ==, -1);
  g_assert_cmpint (row->ratings[PSR_MOMENT_AFTER][PSR_RATER_TRAINEE].level_id, ==, 0);

  /* A on C1: the trainer's ratings are used, at both moments. */
  row = rows->pdata[5];
  g_assert_cmpint (row->person_id, ==, A);
  g_assert_cmpint (row->competency_id, ==, C1);
  g_assert_true (row->has_gap);
  g_assert_cmpint (row->gap, ==, 2);
  g_assert_cmpint (row->before_rater, ==, PSR_RATER_TRAINER);
  g_assert_cmpint (row->after_rater, ==, PSR_RATER_TRAINER);
  g_assert_cmpint (row->ratings[PSR_MOMENT_AFTER][PSR_RATER_TRAINEE].position, ==, 3);
  g_assert_cmpint (row->ratings[PSR_MOMENT_AFTER][PSR_RATER_TRAINEE].level_id, ==, LEVEL (3));

  /* A on C2: the trainee's before, the trainer's after. */
  row = rows->pdata[4];
  g_assert_cmpint (row->competency_id, ==, C2);
  g_assert_cmpint (row->gap, ==, -2);
  g_assert_cmpint (row->before_rater, ==, PSR_RATER_TRAINEE);
  g_assert_cmpint (row->after_rater, ==, PSR_RATER_TRAINER);

  row = rows->pdata[8];
  g_assert_cmpint (row->person_id, ==, C);
  g_assert_false (row->has_gap);

  summary = psr_session_get_positioning_summary (fixture->db, S1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_trainees, ==, 3);
  g_assert_cmpuint (summary->competencies->len, ==, 3);

  gap = summary->competencies->pdata[0];
  g_assert_cmpstr (gap->code, ==, "I1");
  g_assert_cmpuint (gap->n_rated, ==, 1);
  g_assert_cmpfloat (gap->average_gap, ==, 0);
  g_assert_cmpuint (gap->n_progressed, ==, 0);

  gap = summary->competencies->pdata[1];
  g_assert_cmpstr (gap->code, ==, "C2");
  g_assert_cmpuint (gap->n_rated, ==, 1);
  g_assert_cmpfloat (gap->average_gap, ==, -2);

  gap = summary->competencies->pdata[2];
  g_assert_cmpstr (gap->code, ==, "C1");
  g_assert_cmpuint (gap->n_rated, ==, 2);
  g_assert_cmpfloat (gap->average_gap, ==, 1.5);
  g_assert_cmpuint (gap->n_progressed, ==, 2);
  g_assert_cmpfloat (gap->progressed_share, ==, 1.0);

  /* A's gaps add up to 0, B's to 1; C has none. */
  g_assert_cmpuint (summary->n_progressed, ==, 1);
  g_assert_cmpfloat (summary->progressed_share, ==, 0.5);

  g_assert_cmpuint (summary->missing_before->len, ==, 1);
  g_assert_cmpint (g_array_index (summary->missing_before, gint64, 0), ==, C);
  g_assert_cmpuint (summary->missing_after->len, ==, 2);
  g_assert_cmpint (g_array_index (summary->missing_after, gint64, 0), ==, B);
  g_assert_cmpint (g_array_index (summary->missing_after, gint64, 1), ==, C);

  /* One trainee's rows only. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = psr_session_list_positionings (fixture->db, S1, A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (((PsrPositioningRow *) rows->pdata[2])->gap, ==, 2);
}

static void
test_replace_and_clear (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  rate (fixture, A, C1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 1);
  rate (fixture, A, C1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 3);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM positionings"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT level_id FROM positionings"),
                   ==, LEVEL (3));
  /* The trainee is their own rater. */
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT rater_id FROM positionings"), ==, A);

  rate (fixture, A, C1, PSR_MOMENT_BEFORE, PSR_RATER_TRAINER, 2);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM positionings"), ==, 2);

  g_assert_true (psr_positioning_clear (fixture->db, S1, A, C1, PSR_MOMENT_BEFORE,
                                        PSR_RATER_TRAINER, &error));
  g_assert_no_error (error);
  g_assert_true (psr_positioning_clear (fixture->db, S1, A, C1, PSR_MOMENT_AFTER,
                                        PSR_RATER_TRAINER, &error));
  g_assert_no_error (error);

  rows = psr_session_list_positionings (fixture->db, S1, A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((PsrPositioningRow *) rows->pdata[2])->ratings[0][0].position, ==, 3);
  g_assert_cmpint (((PsrPositioningRow *) rows->pdata[2])->ratings[0][1].position, ==, -1);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    gint64    session;
    gint64    person;
    gint64    competency;
    PsrRater  rater;
    gint64    rater_id;
    gint64    level;
    int       code;
  } cases[] = {
    { S1, D, C1, PSR_RATER_TRAINEE, 0, LEVEL (1), PSR_ERROR_INVALID },        /* cancelled */
    { S1, TRAINER, C1, PSR_RATER_TRAINEE, 0, LEVEL (1), PSR_ERROR_INVALID },  /* not enrolled */
    { S1, A, C3, PSR_RATER_TRAINEE, 0, LEVEL (1), PSR_ERROR_INVALID },        /* not linked */
    { S1, A, C1, PSR_RATER_TRAINEE, 0, OTHER_LEVEL, PSR_ERROR_INVALID },      /* other scale */
    { S1, A, C1, PSR_RATER_TRAINEE, 0, 999, PSR_ERROR_INVALID },              /* no level */
    { S1, A, C1, PSR_RATER_TRAINER, B, LEVEL (1), PSR_ERROR_INVALID },        /* not a trainer */
    { S1, A, C1, PSR_RATER_TRAINER, 999, LEVEL (1), PSR_ERROR_NOT_FOUND },    /* nobody */
    { S4, A, C1, PSR_RATER_TRAINEE, 0, LEVEL (1), PSR_ERROR_INVALID },        /* cancelled */
    { 999, A, C1, PSR_RATER_TRAINEE, 0, LEVEL (1), PSR_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (psr_positioning_set (fixture->db, cases[i].session, cases[i].person,
                                           cases[i].competency, PSR_MOMENT_BEFORE,
                                           cases[i].rater, cases[i].rater_id, cases[i].level,
                                           NULL, &error));
      g_assert_error (error, PSR_ERROR, cases[i].code);
    }

  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM positionings"), ==, 0);
}

/* Module progress ---------------------------------------------------------------- */

static GPtrArray *
list_progress (Fixture *fixture,
               gint64   person)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *modules = psr_person_list_module_progress (fixture->db, person, CURRICULUM_1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (modules->len, ==, 2);
  return modules;
}

static void
test_progress_rules (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  const PsrModuleProgress *m1;

  modules = list_progress (fixture, A);
  g_assert_cmpint (((PsrModuleProgress *) modules->pdata[0])->status, ==, PSR_PROGRESS_NOT_STARTED);
  g_assert_cmpuint (psr_module_progress_percent (modules), ==, 0);

  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_IN_PROGRESS, NULL,
                                          now, &error));
  g_assert_no_error (error);
  g_assert_true (psr_module_progress_set_evidence (fixture->db, A, M1, "Greeted a school group",
                                                   &error));
  g_assert_no_error (error);

  /* Completed, today by default. */
  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, NULL,
                                          now, &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  m1 = modules->pdata[0];
  g_assert_cmpint (m1->status, ==, PSR_PROGRESS_COMPLETED);
  g_assert_true (g_date_time_equal (m1->completed_at, now));
  g_assert_cmpstr (m1->evidence, ==, "Greeted a school group");
  g_assert_cmpuint (psr_module_progress_percent (modules), ==, 50);
  /* Recorded with the session the trainee follows. */
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT session_id FROM module_progress"),
                   ==, S1);

  /* Completed again without a date: the first date stays. */
  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, NULL,
                                          later, &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_true (g_date_time_equal (((PsrModuleProgress *) modules->pdata[0])->completed_at, now));

  /* With a date given, that date. */
  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, earlier,
                                          now, &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_true (g_date_time_equal (((PsrModuleProgress *) modules->pdata[0])->completed_at,
                                    earlier));

  /* Never in the future; nothing changes. */
  g_assert_false (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, later,
                                           now, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_true (g_date_time_equal (((PsrModuleProgress *) modules->pdata[0])->completed_at,
                                    earlier));

  /* Reopened: the date goes, the evidence stays. */
  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_NOT_STARTED, NULL,
                                          now, &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  m1 = modules->pdata[0];
  g_assert_cmpint (m1->status, ==, PSR_PROGRESS_NOT_STARTED);
  g_assert_null (m1->completed_at);
  g_assert_cmpstr (m1->evidence, ==, "Greeted a school group");

  /* From not started straight to completed: recorded after the fact. */
  g_assert_true (psr_module_progress_set (fixture->db, A, M2, PSR_PROGRESS_COMPLETED, NULL,
                                          now, &error));
  g_assert_no_error (error);
  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, NULL,
                                          now, &error));
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_cmpuint (psr_module_progress_percent (modules), ==, 100);

  /* Evidence alone leaves a module not started. */
  g_assert_true (psr_module_progress_set_evidence (fixture->db, B, M2, "Observed on 2 March",
                                                   &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, B);
  g_assert_cmpint (((PsrModuleProgress *) modules->pdata[1])->status, ==, PSR_PROGRESS_NOT_STARTED);
  g_assert_cmpstr (((PsrModuleProgress *) modules->pdata[1])->evidence, ==, "Observed on 2 March");
}

static void
test_progress_refusals (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = NULL;

  /* D's only enrollment is cancelled; the trainer follows nothing. */
  g_assert_false (psr_module_progress_set (fixture->db, D, M1, PSR_PROGRESS_IN_PROGRESS, NULL,
                                           NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_module_progress_set_evidence (fixture->db, TRAINER, M1, "x", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_module_progress_set (fixture->db, A, 999, PSR_PROGRESS_IN_PROGRESS, NULL,
                                           NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_module_progress_set_evidence (fixture->db, A, M1, "\xff", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM module_progress"), ==, 0);

  /* Percentages round down, so that 100 means all. */
  modules = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_module_progress_free);
  for (guint i = 0; i < 3; i++)
    {
      PsrModuleProgress *progress = g_new0 (PsrModuleProgress, 1);

      progress->status = i < 2 ? PSR_PROGRESS_COMPLETED : PSR_PROGRESS_IN_PROGRESS;
      g_ptr_array_add (modules, progress);
    }
  g_assert_cmpuint (psr_module_progress_percent (modules), ==, 66);
}

/* Evidence notes are written on their own: changing them leaves the status
 * and its date alone, they are cleared with NULL or an empty text, a
 * refused change keeps the notes there were, and they are the trainee's
 * own. */
static void
test_progress_evidence (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  const PsrModuleProgress *m1;

  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, earlier,
                                          now, &error));
  g_assert_no_error (error);
  g_assert_true (psr_module_progress_set_evidence (fixture->db, A, M1,
                                                   "Led a workshop alone\nSheet signed",
                                                   &error));
  g_assert_no_error (error);
  modules = list_progress (fixture, A);
  m1 = modules->pdata[0];
  g_assert_cmpint (m1->status, ==, PSR_PROGRESS_COMPLETED);
  g_assert_true (g_date_time_equal (m1->completed_at, earlier));
  g_assert_cmpstr (m1->evidence, ==, "Led a workshop alone\nSheet signed");

  /* Another trainee's notes on the same module are theirs. */
  g_assert_true (psr_module_progress_set_evidence (fixture->db, B, M1, "Observed", &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_cmpstr (((PsrModuleProgress *) modules->pdata[0])->evidence, ==,
                   "Led a workshop alone\nSheet signed");

  /* Refused: the notes there were stay. */
  g_assert_false (psr_module_progress_set_evidence (fixture->db, A, M1, "Led \xc3(", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_cmpstr (((PsrModuleProgress *) modules->pdata[0])->evidence, ==,
                   "Led a workshop alone\nSheet signed");

  /* Cleared, with NULL as with an empty text; completed still, on its date. */
  g_assert_true (psr_module_progress_set_evidence (fixture->db, A, M1, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  m1 = modules->pdata[0];
  g_assert_cmpstr (m1->evidence, ==, "");
  g_assert_cmpint (m1->status, ==, PSR_PROGRESS_COMPLETED);
  g_assert_true (g_date_time_equal (m1->completed_at, earlier));

  g_assert_true (psr_module_progress_set_evidence (fixture->db, A, M2, "Draft", &error));
  g_assert_no_error (error);
  g_assert_true (psr_module_progress_set_evidence (fixture->db, A, M2, "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, A);
  g_assert_cmpstr (((PsrModuleProgress *) modules->pdata[1])->evidence, ==, "");
  g_assert_cmpint (((PsrModuleProgress *) modules->pdata[1])->status, ==,
                   PSR_PROGRESS_NOT_STARTED);

  g_clear_pointer (&modules, g_ptr_array_unref);
  modules = list_progress (fixture, B);
  g_assert_cmpstr (((PsrModuleProgress *) modules->pdata[0])->evidence, ==, "Observed");
}

/* Rehearsal runs ------------------------------------------------------------------- */

#define NODE1   "11111111-1111-4111-8111-111111111111"
#define CHOICE1 "22222222-2222-4222-8222-222222222222"
#define END1    "33333333-3333-4333-8333-333333333333"

static void
test_rehearsal_runs (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const bad_paths[] = {
    "", "{}", "[1]", "[{\"node\": \"" NODE1 "\"}]",
    "[{\"node\": \"" NODE1 "\", \"choice\": null}, {\"node\": \"" END1 "\", \"choice\": null}]",
    "[{\"node\": \"not a uuid\", \"choice\": null}]",
    "[{\"node\": \"" NODE1 "\", \"choice\": \"" CHOICE1 "\", \"extra\": 1}]",
    "[{\"node\": \"" NODE1 "\", \"choice\": \"" CHOICE1 "\"}",
  };
  g_autoptr(GDateTime) started = test_now ();
  g_autoptr(GDateTime) finished = g_date_time_add_minutes (started, 7);
  g_autoptr(GDateTime) second_start = g_date_time_add_minutes (started, 30);
  g_autoptr(PsrRehearsalPath) path = psr_rehearsal_path_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *json = NULL;
  const PsrRehearsalRun *run;
  gint64 first, second;

  psr_rehearsal_path_add (path, NODE1, CHOICE1);
  psr_rehearsal_path_add (path, END1, NULL);
  json = psr_rehearsal_path_to_json (path);

  first = psr_rehearsal_run_record (fixture->db, A, 1, started, finished, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  /* Left before the end. */
  second = psr_rehearsal_run_record (fixture->db, A, 1, second_start, NULL,
                                     "[{\"node\": \"" NODE1 "\", \"choice\": \"" CHOICE1 "\"}]",
                                     &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_paths); i++)
    {
      g_assert_cmpint (psr_rehearsal_run_record (fixture->db, A, 1, started, NULL, bad_paths[i],
                                                 &error), ==, 0);
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpint (psr_rehearsal_run_record (fixture->db, A, 1, finished, started, json, &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_rehearsal_run_record (fixture->db, A, 999, started, NULL, "[]", &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  runs = psr_person_list_rehearsal_runs (fixture->db, A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  run = runs->pdata[0];
  g_assert_cmpint (run->id, ==, second);
  g_assert_null (run->finished_at);
  g_assert_cmpuint (run->n_steps, ==, 1);
  run = runs->pdata[1];
  g_assert_cmpint (run->id, ==, first);
  g_assert_cmpstr (run->scenario_title, ==, "The noisy group");
  g_assert_true (g_date_time_equal (run->started_at, started));
  g_assert_true (g_date_time_equal (run->finished_at, finished));
  g_assert_cmpstr (run->path, ==, json);
  g_assert_cmpuint (run->n_steps, ==, 2);

  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = psr_person_list_rehearsal_runs (fixture->db, B, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
}

/* Trainee summary ------------------------------------------------------------------ */

static void
test_trainee_summary (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrTraineeSummary) summary = NULL;
  g_autoptr(PsrTraineeSummary) copy = NULL;
  const PsrTraineeSession *session;
  const PsrTraineeCurriculum *curriculum;
  const PsrTraineeCompetency *bar;

  rate_everyone (fixture);
  g_assert_true (psr_module_progress_set (fixture->db, A, M1, PSR_PROGRESS_COMPLETED, NULL,
                                          now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_rehearsal_run_record (fixture->db, A, 1, now, NULL, "[]", &error), >, 0);

  summary = psr_trainee_summary_load (fixture->db, A, now, &error);
  g_assert_no_error (error);

  /* S2 (9 March), the cancelled S4 (4 March: listed, its slots over not
   * counted), S1 (2 March), S5 (2024). */
  g_assert_cmpuint (summary->sessions->len, ==, 4);
  session = summary->sessions->pdata[1];
  g_assert_cmpint (session->session_id, ==, S4);
  g_assert_cmpint (session->status, ==, PSR_SESSION_CANCELLED);
  session = summary->sessions->pdata[0];
  g_assert_cmpint (session->session_id, ==, S2);
  g_assert_cmpstr (session->display_title, ==, "Médiation numérique");
  g_assert_cmpint (session->status, ==, PSR_SESSION_RUNNING);
  g_assert_cmpuint (session->n_slots, ==, 2);
  /* The morning of 10 March ends at 12:30: not over at noon. */
  g_assert_cmpuint (session->n_slots_over, ==, 1);
  g_assert_cmpuint (session->n_signed, ==, 0);
  g_assert_cmpfloat (session->attendance_rate, ==, 0);
  session = summary->sessions->pdata[2];
  g_assert_cmpint (session->session_id, ==, S1);
  g_assert_cmpuint (session->n_slots_over, ==, 3);
  g_assert_cmpuint (session->n_signed, ==, 3);
  g_assert_cmpfloat (session->attendance_rate, ==, 1);
  g_assert_cmpint (g_date_get_day (&session->starts_on), ==, 2);
  g_assert_cmpint (g_date_get_day (&session->ends_on), ==, 3);
  session = summary->sessions->pdata[3];
  g_assert_cmpint (session->session_id, ==, S5);

  /* 1 (S2) + 3 (S1) + 1 (S5) slots over, 3 signed. */
  g_assert_cmpuint (summary->n_slots_over, ==, 5);
  g_assert_cmpuint (summary->n_signed, ==, 3);
  g_assert_cmpfloat (summary->attendance_rate, ==, 0.6);

  g_assert_cmpuint (summary->curricula->len, ==, 2);
  curriculum = summary->curricula->pdata[0];
  g_assert_cmpstr (curriculum->title, ==, "Accueillir les publics");
  g_assert_cmpuint (curriculum->n_modules, ==, 2);
  g_assert_cmpuint (curriculum->n_completed, ==, 1);
  g_assert_cmpuint (curriculum->percent, ==, 50);
  curriculum = summary->curricula->pdata[1];
  g_assert_cmpstr (curriculum->title, ==, "Médiation numérique");
  g_assert_cmpuint (curriculum->n_modules, ==, 0);

  /* S1's three competencies, then S5's three without ratings. */
  g_assert_cmpuint (summary->competencies->len, ==, 6);
  bar = summary->competencies->pdata[0];
  g_assert_cmpint (bar->session_id, ==, S1);
  g_assert_cmpstr (bar->code, ==, "I1");
  g_assert_cmpint (bar->before, ==, 1);
  g_assert_cmpint (bar->after, ==, 1);
  g_assert_cmpuint (bar->n_levels, ==, 4);
  bar = summary->competencies->pdata[1];
  g_assert_cmpint (bar->before, ==, 2);
  g_assert_cmpint (bar->after, ==, 0);
  bar = summary->competencies->pdata[2];
  g_assert_cmpstr (bar->code, ==, "C1");
  g_assert_cmpint (bar->before, ==, 0);
  g_assert_cmpint (bar->after, ==, 2);
  bar = summary->competencies->pdata[3];
  g_assert_cmpint (bar->session_id, ==, S5);
  g_assert_cmpint (bar->before, ==, -1);

  g_assert_cmpuint (summary->n_rehearsal_runs, ==, 1);

  copy = psr_trainee_summary_copy (summary);
  g_assert_cmpuint (copy->competencies->len, ==, 6);

  g_assert_null (psr_trainee_summary_load (fixture->db, 999, now, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* Needs action ------------------------------------------------------------------------ */

static void
assert_ids (GArray *ids,
            guint   n,
            ...)
{
  va_list args;

  g_assert_cmpuint (ids->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, va_arg (args, gint64));
  va_end (args);
}

static void
test_needs_action (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrNeedsAction) needs = NULL;
  g_autoptr(PsrNeedsAction) copy = NULL;
  g_autoptr(GPtrArray) answers = NULL;

  rate_everyone (fixture);
  psr_test_exec (fixture->db,
                 "INSERT INTO satisfaction_responses (uuid, session_id, person_id, kind)"
                 " VALUES (" UUID ", 1, 1, 'hot'), (" UUID ", 1, 2, 'cold')");

  needs = psr_needs_action_load (fixture->db, now, &error);
  g_assert_no_error (error);

  /* S1: the second slot lacks the trainer, the third B and C; S2: its
   * slot of 9 March, signed by nobody. The cancelled S4 and the old S5
   * do not count. */
  g_assert_cmpuint (needs->counts[PSR_NEED_UNSIGNED_SLOTS], ==, 3);
  assert_ids (needs->session_ids[PSR_NEED_UNSIGNED_SLOTS], 2, (gint64) S1, (gint64) S2);

  /* S3 (planned, of curriculum 1): B and C have no rating before. S2 has
   * no competency to rate. */
  g_assert_cmpuint (needs->counts[PSR_NEED_POSITIONING_BEFORE], ==, 2);
  assert_ids (needs->session_ids[PSR_NEED_POSITIONING_BEFORE], 1, (gint64) S3);

  /* S1: B lacks two ratings after, C all of them. */
  g_assert_cmpuint (needs->counts[PSR_NEED_POSITIONING_AFTER], ==, 2);
  assert_ids (needs->session_ids[PSR_NEED_POSITIONING_AFTER], 1, (gint64) S1);

  /* S1: B (a follow-up response is not the end-of-session one) and C. */
  g_assert_cmpuint (needs->counts[PSR_NEED_SATISFACTION], ==, 2);
  assert_ids (needs->session_ids[PSR_NEED_SATISFACTION], 1, (gint64) S1);

  copy = psr_needs_action_copy (needs);
  g_assert_cmpuint (copy->session_ids[PSR_NEED_SATISFACTION]->len, ==, 1);
  g_clear_pointer (&needs, psr_needs_action_free);

  /* The trainer countersigns, B signs the third slot and C is excused:
   * only S2 is left. B and C rate after. */
  sign (fixture, S1, SLOT2, TRAINER, "trainer");
  sign (fixture, S1, SLOT3, B, "trainee");
  psr_test_exec (fixture->db,
                 "INSERT INTO attendance (uuid, slot_id, person_id, status)"
                 " VALUES (" UUID ", 3, 3, 'excused')");
  for (gint64 person = B; person <= C; person++)
    for (gint64 competency = C1; competency <= I1; competency++)
      if (competency != C3)
        {
          rate (fixture, person, competency, PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 1);
          rate (fixture, person, competency, PSR_MOMENT_AFTER, PSR_RATER_TRAINER, 2);
        }

  needs = psr_needs_action_load (fixture->db, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (needs->counts[PSR_NEED_UNSIGNED_SLOTS], ==, 1);
  assert_ids (needs->session_ids[PSR_NEED_UNSIGNED_SLOTS], 1, (gint64) S2);
  g_assert_cmpuint (needs->counts[PSR_NEED_POSITIONING_AFTER], ==, 0);
  g_assert_cmpuint (needs->session_ids[PSR_NEED_POSITIONING_AFTER]->len, ==, 0);

  /* A year and more later, S1 is history. */
  {
    g_autoptr(GDateTime) next_year = g_date_time_add_days (now, PSR_NEEDS_DAYS_BACK + 10);

    g_clear_pointer (&needs, psr_needs_action_free);
    needs = psr_needs_action_load (fixture->db, next_year, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (needs->counts[PSR_NEED_SATISFACTION], ==, 0);
    /* S3 has no slots: it still waits for its positioning. */
    g_assert_cmpuint (needs->counts[PSR_NEED_POSITIONING_BEFORE], ==, 2);
  }
}

static void
test_codes (void)
{
  g_assert_cmpstr (psr_moment_to_code (PSR_MOMENT_AFTER), ==, "after");
  g_assert_cmpint (psr_moment_from_code ("before"), ==, PSR_MOMENT_BEFORE);
  g_assert_cmpint (psr_moment_from_code ("later"), ==, -1);
  g_assert_cmpstr (psr_rater_to_code (PSR_RATER_TRAINEE), ==, "trainee");
  g_assert_cmpint (psr_rater_from_code ("trainer"), ==, PSR_RATER_TRAINER);
  g_assert_cmpint (psr_rater_from_code (NULL), ==, -1);
  g_assert_cmpstr (psr_progress_status_to_code (PSR_PROGRESS_IN_PROGRESS), ==, "in-progress");
  g_assert_cmpint (psr_progress_status_from_code ("completed"), ==, PSR_PROGRESS_COMPLETED);
  g_assert_cmpstr (psr_progress_status_label (PSR_PROGRESS_NOT_STARTED), ==, "Not started");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/progress/positioning/competencies", test_competencies);
  ADD ("/progress/positioning/gaps", test_gaps);
  ADD ("/progress/positioning/replace-and-clear", test_replace_and_clear);
  ADD ("/progress/positioning/refusals", test_refusals);
  ADD ("/progress/modules/rules", test_progress_rules);
  ADD ("/progress/modules/refusals", test_progress_refusals);
  ADD ("/progress/modules/evidence", test_progress_evidence);
  ADD ("/progress/rehearsal-runs", test_rehearsal_runs);
  ADD ("/progress/trainee-summary", test_trainee_summary);
  ADD ("/progress/needs-action", test_needs_action);
  g_test_add_func ("/progress/codes", test_codes);

#undef ADD

  return g_test_run ();
}
