/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-locale-private.h"
#include "psr-satisfaction.h"
#include "psr-store-private.h"

#define PERSON_NAME "trim(p.given_name || ' ' || p.family_name)"

/* The sessions held in the year ?1. */
#define HELD_IN_YEAR \
  "s.status = 'done' AND s.ends_on >= printf ('%04d-01-01', ?1)" \
  " AND s.ends_on <= printf ('%04d-12-31', ?1)"

/* A slot's length in hours. */
#define SLOT_HOURS \
  "(((CAST (substr (sl.ends_at, 1, 2) AS INTEGER) * 60 + CAST (substr (sl.ends_at, 4, 2) AS INTEGER))" \
  " - (CAST (substr (sl.starts_at, 1, 2) AS INTEGER) * 60 + CAST (substr (sl.starts_at, 4, 2) AS INTEGER)))" \
  " / 60.0)"

/* The trainee e.person_id attended the slot sl. */
#define ATTENDED \
  "(EXISTS (SELECT 1 FROM signatures g WHERE g.slot_id = sl.id AND g.person_id = e.person_id" \
  "         AND g.role = 'trainee')" \
  " OR EXISTS (SELECT 1 FROM attendance a WHERE a.slot_id = sl.id AND a.person_id = e.person_id" \
  "            AND a.status IN ('present', 'late')))"

static const char *kind_codes[] = { "hot", "cold" };
static const char *question_codes[] = {
  "module", "trainer", "room", "overall", "worked", "improve", "used",
};

static const char *missing_session =
  N_("This session no longer exists. Choose another one in the list of sessions.");

/* Codes -------------------------------------------------------------------------- */

static int
code_index (const char * const *codes,
            guint               n_codes,
            const char         *code)
{
  for (guint i = 0; code != NULL && i < n_codes; i++)
    if (strcmp (codes[i], code) == 0)
      return i;

  return -1;
}

const char *
psr_survey_kind_to_code (PsrSurveyKind kind)
{
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, NULL);
  return kind_codes[kind];
}

int
psr_survey_kind_from_code (const char *code)
{
  return code_index (kind_codes, G_N_ELEMENTS (kind_codes), code);
}

