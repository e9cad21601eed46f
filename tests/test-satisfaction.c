/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "psr-error.h"
#include "psr-satisfaction.h"
#include "psr-test-utils.h"

#define UUID "(lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-'" \
             " || hex (randomblob (2)) || '-' || hex (randomblob (2)) || '-'" \
             " || hex (randomblob (6))))"

/* A small year, 2025, whose indicators docs/indicators.md works out:
 *
 * Curriculum 1 and its version 2 (one lineage), curriculum 3 apart.
 * S1 (curriculum 1, done, 3–4 March 2025, four slots of 3.5 + 3.5 + 3 + 4
 *   = 14 h; trainers Tom Trainer and Alice Bertin): A enrolled, signed
 *   every slot; B enrolled, present at three slots (10 h), absent at the
 *   last; C no-show; D cancelled; E waiting.
 * S2 (curriculum 1 version 2, done, 20 November 2025, one slot of 3.5 h;
 *   Tom Trainer): A enrolled, absent; D enrolled, present.
 * S5 (curriculum 3, done, 10 June 2025, one slot of 3.5 h): two erased
 *   trainees, present, left as anonymous counts, and one response of an
 *   erased trainee.
 * S3 (curriculum 3, done, January 2026) and S4 (curriculum 1, running,
 *   December 2025) are not of the year's sessions held.
 */
enum { CURRICULUM_1 = 1, CURRICULUM_1_V2, CURRICULUM_3 };
enum { M1 = 1, M2, M3 };
enum { S1 = 1, S2, S3, S4, S5, S6 };
enum { A = 1, B, C, D, E, TOM, ALICE };

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

static const char *world =
  "INSERT INTO curricula (id, uuid, lineage_uuid, version, title) VALUES"
  " (1, " UUID ", 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 1, 'Accueillir les publics'),"
  " (2, " UUID ", 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 2, 'Accueillir les publics'),"
  " (3, " UUID ", 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 1, 'Médiation numérique');"
  "INSERT INTO modules (id, uuid, curriculum_id, position, title) VALUES"
  " (1, " UUID ", 1, 0, 'Greeting'), (2, " UUID ", 1, 1, 'Guiding'),"
  " (3, " UUID ", 2, 0, 'Greeting again');"
  "INSERT INTO people (id, uuid, given_name, family_name, is_trainer) VALUES"
  " (1, " UUID ", 'Anne', 'Martin', 0), (2, " UUID ", 'Bruno', 'Durand', 0),"
  " (3, " UUID ", 'Chloé', 'Petit', 0), (4, " UUID ", 'Denis', 'Roy', 0),"
  " (5, " UUID ", 'Emma', 'Noir', 0), (6, " UUID ", 'Tom', 'Trainer', 1),"
  " (7, " UUID ", 'Alice', 'Bertin', 1);"
  "INSERT INTO sessions (id, uuid, curriculum_id, status) VALUES"
  " (1, " UUID ", 1, 'done'), (2, " UUID ", 2, 'done'), (3, " UUID ", 3, 'done'),"
  " (4, " UUID ", 1, 'running'), (5, " UUID ", 3, 'done'), (6, " UUID ", 1, 'planned');"
  "INSERT INTO session_slots (id, uuid, session_id, day, period, starts_at, ends_at) VALUES"
  " (1, " UUID ", 1, '2025-03-03', 'morning', '09:00', '12:30'),"
  " (2, " UUID ", 1, '2025-03-03', 'afternoon', '13:30', '17:00'),"
  " (3, " UUID ", 1, '2025-03-04', 'morning', '09:00', '12:00'),"
  " (4, " UUID ", 1, '2025-03-04', 'afternoon', '13:00', '17:00'),"
  " (5, " UUID ", 2, '2025-11-20', 'morning', '09:00', '12:30'),"
  " (6, " UUID ", 3, '2026-01-05', 'morning', '09:00', '12:30'),"
  " (7, " UUID ", 4, '2025-12-15', 'morning', '09:00', '12:30'),"
  " (8, " UUID ", 5, '2025-06-10', 'morning', '09:00', '12:30');"
  "INSERT INTO session_trainers (session_id, person_id) VALUES (1, 6), (1, 7), (2, 6);"
  "INSERT INTO enrollments (uuid, session_id, person_id, status, waiting_position, cancel_reason)"
  " VALUES (" UUID ", 1, 1, 'enrolled', NULL, ''), (" UUID ", 1, 2, 'enrolled', NULL, ''),"
  " (" UUID ", 1, 3, 'no-show', NULL, ''), (" UUID ", 1, 4, 'cancelled', NULL, 'Ill'),"
  " (" UUID ", 1, 5, 'waiting', 1, ''), (" UUID ", 2, 1, 'enrolled', NULL, ''),"
  " (" UUID ", 2, 4, 'enrolled', NULL, ''), (" UUID ", 3, 5, 'enrolled', NULL, ''),"
  " (" UUID ", 4, 2, 'enrolled', NULL, ''), (" UUID ", 6, 1, 'enrolled', NULL, '');"
  "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes, signed_at,"
  " previous_hash, hash) SELECT " UUID ", 1, id, 1, 'trainee', x'00', '2025-03-03T08:00:00Z',"
  " '', hex (randomblob (16)) FROM session_slots WHERE session_id = 1;"
  "INSERT INTO attendance (uuid, slot_id, person_id, status) VALUES"
  " (" UUID ", 1, 2, 'present'), (" UUID ", 2, 2, 'late'), (" UUID ", 3, 2, 'present'),"
  " (" UUID ", 4, 2, 'absent'), (" UUID ", 5, 1, 'absent'), (" UUID ", 5, 4, 'present');"
  "INSERT INTO anonymous_enrollments (session_id, status, count) VALUES (5, 'enrolled', 2);"
  "INSERT INTO anonymous_attendance (session_id, slot_id, status, count) VALUES (5, 8, 'present', 2);";

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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
answers_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) psr_survey_answer_free);
}