const char *
psr_survey_kind_label (PsrSurveyKind kind)
{
  switch (kind)
    {
    case PSR_SURVEY_END:
      return _("End-of-session survey");
    case PSR_SURVEY_FOLLOW_UP:
      return _("Follow-up survey");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
psr_question_to_code (PsrQuestion question)
{
  g_return_val_if_fail (question < PSR_N_QUESTIONS, NULL);
  return question_codes[question];
}

int
psr_question_from_code (const char *code)
{
  return code_index (question_codes, G_N_ELEMENTS (question_codes), code);
}

const char *
psr_question_label (PsrQuestion question)
{
  switch (question)
    {
    case PSR_QUESTION_MODULE:
      return _("How satisfied are you with this module?");
    case PSR_QUESTION_TRAINER:
      return _("How satisfied are you with this trainer?");
    case PSR_QUESTION_ROOM:
      return _("How satisfied are you with the room and the material conditions?");
    case PSR_QUESTION_OVERALL:
      return _("Overall, how satisfied are you with this training?");
    case PSR_QUESTION_WORKED:
      return _("What worked well?");
    case PSR_QUESTION_IMPROVE:
      return _("What should we improve?");
    case PSR_QUESTION_USED:
      return _("Have you used what you learned in your work?");
    case PSR_N_QUESTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
psr_question_is_rating (PsrQuestion question)
{
  return question != PSR_QUESTION_WORKED && question != PSR_QUESTION_IMPROVE;
}

PsrSurveyKind
psr_question_get_survey (PsrQuestion question)
{
  return question == PSR_QUESTION_USED ? PSR_SURVEY_FOLLOW_UP : PSR_SURVEY_END;
}

/* Boxed types ----------------------------------------------------------------------- */

PsrSurveyAnswer *
psr_survey_answer_new (PsrQuestion  question,
                       gint64       subject_id,
                       guint        rating,
                       const char  *comment)
{
  PsrSurveyAnswer *answer = g_new0 (PsrSurveyAnswer, 1);

  answer->question = question;
  answer->subject_id = subject_id;
  answer->subject = g_strdup ("");
  answer->rating = rating;
  answer->comment = g_strdup (comment != NULL ? comment : "");
  return answer;
}

PsrSurveyAnswer *
psr_survey_answer_copy (const PsrSurveyAnswer *answer)
{
  PsrSurveyAnswer *copy = g_memdup2 (answer, sizeof *answer);

  copy->subject = g_strdup (answer->subject);
  copy->comment = g_strdup (answer->comment);
  return copy;
}

void
psr_survey_answer_free (PsrSurveyAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->subject);
  g_free (answer->comment);
  g_free (answer);
}

G_DEFINE_BOXED_TYPE (PsrSurveyAnswer, psr_survey_answer, psr_survey_answer_copy,
                     psr_survey_answer_free)

static gpointer
strdup_copy (gconstpointer data,
             gpointer      user_data)
{
  return g_strdup (data);
}

static gpointer
question_result_copy (gconstpointer data,
                      gpointer      user_data)
{
  const PsrQuestionResult *result = data;
  PsrQuestionResult *copy = g_memdup2 (result, sizeof *result);

  copy->subject = g_strdup (result->subject);
  copy->comments = g_ptr_array_copy (result->comments, strdup_copy, NULL);
  g_ptr_array_set_free_func (copy->comments, g_free);
  return copy;
}

static void
question_result_free (PsrQuestionResult *result)
{
  g_free (result->subject);
  g_ptr_array_unref (result->comments);
  g_free (result);
}

PsrSurveyResults *
psr_survey_results_copy (const PsrSurveyResults *results)
{
  PsrSurveyResults *copy = g_memdup2 (results, sizeof *results);

  copy->questions = g_ptr_array_copy (results->questions, question_result_copy, NULL);
  g_ptr_array_set_free_func (copy->questions, (GDestroyNotify) question_result_free);
  return copy;
}

void
psr_survey_results_free (PsrSurveyResults *results)
{
  if (results == NULL)
    return;

  g_ptr_array_unref (results->questions);
  g_free (results);
}

G_DEFINE_BOXED_TYPE (PsrSurveyResults, psr_survey_results, psr_survey_results_copy,
                     psr_survey_results_free)

/* Helpers ------------------------------------------------------------------------------ */

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static char *
format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

static gboolean
sqlite_failed (PsrDatabase  *db,
               int           rc,
               GError      **error)
{
  return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
}

/* Steps @stmt, already bound, to its one integer; 0 without a row. */
static gboolean
step_int64 (PsrDatabase   *db,
            sqlite3_stmt  *stmt,
            gint64        *value,
            GError       **error)
{
  int rc = sqlite3_step (stmt);

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return TRUE;
}

static gboolean
query_int64 (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             gint64       *value,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  return stmt != NULL && step_int64 (db, stmt, value, error);
}

/* Questions ----------------------------------------------------------------------------- */

static void
append_subject (GPtrArray   *questions,
                PsrQuestion  question,
                gint64       subject_id,
                const char  *subject)
{
  PsrSurveyAnswer *answer = psr_survey_answer_new (question, subject_id, 0, NULL);

  g_free (answer->subject);
  answer->subject = g_strdup (subject != NULL ? subject : "");
  g_ptr_array_add (questions, answer);
}

static gboolean
append_subjects (PsrDatabase  *db,
                 GPtrArray    *questions,
                 PsrQuestion   question,
                 const char   *sql,
                 gint64        session_id,
                 GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, session_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *subject = column_text (stmt, 1);

      append_subject (questions, question, sqlite3_column_int64 (stmt, 0), subject);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return TRUE;
}

GPtrArray *
psr_survey_list_questions (PsrDatabase    *db,
                           gint64          session_id,
                           PsrSurveyKind   kind,
                           GError        **error)
{
  g_autoptr(GPtrArray) questions = NULL;
  gint64 found;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, NULL);

  if (!query_int64 (db, "SELECT id FROM sessions WHERE id = ?1", session_id, &found, error))
    return NULL;
  if (found == 0)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _(missing_session));
      return NULL;
    }

  questions = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_survey_answer_free);
  if (kind == PSR_SURVEY_FOLLOW_UP)
    {
      append_subject (questions, PSR_QUESTION_USED, 0, NULL);
      return g_steal_pointer (&questions);
    }

  if (!append_subjects (db, questions, PSR_QUESTION_MODULE,
                        "SELECT m.id, m.title FROM modules m"
                        " JOIN sessions s ON s.curriculum_id = m.curriculum_id"
                        " WHERE s.id = ?1 ORDER BY m.position, m.id",
                        session_id, error)
      || !append_subjects (db, questions, PSR_QUESTION_TRAINER,
                           "SELECT p.id, " PERSON_NAME " FROM session_trainers t"
                           " JOIN people p ON p.id = t.person_id WHERE t.session_id = ?1"
                           " ORDER BY p.family_name COLLATE NOCASE,"
                           " p.given_name COLLATE NOCASE, p.id",
                           session_id, error))
    return NULL;

  append_subject (questions, PSR_QUESTION_ROOM, 0, NULL);
  append_subject (questions, PSR_QUESTION_OVERALL, 0, NULL);
  append_subject (questions, PSR_QUESTION_WORKED, 0, NULL);
  append_subject (questions, PSR_QUESTION_IMPROVE, 0, NULL);
  return g_steal_pointer (&questions);
}

static int
find_question (const GPtrArray *questions,
               PsrQuestion      question,
               gint64           subject_id)
{
  for (guint i = 0; i < questions->len; i++)
    {
      const PsrSurveyAnswer *asked = questions->pdata[i];

      if (asked->question == question && asked->subject_id == subject_id)
        return i;
    }

  return -1;
}

/* Responses --------------------------------------------------------------------------- */

static gboolean
check_respondent (PsrDatabase    *db,
                  gint64          session_id,
                  gint64          person_id,
                  PsrSurveyKind   kind,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *status = NULL;
  gint64 enrolled;
  int rc;

  stmt = psr_store_prepare_with_id (db, "SELECT status FROM sessions WHERE id = ?1",
                                    session_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(missing_session), error))
    return FALSE;
  status = column_text (stmt, 0);
  sqlite3_reset (stmt);

  stmt = psr_store_prepare_with_id (db,
    "SELECT count(*) FROM enrollments WHERE session_id = ?1 AND person_id = ?2"
    " AND status = 'enrolled'",
    session_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, person_id);
  rc = step_int64 (db, stmt, &enrolled, error);
  if (!rc)
    return FALSE;

  if (!enrolled)
    return psr_store_invalid (error,
                              _("This person is not enrolled in the session. Only its trainees "
                                "answer its surveys."));

  if (kind == PSR_SURVEY_END && strcmp (status, "running") != 0 && strcmp (status, "done") != 0)
    return psr_store_invalid (error,
                              _("The end-of-session survey opens once the session is running. "
                                "Mark the session as running or done first."));

  if (kind == PSR_SURVEY_FOLLOW_UP && strcmp (status, "done") != 0)
    return psr_store_invalid (error,
                              _("The follow-up survey opens once the session is done. "
                                "Mark the session as done first."));

  return TRUE;
}

static gboolean
check_answers (PsrDatabase      *db,
               gint64            session_id,
               PsrSurveyKind     kind,
               const GPtrArray  *answers,
               GError          **error)
{
  g_autoptr(GPtrArray) questions = psr_survey_list_questions (db, session_id, kind, error);
  g_autofree gboolean *seen = NULL;

  if (questions == NULL)
    return FALSE;

  seen = g_new0 (gboolean, questions->len);
  for (guint i = 0; i < answers->len; i++)
    {
      const PsrSurveyAnswer *answer = answers->pdata[i];
      int index;

      if (answer->question >= PSR_N_QUESTIONS
          || (index = find_question (questions, answer->question, answer->subject_id)) < 0)
        return psr_store_invalid (error,
                                  _("An answer is to a question this survey does not ask. "
                                    "Answer the questions of the survey shown."));
      if (seen[index])
        return psr_store_invalid (error,
                                  _("A question is answered twice. Give one answer per question."));
      seen[index] = TRUE;

      if (answer->rating > 5 || (answer->rating > 0 && !psr_question_is_rating (answer->question)))
        return psr_store_invalid (error,
                                  _("A rating goes from 1 (very dissatisfied) to 5 (very "
                                    "satisfied). Choose one of these."));
      if (!psr_store_check_text (answer->comment, error))
        return FALSE;
    }

  return TRUE;
}