static void
add (GPtrArray   *answers,
     PsrQuestion  question,
     gint64       subject_id,
     guint        rating,
     const char  *comment)
{
  g_ptr_array_add (answers, psr_survey_answer_new (question, subject_id, rating, comment));
}

static void
record (Fixture       *fixture,
        gint64         session,
        gint64         person,
        PsrSurveyKind  kind,
        GPtrArray     *answers,
        int            minute)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 12, 1, 10, minute, 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (psr_survey_record (fixture->db, session, person, kind, answers, when, &error),
                   >, 0);
  g_assert_no_error (error);
}

/* The responses of the year, and one of 2026. */
static void
record_everyone (Fixture *fixture)
{
  g_autoptr(GPtrArray) a = answers_new ();
  g_autoptr(GPtrArray) b = answers_new ();
  g_autoptr(GPtrArray) d = answers_new ();
  g_autoptr(GPtrArray) e = answers_new ();
  g_autoptr(GPtrArray) a_later = answers_new ();
  g_autoptr(GPtrArray) d_later = answers_new ();

  add (a, PSR_QUESTION_MODULE, M1, 5, "Clear");
  add (a, PSR_QUESTION_MODULE, M2, 4, NULL);
  add (a, PSR_QUESTION_TRAINER, TOM, 5, NULL);
  add (a, PSR_QUESTION_TRAINER, ALICE, 3, NULL);
  add (a, PSR_QUESTION_ROOM, 0, 4, NULL);
  add (a, PSR_QUESTION_OVERALL, 0, 5, NULL);
  add (a, PSR_QUESTION_WORKED, 0, 0, "The role plays");
  add (a, PSR_QUESTION_IMPROVE, 0, 0, "  More breaks  ");
  record (fixture, S1, A, PSR_SURVEY_END, a, 0);

  add (b, PSR_QUESTION_MODULE, M1, 3, NULL);
  add (b, PSR_QUESTION_OVERALL, 0, 4, NULL);
  add (b, PSR_QUESTION_IMPROVE, 0, 0, "Room too hot");
  /* Skipped questions are left out. */
  add (b, PSR_QUESTION_ROOM, 0, 0, "");
  record (fixture, S1, B, PSR_SURVEY_END, b, 1);

  add (d, PSR_QUESTION_OVERALL, 0, 2, NULL);
  record (fixture, S2, D, PSR_SURVEY_END, d, 2);

  add (e, PSR_QUESTION_OVERALL, 0, 1, NULL);
  record (fixture, S3, E, PSR_SURVEY_END, e, 3);

  add (a_later, PSR_QUESTION_USED, 0, 4, "Yes, in my visits");
  record (fixture, S1, A, PSR_SURVEY_FOLLOW_UP, a_later, 4);
  add (d_later, PSR_QUESTION_USED, 0, 5, NULL);
  record (fixture, S2, D, PSR_SURVEY_FOLLOW_UP, d_later, 5);

  /* An erased trainee's response stays, without them. */
  psr_test_exec (fixture->db,
                 "INSERT INTO satisfaction_responses (id, uuid, session_id, person_id, kind)"
                 " VALUES (100, " UUID ", 5, NULL, 'hot');"
                 "INSERT INTO satisfaction_answers (response_id, question, rating)"
                 " VALUES (100, 'overall', 3)");
}