gint64
psr_survey_record (PsrDatabase      *db,
                   gint64            session_id,
                   gint64            person_id,
                   PsrSurveyKind     kind,
                   const GPtrArray  *answers,
                   GDateTime        *submitted_at,
                   GError          **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *when = NULL;
  sqlite3_stmt *stmt;
  gint64 response_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, 0);
  g_return_val_if_fail (answers != NULL, 0);

  now = submitted_at != NULL ? g_date_time_ref (submitted_at) : g_date_time_new_now_utc ();
  when = format_instant (now);

  if (!psr_database_begin (db, error))
    return 0;

  if (!check_respondent (db, session_id, person_id, kind, error)
      || !check_answers (db, session_id, kind, answers, error))
    goto failed;

  stmt = psr_database_prepare (db,
    "INSERT INTO satisfaction_responses (uuid, session_id, person_id, kind, submitted_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (session_id, person_id, kind) DO UPDATE SET"
    " submitted_at = excluded.submitted_at, updated_at = " PSR_STORE_NOW,
    error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, kind_codes[kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, when, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    goto failed;

  stmt = psr_store_prepare_with_id (db,
    "SELECT id FROM satisfaction_responses WHERE session_id = ?1 AND person_id = ?2"
    " AND kind = ?3",
    session_id, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, kind_codes[kind], -1, SQLITE_STATIC);
  if (!step_int64 (db, stmt, &response_id, error))
    goto failed;

  /* A new response replaces the whole previous one. */
  if (!psr_store_run_with_id (db, "DELETE FROM satisfaction_answers WHERE response_id = ?1",
                              response_id, error))
    goto failed;

  for (guint i = 0; i < answers->len; i++)
    {
      const PsrSurveyAnswer *answer = answers->pdata[i];
      g_autofree char *comment = g_strstrip (g_strdup (answer->comment != NULL
                                                       ? answer->comment : ""));

      if (answer->rating == 0 && comment[0] == '\0')
        continue;

      stmt = psr_store_prepare_with_id (db,
        "INSERT INTO satisfaction_answers (response_id, question, subject_id, rating, comment)"
        " VALUES (?1, ?2, ?3, ?4, ?5)",
        response_id, error);
      if (stmt == NULL)
        goto failed;

      sqlite3_bind_text (stmt, 2, question_codes[answer->question], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, answer->subject_id);
      if (answer->rating > 0)
        sqlite3_bind_int (stmt, 4, answer->rating);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, comment, -1, SQLITE_TRANSIENT);
      if (!psr_database_step_done (db, stmt, error))
        goto failed;
    }

  if (!psr_database_commit (db, error))
    return 0;

  return response_id;

failed:
  psr_database_rollback (db);
  return 0;
}

GPtrArray *
psr_survey_get_response (PsrDatabase    *db,
                         gint64          session_id,
                         gint64          person_id,
                         PsrSurveyKind   kind,
                         GError        **error)
{
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree PsrSurveyAnswer **by_question = NULL;
  sqlite3_stmt *stmt;
  gint64 response_id;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, NULL);

  questions = psr_survey_list_questions (db, session_id, kind, error);
  if (questions == NULL)
    return NULL;

  stmt = psr_store_prepare_with_id (db,
    "SELECT id FROM satisfaction_responses WHERE session_id = ?1 AND person_id = ?2"
    " AND kind = ?3",
    session_id, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, kind_codes[kind], -1, SQLITE_STATIC);
  if (!step_int64 (db, stmt, &response_id, error))
    return NULL;
  if (response_id == 0)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
                           _("This trainee has not answered this survey yet."));
      return NULL;
    }

  stmt = psr_store_prepare_with_id (db,
    "SELECT question, subject_id, rating, comment FROM satisfaction_answers"
    " WHERE response_id = ?1",
    response_id, error);
  if (stmt == NULL)
    return NULL;

  by_question = g_new0 (PsrSurveyAnswer *, questions->len);
  others = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_survey_answer_free);
  answers = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_survey_answer_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int question = psr_question_from_code ((const char *) sqlite3_column_text (stmt, 0));
      gint64 subject_id = sqlite3_column_int64 (stmt, 1);
      g_autofree char *comment = column_text (stmt, 3);
      PsrSurveyAnswer *answer;
      int index;

      if (question < 0)
        continue;

      answer = psr_survey_answer_new (question, subject_id, sqlite3_column_int (stmt, 2), comment);
      index = find_question (questions, question, subject_id);
      if (index >= 0 && by_question[index] == NULL)
        {
          const PsrSurveyAnswer *asked = questions->pdata[index];

          g_free (answer->subject);
          answer->subject = g_strdup (asked->subject);
          by_question[index] = answer;
        }
      else
        g_ptr_array_add (others, answer);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < questions->len; i++)
        psr_survey_answer_free (by_question[i]);
      sqlite_failed (db, rc, error);
      return NULL;
    }

  /* In the order of the questionnaire; answers about a module or a trainer
   * no longer in the session come last. */
  for (guint i = 0; i < questions->len; i++)
    if (by_question[i] != NULL)
      g_ptr_array_add (answers, by_question[i]);
  g_ptr_array_extend_and_steal (answers, g_steal_pointer (&others));

  return g_steal_pointer (&answers);
}

/* Results --------------------------------------------------------------------------------- */

typedef struct
{
  PsrQuestionResult *result;
  double             sum;
  int                position;  /* the module's, to sort */
  char              *sort_key;
} Tally;

static void
tally_free (Tally *tally)
{
  if (tally->result != NULL)
    question_result_free (tally->result);
  g_free (tally->sort_key);
  g_free (tally);
}

static int
compare_tallies (gconstpointer a,
                 gconstpointer b)
{
  const Tally *ta = *(const Tally **) a;
  const Tally *tb = *(const Tally **) b;

  if (ta->result->question != tb->result->question)
    return ta->result->question < tb->result->question ? -1 : 1;
  if (ta->position != tb->position)
    return ta->position < tb->position ? -1 : 1;

  return g_strcmp0 (ta->sort_key, tb->sort_key);
}

/* Names the subject of a tally: the module's title and position, the
 * trainer's name. */
static gboolean
name_subject (PsrDatabase  *db,
              Tally        *tally,
              GError      **error)
{
  PsrQuestionResult *result = tally->result;
  sqlite3_stmt *stmt;
  int rc;

  if (result->question == PSR_QUESTION_MODULE)
    stmt = psr_store_prepare_with_id (db,
      "SELECT title, position, '' FROM modules WHERE id = ?1", result->subject_id, error);
  else if (result->question == PSR_QUESTION_TRAINER)
    stmt = psr_store_prepare_with_id (db,
      "SELECT " PERSON_NAME ", 0, p.family_name || ' ' || p.given_name FROM people p"
      " WHERE p.id = ?1", result->subject_id, error);
  else
    return TRUE;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *key = column_text (stmt, 2);

      g_free (result->subject);
      result->subject = column_text (stmt, 0);
      tally->position = sqlite3_column_int (stmt, 1);
      tally->sort_key = g_utf8_collate_key (key[0] != '\0' ? key : result->subject, -1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return TRUE;
}

/* The results over the sessions @filter selects (an SQL condition on s,
 * with ?1 bound to @param). */
static PsrSurveyResults *
load_results (PsrDatabase    *db,
              const char     *filter,
              gint64          param,
              PsrSurveyKind   kind,
              GError        **error)
{
  g_autoptr(PsrSurveyResults) results = g_new0 (PsrSurveyResults, 1);
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *sessions_sql = NULL;
  g_autofree char *trainees_sql = NULL;
  g_autofree char *responses_sql = NULL;
  g_autofree char *answers_sql = NULL;
  sqlite3_stmt *stmt;
  gint64 value;
  int rc;

  results->kind = kind;
  results->response_rate = -1;
  results->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_result_free);

  sessions_sql = g_strconcat ("SELECT count(*) FROM sessions s WHERE ", filter, NULL);
  trainees_sql = g_strconcat (
    "SELECT (SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    "        WHERE e.status = 'enrolled' AND ", filter, ")"
    " + (SELECT coalesce (sum (ae.count), 0) FROM anonymous_enrollments ae"
    "    JOIN sessions s ON s.id = ae.session_id WHERE ae.status = 'enrolled' AND ", filter, ")",
    NULL);
  responses_sql = g_strconcat (
    "SELECT count(*) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    " WHERE r.kind = ?2 AND ", filter, NULL);
  answers_sql = g_strconcat (
    "SELECT a.question, a.subject_id, a.rating, a.comment FROM satisfaction_responses r"
    " JOIN sessions s ON s.id = r.session_id"
    " JOIN satisfaction_answers a ON a.response_id = r.id"
    " WHERE r.kind = ?2 AND ", filter, " ORDER BY r.submitted_at, r.id", NULL);

  if (!query_int64 (db, sessions_sql, param, &value, error))
    return NULL;
  results->n_sessions = value;
  if (!query_int64 (db, trainees_sql, param, &value, error))
    return NULL;
  results->n_trainees = value;

  stmt = psr_store_prepare_with_id (db, responses_sql, param, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, kind_codes[kind], -1, SQLITE_STATIC);
  if (!step_int64 (db, stmt, &value, error))
    return NULL;
  results->n_responses = value;
  if (results->n_trainees > 0)
    results->response_rate = (double) results->n_responses / results->n_trainees;

  stmt = psr_store_prepare_with_id (db, answers_sql, param, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 2, kind_codes[kind], -1, SQLITE_STATIC);

  tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  order = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      int question = psr_question_from_code (code);
      gint64 subject_id = sqlite3_column_int64 (stmt, 1);
      const char *comment = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *key = NULL;
      Tally *tally;

      if (question < 0)
        continue;

      key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, question, subject_id);
      tally = g_hash_table_lookup (tallies, key);
      if (tally == NULL)
        {
          tally = g_new0 (Tally, 1);
          tally->result = g_new0 (PsrQuestionResult, 1);
          tally->result->question = question;
          tally->result->subject_id = subject_id;
          tally->result->subject = g_strdup ("");
          tally->result->comments = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (tallies, g_steal_pointer (&key), tally);
          g_ptr_array_add (order, tally);
        }

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          int rating = sqlite3_column_int (stmt, 2);

          tally->result->n_ratings++;
          tally->sum += rating;
          if (rating >= 4)
            tally->result->n_satisfied++;
        }
      if (comment != NULL && comment[0] != '\0')
        g_ptr_array_add (tally->result->comments, g_strdup (comment));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < order->len; i++)
    if (!name_subject (db, order->pdata[i], error))
      return NULL;

  g_ptr_array_sort (order, compare_tallies);
  for (guint i = 0; i < order->len; i++)
    {
      Tally *tally = order->pdata[i];

      if (tally->result->n_ratings > 0)
        tally->result->average = tally->sum / tally->result->n_ratings;
      g_ptr_array_add (results->questions, g_steal_pointer (&tally->result));
    }

  return g_steal_pointer (&results);
}