static void
test_questions (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct
  {
    PsrQuestion  question;
    gint64       subject_id;
    const char  *subject;
  } expected[] = {
    { PSR_QUESTION_MODULE, M1, "Greeting" },
    { PSR_QUESTION_MODULE, M2, "Guiding" },
    { PSR_QUESTION_TRAINER, ALICE, "Alice Bertin" },
    { PSR_QUESTION_TRAINER, TOM, "Tom Trainer" },
    { PSR_QUESTION_ROOM, 0, "" },
    { PSR_QUESTION_OVERALL, 0, "" },
    { PSR_QUESTION_WORKED, 0, "" },
    { PSR_QUESTION_IMPROVE, 0, "" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) follow_up = NULL;

  questions = psr_survey_list_questions (fixture->db, S1, PSR_SURVEY_END, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (questions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const PsrSurveyAnswer *question = questions->pdata[i];

      g_assert_cmpint (question->question, ==, expected[i].question);
      g_assert_cmpint (question->subject_id, ==, expected[i].subject_id);
      g_assert_cmpstr (question->subject, ==, expected[i].subject);
      g_assert_cmpuint (question->rating, ==, 0);
      g_assert_nonnull (psr_question_label (question->question));
      g_assert_cmpint (psr_question_get_survey (question->question), ==, PSR_SURVEY_END);
    }

  follow_up = psr_survey_list_questions (fixture->db, S1, PSR_SURVEY_FOLLOW_UP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_up->len, ==, 1);
  g_assert_cmpint (((PsrSurveyAnswer *) follow_up->pdata[0])->question, ==, PSR_QUESTION_USED);
  g_assert_true (psr_question_is_rating (PSR_QUESTION_USED));
  g_assert_false (psr_question_is_rating (PSR_QUESTION_IMPROVE));

  g_assert_cmpstr (psr_survey_kind_to_code (PSR_SURVEY_FOLLOW_UP), ==, "cold");
  g_assert_cmpint (psr_survey_kind_from_code ("hot"), ==, PSR_SURVEY_END);
  g_assert_cmpstr (psr_question_to_code (PSR_QUESTION_IMPROVE), ==, "improve");
  g_assert_cmpint (psr_question_from_code ("overall"), ==, PSR_QUESTION_OVERALL);
  g_assert_cmpint (psr_question_from_code ("nope"), ==, -1);
}

static void
test_record_and_replace (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) again = answers_new ();
  const PsrSurveyAnswer *answer;

  record_everyone (fixture);

  answers = psr_survey_get_response (fixture->db, S1, A, PSR_SURVEY_END, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 8);
  answer = answers->pdata[2];
  g_assert_cmpint (answer->question, ==, PSR_QUESTION_TRAINER);
  g_assert_cmpint (answer->subject_id, ==, ALICE);
  g_assert_cmpstr (answer->subject, ==, "Alice Bertin");
  g_assert_cmpuint (answer->rating, ==, 3);
  answer = answers->pdata[7];
  g_assert_cmpint (answer->question, ==, PSR_QUESTION_IMPROVE);
  g_assert_cmpuint (answer->rating, ==, 0);
  g_assert_cmpstr (answer->comment, ==, "More breaks");
  g_clear_pointer (&answers, g_ptr_array_unref);

  /* One response per trainee, session and survey: a new one replaces it. */
  add (again, PSR_QUESTION_OVERALL, 0, 3, "Changed my mind");
  record (fixture, S1, A, PSR_SURVEY_END, again, 30);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM satisfaction_responses"
                                       " WHERE session_id = 1 AND person_id = 1 AND kind = 'hot'"),
                   ==, 1);
  answers = psr_survey_get_response (fixture->db, S1, A, PSR_SURVEY_END, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 1);
  g_assert_cmpuint (((PsrSurveyAnswer *) answers->pdata[0])->rating, ==, 3);
  g_clear_pointer (&answers, g_ptr_array_unref);

  /* The follow-up response is another one. */
  answers = psr_survey_get_response (fixture->db, S1, A, PSR_SURVEY_FOLLOW_UP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answers->len, ==, 1);
  g_clear_pointer (&answers, g_ptr_array_unref);

  g_assert_null (psr_survey_get_response (fixture->db, S1, C, PSR_SURVEY_END, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct
  {
    gint64         session;
    gint64         person;
    PsrSurveyKind  kind;
    PsrQuestion    question;
    gint64         subject_id;
    guint          rating;
    int            code;
  } cases[] = {
    { S1, C, PSR_SURVEY_END, PSR_QUESTION_OVERALL, 0, 4, PSR_ERROR_INVALID },       /* no-show */
    { S1, D, PSR_SURVEY_END, PSR_QUESTION_OVERALL, 0, 4, PSR_ERROR_INVALID },       /* cancelled */
    { S1, TOM, PSR_SURVEY_END, PSR_QUESTION_OVERALL, 0, 4, PSR_ERROR_INVALID },     /* trainer */
    { S6, A, PSR_SURVEY_END, PSR_QUESTION_OVERALL, 0, 4, PSR_ERROR_INVALID },       /* planned */
    { S4, B, PSR_SURVEY_FOLLOW_UP, PSR_QUESTION_USED, 0, 4, PSR_ERROR_INVALID },    /* running */
    { S1, A, PSR_SURVEY_END, PSR_QUESTION_MODULE, M3, 4, PSR_ERROR_INVALID },       /* other version */
    { S2, A, PSR_SURVEY_END, PSR_QUESTION_TRAINER, ALICE, 4, PSR_ERROR_INVALID },   /* not its trainer */
    { S1, A, PSR_SURVEY_END, PSR_QUESTION_OVERALL, 0, 6, PSR_ERROR_INVALID },
    { S1, A, PSR_SURVEY_END, PSR_QUESTION_WORKED, 0, 4, PSR_ERROR_INVALID },        /* text only */
    { S1, A, PSR_SURVEY_END, PSR_QUESTION_USED, 0, 4, PSR_ERROR_INVALID },          /* follow-up */
    { S1, A, PSR_SURVEY_FOLLOW_UP, PSR_QUESTION_OVERALL, 0, 4, PSR_ERROR_INVALID },
    { 999, A, PSR_SURVEY_END, PSR_QUESTION_OVERALL, 0, 4, PSR_ERROR_NOT_FOUND },
  };
  g_autoptr(GPtrArray) twice = answers_new ();
  g_autoptr(GPtrArray) bad_text = answers_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) answers = answers_new ();

      add (answers, cases[i].question, cases[i].subject_id, cases[i].rating, NULL);
      g_assert_cmpint (psr_survey_record (fixture->db, cases[i].session, cases[i].person,
                                          cases[i].kind, answers, NULL, &error), ==, 0);
      g_assert_error (error, PSR_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  add (twice, PSR_QUESTION_OVERALL, 0, 4, NULL);
  add (twice, PSR_QUESTION_OVERALL, 0, 5, NULL);
  g_assert_cmpint (psr_survey_record (fixture->db, S1, A, PSR_SURVEY_END, twice, NULL, &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  add (bad_text, PSR_QUESTION_WORKED, 0, 0, "\xc3\x28");
  g_assert_cmpint (psr_survey_record (fixture->db, S1, A, PSR_SURVEY_END, bad_text, NULL, &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM satisfaction_responses"),
                   ==, 0);

  /* The end-of-session survey opens while the session runs. */
  {
    g_autoptr(GPtrArray) answers = answers_new ();

    add (answers, PSR_QUESTION_OVERALL, 0, 4, NULL);
    record (fixture, S4, B, PSR_SURVEY_END, answers, 0);
  }
}

static const PsrQuestionResult *
find_result (const PsrSurveyResults *results,
             PsrQuestion             question,
             gint64                  subject_id)
{
  for (guint i = 0; i < results->questions->len; i++)
    {
      const PsrQuestionResult *result = results->questions->pdata[i];

      if (result->question == question && result->subject_id == subject_id)
        return result;
    }

  g_assert_not_reached ();
}

static void
test_results (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSurveyResults) session = NULL;
  g_autoptr(PsrSurveyResults) curriculum = NULL;
  g_autoptr(PsrSurveyResults) year = NULL;
  g_autoptr(PsrSurveyResults) follow_up = NULL;
  g_autoptr(PsrSurveyResults) copy = NULL;
  const PsrQuestionResult *result;

  record_everyone (fixture);

  session = psr_survey_results_for_session (fixture->db, S1, PSR_SURVEY_END, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (session->n_sessions, ==, 1);
  /* A and B were asked: C did not come. */
  g_assert_cmpuint (session->n_trainees, ==, 2);
  g_assert_cmpuint (session->n_responses, ==, 2);
  g_assert_cmpfloat (session->response_rate, ==, 1.0);
  /* M1, M2, Alice, Tom, room, overall, worked, improve. */
  g_assert_cmpuint (session->questions->len, ==, 8);
  result = session->questions->pdata[0];
  g_assert_cmpint (result->question, ==, PSR_QUESTION_MODULE);
  g_assert_cmpstr (result->subject, ==, "Greeting");
  g_assert_cmpuint (result->n_ratings, ==, 2);
  g_assert_cmpfloat (result->average, ==, 4.0);
  g_assert_cmpuint (result->n_satisfied, ==, 1);
  g_assert_cmpuint (result->comments->len, ==, 1);
  g_assert_cmpstr (result->comments->pdata[0], ==, "Clear");
  result = session->questions->pdata[2];
  g_assert_cmpstr (result->subject, ==, "Alice Bertin");
  g_assert_cmpfloat (result->average, ==, 3.0);
  result = find_result (session, PSR_QUESTION_OVERALL, 0);
  g_assert_cmpfloat (result->average, ==, 4.5);
  g_assert_cmpuint (result->n_satisfied, ==, 2);
  result = session->questions->pdata[7];
  g_assert_cmpint (result->question, ==, PSR_QUESTION_IMPROVE);
  g_assert_cmpuint (result->n_ratings, ==, 0);
  g_assert_cmpuint (result->comments->len, ==, 2);
  g_assert_cmpstr (result->comments->pdata[0], ==, "More breaks");
  g_assert_cmpstr (result->comments->pdata[1], ==, "Room too hot");

  copy = psr_survey_results_copy (session);
  g_assert_cmpuint (copy->questions->len, ==, 8);

  /* Both versions of curriculum 1: S1 and S2 (A, B; A, D). */
  curriculum = psr_survey_results_for_curriculum (fixture->db, CURRICULUM_1_V2, PSR_SURVEY_END,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (curriculum->n_sessions, ==, 2);
  g_assert_cmpuint (curriculum->n_trainees, ==, 4);
  g_assert_cmpuint (curriculum->n_responses, ==, 3);
  g_assert_cmpfloat (curriculum->response_rate, ==, 0.75);
  result = find_result (curriculum, PSR_QUESTION_OVERALL, 0);
  g_assert_cmpuint (result->n_ratings, ==, 3);
  g_assert_cmpfloat_with_epsilon (result->average, 11.0 / 3, 1e-9);

  /* 2025: S1, S2, S5 (whose two erased trainees count as asked). */
  year = psr_survey_results_for_year (fixture->db, 2025, PSR_SURVEY_END, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year->n_sessions, ==, 3);
  g_assert_cmpuint (year->n_trainees, ==, 6);
  g_assert_cmpuint (year->n_responses, ==, 4);
  result = find_result (year, PSR_QUESTION_OVERALL, 0);
  g_assert_cmpuint (result->n_ratings, ==, 4);
  g_assert_cmpfloat (result->average, ==, 3.5);

  follow_up = psr_survey_results_for_year (fixture->db, 2025, PSR_SURVEY_FOLLOW_UP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_up->n_responses, ==, 2);
  result = find_result (follow_up, PSR_QUESTION_USED, 0);
  g_assert_cmpfloat (result->average, ==, 4.5);
  g_assert_cmpstr (result->comments->pdata[0], ==, "Yes, in my visits");

  g_assert_null (psr_survey_results_for_session (fixture->db, 999, PSR_SURVEY_END, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_indicators (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char expected[] =
    "year\t2025\n"
    "sessions_held\t3\n"
    "trainees\t6\n"
    "enrollments\t7\n"
    "hours_delivered\t21.0\n"
    "trainee_hours\t34.5\n"
    "completed\t2\n"
    "completion_rate\t40.0\n"
    "overall_ratings\t4\n"
    "satisfied_ratings\t2\n"
    "satisfaction_rate\t50.0\n"
    "satisfaction_average\t3.50\n"
    "responses\t4\n"
    "response_rate\t66.7\n"
    "follow_up_responses\t2\n"
    "follow_up_average\t4.50\n";
  static const char expected_empty[] =
    "year\t2019\n"
    "sessions_held\t0\n"
    "trainees\t0\n"
    "enrollments\t0\n"
    "hours_delivered\t0.0\n"
    "trainee_hours\t0.0\n"
    "completed\t0\n"
    "completion_rate\t\n"
    "overall_ratings\t0\n"
    "satisfied_ratings\t0\n"
    "satisfaction_rate\t\n"
    "satisfaction_average\t\n"
    "responses\t0\n"
    "response_rate\t\n"
    "follow_up_responses\t0\n"
    "follow_up_average\t\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  PsrIndicators indicators;

  record_everyone (fixture);

  g_assert_true (psr_indicators_compute (fixture->db, 2025, &indicators, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (indicators.n_sessions, ==, 3);
  /* A, B, C (no-show), D, and two erased trainees. */
  g_assert_cmpuint (indicators.n_trainees, ==, 6);
  g_assert_cmpuint (indicators.n_enrollments, ==, 7);
  g_assert_cmpfloat (indicators.hours_delivered, ==, 21.0);
  /* A 14 h, B 10 h, D 3.5 h, the erased two 3.5 h each. */
  g_assert_cmpfloat (indicators.trainee_hours, ==, 34.5);
  /* A in S1 (4 of 4 slots) and D in S2 (1 of 1); not B (3 of 4 is
   * 75 %), nor C, nor A in S2. */
  g_assert_cmpuint (indicators.n_completed, ==, 2);
  g_assert_cmpfloat (indicators.completion_rate, ==, 0.4);
  g_assert_cmpuint (indicators.n_overall_ratings, ==, 4);
  g_assert_cmpuint (indicators.n_satisfied, ==, 2);
  g_assert_cmpfloat (indicators.satisfaction_rate, ==, 0.5);
  g_assert_cmpfloat (indicators.satisfaction_average, ==, 3.5);
  g_assert_cmpuint (indicators.n_responses, ==, 4);
  g_assert_cmpfloat_with_epsilon (indicators.response_rate, 4.0 / 6, 1e-9);
  g_assert_cmpuint (indicators.n_follow_up, ==, 2);
  g_assert_cmpfloat (indicators.follow_up_average, ==, 4.5);

  text = psr_indicators_to_text (&indicators);
  g_assert_cmpstr (text, ==, expected);

  g_assert_true (psr_indicators_compute (fixture->db, 2019, &indicators, &error));
  g_assert_no_error (error);
  empty = psr_indicators_to_text (&indicators);
  g_assert_cmpstr (empty, ==, expected_empty);

  g_assert_false (psr_indicators_compute (fixture->db, 12, &indicators, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
}

/* Rates are printed the same whatever the user's locale. */
static void
test_indicators_locale (Fixture       *fixture,
                        gconstpointer  data)
{
  PsrIndicators indicators = { 0 };
  g_autofree char *text = NULL;
  const char *previous = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (previous);

  indicators.year = 2025;
  indicators.hours_delivered = 1234.5;
  indicators.completion_rate = 0.875;
  indicators.satisfaction_rate = -1;
  indicators.satisfaction_average = 4.25;
  indicators.response_rate = 1;
  indicators.follow_up_average = -1;

  if (setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    g_test_message ("no French locale here: the C locale is checked only");

  text = psr_indicators_to_text (&indicators);
  setlocale (LC_NUMERIC, saved);

  g_assert_nonnull (strstr (text, "hours_delivered\t1234.5\n"));
  g_assert_nonnull (strstr (text, "completion_rate\t87.5\n"));
  g_assert_nonnull (strstr (text, "satisfaction_rate\t\n"));
  g_assert_nonnull (strstr (text, "satisfaction_average\t4.25\n"));
  g_assert_nonnull (strstr (text, "response_rate\t100.0\n"));
}

/* The years and the sessions the Quality page offers. */
static void
test_held_sessions (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = psr_indicators_list_years (fixture->db, &error);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) none = NULL;
  PsrHeldSession *session;

  g_assert_no_error (error);
  /* S4 (running, 2025) and S6 (planned, no slot) count for nothing. */
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpuint (g_array_index (years, guint, 0), ==, 2026);
  g_assert_cmpuint (g_array_index (years, guint, 1), ==, 2025);

  sessions = psr_indicators_list_sessions (fixture->db, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 3);
  session = g_ptr_array_index (sessions, 0);
  g_assert_cmpint (session->session_id, ==, S1);
  g_assert_cmpstr (session->title, ==, "Accueillir les publics");
  g_assert_cmpint (session->curriculum_id, ==, CURRICULUM_1);
  g_assert_cmpstr (session->lineage, ==, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
  g_assert_cmpuint (g_date_get_day (&session->starts_on), ==, 3);
  g_assert_cmpuint (g_date_get_day (&session->ends_on), ==, 4);
  g_assert_cmpint (((PsrHeldSession *) g_ptr_array_index (sessions, 1))->session_id, ==, S5);
  session = g_ptr_array_index (sessions, 2);
  g_assert_cmpint (session->session_id, ==, S2);
  g_assert_cmpint (session->curriculum_id, ==, CURRICULUM_1_V2);
  g_assert_cmpuint (g_date_get_month (&session->ends_on), ==, G_DATE_NOVEMBER);

  psr_test_exec (fixture->db, "UPDATE sessions SET title = 'Spring group' WHERE id = 1");
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = psr_indicators_list_sessions (fixture->db, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((PsrHeldSession *) g_ptr_array_index (sessions, 0))->title, ==,
                   "Spring group");

  none = psr_indicators_list_sessions (fixture->db, 2019, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_null (psr_indicators_list_sessions (fixture->db, 12, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/satisfaction/questions", test_questions);
  ADD ("/satisfaction/record-and-replace", test_record_and_replace);
  ADD ("/satisfaction/refusals", test_refusals);
  ADD ("/satisfaction/results", test_results);
  ADD ("/satisfaction/indicators", test_indicators);
  ADD ("/satisfaction/indicators-locale", test_indicators_locale);
  ADD ("/satisfaction/held-sessions", test_held_sessions);

#undef ADD

  return g_test_run ();
}