PsrSurveyResults *
psr_survey_results_for_session (PsrDatabase    *db,
                                gint64          session_id,
                                PsrSurveyKind   kind,
                                GError        **error)
{
  gint64 found;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, NULL);

  if (!query_int64 (db, "SELECT id FROM sessions WHERE id = ?1", session_id, &found, error))
    return NULL;
  if (found == 0)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _(missing_session));
      return NULL;
    }

  return load_results (db, "s.id = ?1", session_id, kind, error);
}

PsrSurveyResults *
psr_survey_results_for_curriculum (PsrDatabase    *db,
                                   gint64          curriculum_id,
                                   PsrSurveyKind   kind,
                                   GError        **error)
{
  gint64 found;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, NULL);

  if (!query_int64 (db, "SELECT id FROM curricula WHERE id = ?1", curriculum_id, &found, error))
    return NULL;
  if (found == 0)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
                           _("This curriculum no longer exists. Choose another one in the list "
                             "of curricula."));
      return NULL;
    }

  return load_results (db,
                       "s.status = 'done' AND s.curriculum_id IN (SELECT id FROM curricula"
                       " WHERE lineage_uuid = (SELECT lineage_uuid FROM curricula WHERE id = ?1))",
                       curriculum_id, kind, error);
}

PsrSurveyResults *
psr_survey_results_for_year (PsrDatabase    *db,
                             guint           year,
                             PsrSurveyKind   kind,
                             GError        **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= PSR_SURVEY_FOLLOW_UP, NULL);

  return load_results (db, HELD_IN_YEAR, year, kind, error);
}

/* Indicators --------------------------------------------------------------------------------- */

gboolean
psr_indicators_compute (PsrDatabase    *db,
                        guint           year,
                        PsrIndicators  *indicators,
                        GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (indicators != NULL, FALSE);

  memset (indicators, 0, sizeof *indicators);
  indicators->year = year;
  indicators->completion_rate = -1;
  indicators->satisfaction_rate = -1;
  indicators->satisfaction_average = -1;
  indicators->response_rate = -1;
  indicators->follow_up_average = -1;

  if (year < 1970 || year > 9999)
    return psr_store_invalid (error, _("Give a year from 1970 to 9999."));

  stmt = psr_store_prepare_with_id (db,
    "SELECT"
    " (SELECT count(*) FROM sessions s WHERE " HELD_IN_YEAR "),"
    " (SELECT count(DISTINCT e.person_id) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    "  WHERE e.status IN ('enrolled', 'no-show') AND " HELD_IN_YEAR "),"
    " (SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    "  WHERE e.status IN ('enrolled', 'no-show') AND " HELD_IN_YEAR "),"
    " (SELECT coalesce (sum (ae.count), 0) FROM anonymous_enrollments ae"
    "  JOIN sessions s ON s.id = ae.session_id"
    "  WHERE ae.status IN ('enrolled', 'no-show') AND " HELD_IN_YEAR "),"
    " (SELECT coalesce (sum (" SLOT_HOURS "), 0) FROM session_slots sl"
    "  JOIN sessions s ON s.id = sl.session_id WHERE " HELD_IN_YEAR "),"
    " (SELECT coalesce (sum (" SLOT_HOURS "), 0) FROM enrollments e"
    "  JOIN sessions s ON s.id = e.session_id JOIN session_slots sl ON sl.session_id = s.id"
    "  WHERE e.status IN ('enrolled', 'no-show') AND " HELD_IN_YEAR " AND " ATTENDED "),"
    " (SELECT coalesce (sum (aa.count * " SLOT_HOURS "), 0) FROM anonymous_attendance aa"
    "  JOIN session_slots sl ON sl.id = aa.slot_id JOIN sessions s ON s.id = sl.session_id"
    "  WHERE aa.status IN ('present', 'late') AND " HELD_IN_YEAR "),"
    " (SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    "  WHERE e.status = 'enrolled' AND " HELD_IN_YEAR "),"
    " (SELECT coalesce (sum (ae.count), 0) FROM anonymous_enrollments ae"
    "  JOIN sessions s ON s.id = ae.session_id WHERE ae.status = 'enrolled' AND " HELD_IN_YEAR ")",
    year, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 anonymous = sqlite3_column_int64 (stmt, 3);
      gint64 asked = sqlite3_column_int64 (stmt, 7) + sqlite3_column_int64 (stmt, 8);

      indicators->n_sessions = sqlite3_column_int64 (stmt, 0);
      indicators->n_trainees = sqlite3_column_int64 (stmt, 1) + anonymous;
      indicators->n_enrollments = sqlite3_column_int64 (stmt, 2) + anonymous;
      indicators->hours_delivered = sqlite3_column_double (stmt, 4);
      indicators->trainee_hours = sqlite3_column_double (stmt, 5)
                                  + sqlite3_column_double (stmt, 6);
      /* Kept for the response rate below. */
      indicators->response_rate = asked;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return sqlite_failed (db, rc, error);

  stmt = psr_store_prepare_with_id (db,
    "SELECT count(*), coalesce (sum (attended * 100 >= n_slots * ?2), 0) FROM ("
    " SELECT (SELECT count(*) FROM session_slots sl WHERE sl.session_id = s.id) AS n_slots,"
    "  (SELECT count(*) FROM session_slots sl WHERE sl.session_id = s.id AND " ATTENDED ")"
    "  AS attended"
    " FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE e.status IN ('enrolled', 'no-show') AND " HELD_IN_YEAR ")"
    " WHERE n_slots > 0",
    year, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 2, PSR_COMPLETION_PERCENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 counted = sqlite3_column_int64 (stmt, 0);

      indicators->n_completed = sqlite3_column_int64 (stmt, 1);
      if (counted > 0)
        indicators->completion_rate = (double) indicators->n_completed / counted;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return sqlite_failed (db, rc, error);

  stmt = psr_store_prepare_with_id (db,
    "SELECT"
    " (SELECT count(*) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    "  WHERE r.kind = 'hot' AND " HELD_IN_YEAR "),"
    " (SELECT count(*) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    "  WHERE r.kind = 'cold' AND " HELD_IN_YEAR "),"
    " (SELECT count(a.rating) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    "  JOIN satisfaction_answers a ON a.response_id = r.id"
    "  WHERE r.kind = 'hot' AND a.question = 'overall' AND " HELD_IN_YEAR "),"
    " (SELECT count(*) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    "  JOIN satisfaction_answers a ON a.response_id = r.id"
    "  WHERE r.kind = 'hot' AND a.question = 'overall' AND a.rating >= 4 AND " HELD_IN_YEAR "),"
    " (SELECT avg (a.rating) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    "  JOIN satisfaction_answers a ON a.response_id = r.id"
    "  WHERE r.kind = 'hot' AND a.question = 'overall' AND " HELD_IN_YEAR "),"
    " (SELECT avg (a.rating) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    "  JOIN satisfaction_answers a ON a.response_id = r.id"
    "  WHERE r.kind = 'cold' AND a.question = 'used' AND " HELD_IN_YEAR ")",
    year, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      double asked = indicators->response_rate;

      indicators->n_responses = sqlite3_column_int64 (stmt, 0);
      indicators->n_follow_up = sqlite3_column_int64 (stmt, 1);
      indicators->n_overall_ratings = sqlite3_column_int64 (stmt, 2);
      indicators->n_satisfied = sqlite3_column_int64 (stmt, 3);
      if (indicators->n_overall_ratings > 0)
        {
          indicators->satisfaction_rate = (double) indicators->n_satisfied
                                          / indicators->n_overall_ratings;
          indicators->satisfaction_average = sqlite3_column_double (stmt, 4);
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        indicators->follow_up_average = sqlite3_column_double (stmt, 5);
      indicators->response_rate = asked > 0 ? indicators->n_responses / asked : -1;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return sqlite_failed (db, rc, error);

  return TRUE;
}

static void
append_number (GString    *text,
               const char *name,
               double      value,
               const char *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (text, "%s\t", name);
  if (value >= 0)
    g_string_append (text, g_ascii_formatd (buffer, sizeof buffer, format, value));
  g_string_append_c (text, '\n');
}

static void
append_count (GString    *text,
              const char *name,
              guint       value)
{
  g_string_append_printf (text, "%s\t%u\n", name, value);
}

static double
as_percent (double rate)
{
  return rate >= 0 ? rate * 100 : -1;
}

char *
psr_indicators_to_text (const PsrIndicators *indicators)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (indicators != NULL, NULL);

  append_count (text, "year", indicators->year);
  append_count (text, "sessions_held", indicators->n_sessions);
  append_count (text, "trainees", indicators->n_trainees);
  append_count (text, "enrollments", indicators->n_enrollments);
  append_number (text, "hours_delivered", indicators->hours_delivered, "%.1f");
  append_number (text, "trainee_hours", indicators->trainee_hours, "%.1f");
  append_count (text, "completed", indicators->n_completed);
  append_number (text, "completion_rate", as_percent (indicators->completion_rate), "%.1f");
  append_count (text, "overall_ratings", indicators->n_overall_ratings);
  append_count (text, "satisfied_ratings", indicators->n_satisfied);
  append_number (text, "satisfaction_rate", as_percent (indicators->satisfaction_rate), "%.1f");
  append_number (text, "satisfaction_average", indicators->satisfaction_average, "%.2f");
  append_count (text, "responses", indicators->n_responses);
  append_number (text, "response_rate", as_percent (indicators->response_rate), "%.1f");
  append_count (text, "follow_up_responses", indicators->n_follow_up);
  append_number (text, "follow_up_average", indicators->follow_up_average, "%.2f");

  return g_string_free (text, FALSE);
}

static void
append_year (sqlite3_stmt *stmt,
             gpointer      data)
{
  guint year = sqlite3_column_int (stmt, 0);

  g_array_append_val ((GArray *) data, year);
}

GArray *
psr_indicators_list_years (PsrDatabase  *db,
                           GError      **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_database_prepare (db,
    "SELECT DISTINCT CAST (substr (ends_on, 1, 4) AS INTEGER) AS year FROM sessions"
    " WHERE status = 'done' AND ends_on IS NOT NULL ORDER BY year DESC",
    error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_year, years, error))
    return NULL;

  return g_steal_pointer (&years);
}

void
psr_held_session_free (PsrHeldSession *session)
{
  if (session == NULL)
    return;

  g_free (session->title);
  g_free (session->curriculum);
  g_free (session->lineage);
  g_free (session);
}

/* An ISO 8601 day, or an invalid date. */
static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  guint y, m, d;

  g_date_clear (date, 1);
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3
      && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (date, d, m, y);
}

static void
append_held_session (sqlite3_stmt *stmt,
                     gpointer      data)
{
  PsrHeldSession *session = g_new0 (PsrHeldSession, 1);

  session->session_id = sqlite3_column_int64 (stmt, 0);
  session->title = column_text (stmt, 1);
  session->curriculum_id = sqlite3_column_int64 (stmt, 2);
  session->curriculum = column_text (stmt, 3);
  session->lineage = column_text (stmt, 4);
  column_date (stmt, 5, &session->starts_on);
  column_date (stmt, 6, &session->ends_on);
  g_ptr_array_add (data, session);
}

GPtrArray *
psr_indicators_list_sessions (PsrDatabase  *db,
                              guint         year,
                              GError      **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (year < 1970 || year > 9999)
    {
      psr_store_invalid (error, _("Give a year from 1970 to 9999."));
      return NULL;
    }

  stmt = psr_store_prepare_with_id (db,
    "SELECT s.id, CASE WHEN trim (s.title) = '' THEN c.title ELSE s.title END,"
    " c.id, c.title, c.lineage_uuid, s.starts_on, s.ends_on"
    " FROM sessions s JOIN curricula c ON c.id = s.curriculum_id"
    " WHERE " HELD_IN_YEAR " ORDER BY s.ends_on, s.id",
    year, error);
  if (stmt == NULL)
    return NULL;

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_held_session_free);
  if (!psr_store_foreach_row (db, stmt, append_held_session, sessions, error))
    return NULL;

  return g_steal_pointer (&sessions);
}
