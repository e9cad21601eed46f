/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "psr-competencies.h"
#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-locale-private.h"
#include "psr-progress.h"
#include "psr-store-private.h"

#define PERSON_NAME   "trim(p.given_name || ' ' || p.family_name)"
#define SESSION_TITLE "coalesce(nullif(s.title, ''), c.title)"
/* The end of a slot, comparable with the local time formatted by
 * local_stamp(). */
#define SLOT_END      "(sl.day || 'T' || sl.ends_at)"

/* The competencies linked to a curriculum version (?1), each once. */
#define LINKED_COMPETENCIES(curriculum) \
  "SELECT oc.competency_id FROM curriculum_objectives o" \
  " JOIN objective_competencies oc ON oc.objective_id = o.id" \
  " WHERE o.curriculum_id = " curriculum \
  " UNION SELECT mc.competency_id FROM modules m" \
  " JOIN module_competencies mc ON mc.module_id = m.id" \
  " WHERE m.curriculum_id = " curriculum

static const char *moment_codes[] = { "before", "after" };
static const char *rater_codes[] = { "trainee", "trainer" };
static const char *progress_codes[] = { "not-started", "in-progress", "completed" };

static const char *missing_session =
  N_("This session no longer exists. Choose another one in the list of sessions.");
static const char *missing_person =
  N_("This person no longer exists. Choose another one in the list of trainees.");

/* Helpers ---------------------------------------------------------------------- */

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

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static GDateTime *
column_instant (sqlite3_stmt *stmt,
                int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  guint year, month, day;

  g_date_clear (date, 1);
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
}

static char *
format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

static GDateTime *
now_or_current (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
}

/* The local time as slots are written: "YYYY-MM-DDTHH:MM". */
static char *
local_stamp (GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M");
}

static gboolean
sqlite_failed (PsrDatabase  *db,
               int           rc,
               GError      **error)
{
  return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
}

/* Steps a statement with ?1 bound to its first integer, 0 when no row. */
static gboolean
query_int64 (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             gint64       *value,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  *value = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return TRUE;
}

static gboolean
require_row (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             const char   *missing,
             GError      **error)
{
  gint64 found;

  if (!query_int64 (db, sql, id, &found, error))
    return FALSE;

  if (found == 0)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _(missing));
      return FALSE;
    }

  return TRUE;
}

/* Codes ------------------------------------------------------------------------ */

const char *
psr_moment_to_code (PsrMoment moment)
{
  g_return_val_if_fail (moment <= PSR_MOMENT_AFTER, NULL);
  return moment_codes[moment];
}

int
psr_moment_from_code (const char *code)
{
  return code_index (moment_codes, G_N_ELEMENTS (moment_codes), code);
}

const char *
psr_rater_to_code (PsrRater rater)
{
  g_return_val_if_fail (rater <= PSR_RATER_TRAINER, NULL);
  return rater_codes[rater];
}

int
psr_rater_from_code (const char *code)
{
  return code_index (rater_codes, G_N_ELEMENTS (rater_codes), code);
}

const char *
psr_progress_status_to_code (PsrProgressStatus status)
{
  g_return_val_if_fail (status <= PSR_PROGRESS_COMPLETED, NULL);
  return progress_codes[status];
}

int
psr_progress_status_from_code (const char *code)
{
  return code_index (progress_codes, G_N_ELEMENTS (progress_codes), code);
}

const char *
psr_progress_status_label (PsrProgressStatus status)
{
  switch (status)
    {
    case PSR_PROGRESS_NOT_STARTED:
      return C_("module progress", "Not started");
    case PSR_PROGRESS_IN_PROGRESS:
      return C_("module progress", "In progress");
    case PSR_PROGRESS_COMPLETED:
      return C_("module progress", "Completed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Boxed types ------------------------------------------------------------------- */

PsrPositioningCompetency *
psr_positioning_competency_copy (const PsrPositioningCompetency *competency)
{
  PsrPositioningCompetency *copy = g_memdup2 (competency, sizeof *competency);

  copy->uuid = g_strdup (competency->uuid);
  copy->code = g_strdup (competency->code);
  copy->title = g_strdup (competency->title);
  return copy;
}

void
psr_positioning_competency_free (PsrPositioningCompetency *competency)
{
  if (competency == NULL)
    return;

  g_free (competency->uuid);
  g_free (competency->code);
  g_free (competency->title);
  g_free (competency);
}

G_DEFINE_BOXED_TYPE (PsrPositioningCompetency, psr_positioning_competency,
                     psr_positioning_competency_copy, psr_positioning_competency_free)

PsrPositioningRow *
psr_positioning_row_copy (const PsrPositioningRow *row)
{
  PsrPositioningRow *copy = g_memdup2 (row, sizeof *row);

  copy->display_name = g_strdup (row->display_name);
  return copy;
}

void
psr_positioning_row_free (PsrPositioningRow *row)
{
  if (row == NULL)
    return;

  g_free (row->display_name);
  g_free (row);
}

G_DEFINE_BOXED_TYPE (PsrPositioningRow, psr_positioning_row,
                     psr_positioning_row_copy, psr_positioning_row_free)

static gpointer
competency_gap_copy (gconstpointer data,
                    gpointer      user_data)
{
  const PsrCompetencyGap *gap = data;
  PsrCompetencyGap *copy = g_memdup2 (gap, sizeof *gap);

  copy->code = g_strdup (gap->code);
  copy->title = g_strdup (gap->title);
  return copy;
}

static void
competency_gap_free (PsrCompetencyGap *gap)
{
  g_free (gap->code);
  g_free (gap->title);
  g_free (gap);
}

static GArray *
id_array_copy (const GArray *ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

PsrPositioningSummary *
psr_positioning_summary_copy (const PsrPositioningSummary *summary)
{
  PsrPositioningSummary *copy = g_memdup2 (summary, sizeof *summary);

  copy->competencies = g_ptr_array_copy (summary->competencies,
                                         competency_gap_copy, NULL);
  g_ptr_array_set_free_func (copy->competencies, (GDestroyNotify) competency_gap_free);
  copy->missing_before = id_array_copy (summary->missing_before);
  copy->missing_after = id_array_copy (summary->missing_after);
  return copy;
}

void
psr_positioning_summary_free (PsrPositioningSummary *summary)
{
  if (summary == NULL)
    return;

  g_ptr_array_unref (summary->competencies);
  g_array_unref (summary->missing_before);
  g_array_unref (summary->missing_after);
  g_free (summary);
}

G_DEFINE_BOXED_TYPE (PsrPositioningSummary, psr_positioning_summary,
                     psr_positioning_summary_copy, psr_positioning_summary_free)

PsrModuleProgress *
psr_module_progress_copy (const PsrModuleProgress *progress)
{
  PsrModuleProgress *copy = g_memdup2 (progress, sizeof *progress);

  copy->title = g_strdup (progress->title);
  copy->evidence = g_strdup (progress->evidence);
  if (progress->completed_at != NULL)
    copy->completed_at = g_date_time_ref (progress->completed_at);
  return copy;
}

void
psr_module_progress_free (PsrModuleProgress *progress)
{
  if (progress == NULL)
    return;

  g_free (progress->title);
  g_free (progress->evidence);
  g_clear_pointer (&progress->completed_at, g_date_time_unref);
  g_free (progress);
}

G_DEFINE_BOXED_TYPE (PsrModuleProgress, psr_module_progress,
                     psr_module_progress_copy, psr_module_progress_free)

PsrRehearsalRun *
psr_rehearsal_run_copy (const PsrRehearsalRun *run)
{
  PsrRehearsalRun *copy = g_memdup2 (run, sizeof *run);

  copy->uuid = g_strdup (run->uuid);
  copy->scenario_title = g_strdup (run->scenario_title);
  copy->path = g_strdup (run->path);
  if (run->started_at != NULL)
    copy->started_at = g_date_time_ref (run->started_at);
  if (run->finished_at != NULL)
    copy->finished_at = g_date_time_ref (run->finished_at);
  return copy;
}

void
psr_rehearsal_run_free (PsrRehearsalRun *run)
{
  if (run == NULL)
    return;

  g_free (run->uuid);
  g_free (run->scenario_title);
  g_free (run->path);
  g_clear_pointer (&run->started_at, g_date_time_unref);
  g_clear_pointer (&run->finished_at, g_date_time_unref);
  g_free (run);
}

G_DEFINE_BOXED_TYPE (PsrRehearsalRun, psr_rehearsal_run,
                     psr_rehearsal_run_copy, psr_rehearsal_run_free)

static gpointer
trainee_session_copy (gconstpointer data,
                     gpointer      user_data)
{
  const PsrTraineeSession *session = data;
  PsrTraineeSession *copy = g_memdup2 (session, sizeof *session);

  copy->display_title = g_strdup (session->display_title);
  return copy;
}

static void
trainee_session_free (PsrTraineeSession *session)
{
  g_free (session->display_title);
  g_free (session);
}

static gpointer
trainee_curriculum_copy (gconstpointer data,
                        gpointer      user_data)
{
  const PsrTraineeCurriculum *curriculum = data;
  PsrTraineeCurriculum *copy = g_memdup2 (curriculum, sizeof *curriculum);

  copy->title = g_strdup (curriculum->title);
  return copy;
}

static void
trainee_curriculum_free (PsrTraineeCurriculum *curriculum)
{
  g_free (curriculum->title);
  g_free (curriculum);
}

static gpointer
trainee_competency_copy (gconstpointer data,
                        gpointer      user_data)
{
  const PsrTraineeCompetency *competency = data;
  PsrTraineeCompetency *copy = g_memdup2 (competency, sizeof *competency);

  copy->code = g_strdup (competency->code);
  copy->title = g_strdup (competency->title);
  return copy;
}

static void
trainee_competency_free (PsrTraineeCompetency *competency)
{
  g_free (competency->code);
  g_free (competency->title);
  g_free (competency);
}

static PsrTraineeSummary *
trainee_summary_new (void)
{
  PsrTraineeSummary *summary = g_new0 (PsrTraineeSummary, 1);

  summary->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) trainee_session_free);
  summary->curricula = g_ptr_array_new_with_free_func ((GDestroyNotify) trainee_curriculum_free);
  summary->competencies = g_ptr_array_new_with_free_func ((GDestroyNotify) trainee_competency_free);
  summary->attendance_rate = -1;
  return summary;
}

PsrTraineeSummary *
psr_trainee_summary_copy (const PsrTraineeSummary *summary)
{
  PsrTraineeSummary *copy = g_memdup2 (summary, sizeof *summary);

  copy->sessions = g_ptr_array_copy (summary->sessions, trainee_session_copy, NULL);
  g_ptr_array_set_free_func (copy->sessions, (GDestroyNotify) trainee_session_free);
  copy->curricula = g_ptr_array_copy (summary->curricula, trainee_curriculum_copy, NULL);
  g_ptr_array_set_free_func (copy->curricula, (GDestroyNotify) trainee_curriculum_free);
  copy->competencies = g_ptr_array_copy (summary->competencies,
                                         trainee_competency_copy, NULL);
  g_ptr_array_set_free_func (copy->competencies, (GDestroyNotify) trainee_competency_free);
  return copy;
}

void
psr_trainee_summary_free (PsrTraineeSummary *summary)
{
  if (summary == NULL)
    return;

  g_ptr_array_unref (summary->sessions);
  g_ptr_array_unref (summary->curricula);
  g_ptr_array_unref (summary->competencies);
  g_free (summary);
}

G_DEFINE_BOXED_TYPE (PsrTraineeSummary, psr_trainee_summary,
                     psr_trainee_summary_copy, psr_trainee_summary_free)

static PsrNeedsAction *
needs_action_new (void)
{
  PsrNeedsAction *needs = g_new0 (PsrNeedsAction, 1);

  for (guint i = 0; i < PSR_N_NEEDS; i++)
    needs->session_ids[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  return needs;
}

PsrNeedsAction *
psr_needs_action_copy (const PsrNeedsAction *needs)
{
  PsrNeedsAction *copy = g_memdup2 (needs, sizeof *needs);

  for (guint i = 0; i < PSR_N_NEEDS; i++)
    copy->session_ids[i] = id_array_copy (needs->session_ids[i]);
  return copy;
}

void
psr_needs_action_free (PsrNeedsAction *needs)
{
  if (needs == NULL)
    return;

  for (guint i = 0; i < PSR_N_NEEDS; i++)
    g_array_unref (needs->session_ids[i]);
  g_free (needs);
}

G_DEFINE_BOXED_TYPE (PsrNeedsAction, psr_needs_action, psr_needs_action_copy, psr_needs_action_free)

/* Positioning -------------------------------------------------------------------- */

static void
append_competency (sqlite3_stmt *stmt,
                   gpointer      data)
{
  PsrPositioningCompetency *competency = g_new0 (PsrPositioningCompetency, 1);

  competency->id = sqlite3_column_int64 (stmt, 0);
  competency->uuid = column_text (stmt, 1);
  competency->code = column_text (stmt, 2);
  competency->title = column_text (stmt, 3);
  competency->framework_id = sqlite3_column_int64 (stmt, 4);
  g_ptr_array_add (data, competency);
}

GPtrArray *
psr_session_list_positioning_competencies (PsrDatabase  *db,
                                           gint64        session_id,
                                           GError      **error)
{
  g_autoptr(GPtrArray) competencies = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!require_row (db, "SELECT id FROM sessions WHERE id = ?1", session_id,
                    missing_session, error))
    return NULL;

  /* The framework's order: the field's position, then the competency's,
   * then the indicator's, whatever the depth of the node linked. */
  stmt = psr_store_prepare_with_id (db,
    "WITH linked (competency_id) AS ("
    LINKED_COMPETENCIES ("(SELECT curriculum_id FROM sessions WHERE id = ?1)") ")"
    " SELECT n.id, n.uuid, n.code, n.title, n.framework_id"
    " FROM linked l JOIN competencies n ON n.id = l.competency_id"
    " LEFT JOIN competencies p ON p.id = n.parent_id"
    " LEFT JOIN competencies g ON g.id = p.parent_id"
    " ORDER BY n.framework_id,"
    "  coalesce (g.position, p.position, n.position), coalesce (g.id, p.id, n.id),"
    "  CASE WHEN g.id IS NOT NULL THEN p.position WHEN p.id IS NOT NULL THEN n.position"
    "  ELSE -1 END,"
    "  CASE WHEN g.id IS NOT NULL THEN p.id WHEN p.id IS NOT NULL THEN n.id ELSE -1 END,"
    "  CASE WHEN g.id IS NOT NULL THEN n.position ELSE -1 END, n.id",
    session_id, error);
  if (stmt == NULL)
    return NULL;

  competencies = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_positioning_competency_free);
  if (!psr_store_foreach_row (db, stmt, append_competency, competencies, error))
    return NULL;

  return g_steal_pointer (&competencies);
}

GPtrArray *
psr_session_list_positioning_levels (PsrDatabase  *db,
                                     gint64        session_id,
                                     GError      **error)
{
  g_autoptr(GPtrArray) competencies = NULL;
  gint64 framework_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!query_int64 (db,
                    "SELECT coalesce (c.framework_id, 0) FROM sessions s"
                    " JOIN curricula c ON c.id = s.curriculum_id WHERE s.id = ?1",
                    session_id, &framework_id, error))
    return NULL;

  if (framework_id == 0)
    {
      competencies = psr_session_list_positioning_competencies (db, session_id, error);
      if (competencies == NULL)
        return NULL;
      if (competencies->len > 0)
        framework_id = ((PsrPositioningCompetency *) competencies->pdata[0])->framework_id;
    }

  return psr_framework_list_levels (db, framework_id, error);
}

static gboolean
check_enrolled (PsrDatabase  *db,
                gint64        session_id,
                gint64        person_id,
                GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
    "SELECT 1 FROM enrollments WHERE session_id = ?1 AND person_id = ?2 AND status = 'enrolled'",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return psr_store_invalid (error,
                            _("This person is not enrolled in the session. Enroll them first, "
                              "or choose one of the session’s trainees."));
}

/* The session exists and is not cancelled. */
static gboolean
check_session_open (PsrDatabase  *db,
                    gint64        session_id,
                    GError      **error)
{
  gint64 cancelled;

  if (!require_row (db, "SELECT id FROM sessions WHERE id = ?1", session_id,
                    missing_session, error)
      || !query_int64 (db, "SELECT status = 'cancelled' FROM sessions WHERE id = ?1",
                       session_id, &cancelled, error))
    return FALSE;

  if (cancelled)
    return psr_store_invalid (error,
                              _("This session is cancelled. Restore it before recording "
                                "anything for its trainees."));

  return TRUE;
}

static gboolean
check_competency_rated (PsrDatabase  *db,
                        gint64        session_id,
                        gint64        competency_id,
                        GError      **error)
{
  g_autoptr(GPtrArray) competencies = NULL;

  competencies = psr_session_list_positioning_competencies (db, session_id, error);
  if (competencies == NULL)
    return FALSE;

  for (guint i = 0; i < competencies->len; i++)
    if (((PsrPositioningCompetency *) competencies->pdata[i])->id == competency_id)
      return TRUE;

  return psr_store_invalid (error,
                            _("This competency is not one the session’s curriculum works on. "
                              "Link it to an objective or a module of the curriculum first."));
}

static gboolean
check_level (PsrDatabase  *db,
             gint64        competency_id,
             gint64        level_id,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
    "SELECT 1 FROM competencies c JOIN frameworks f ON f.id = c.framework_id"
    " JOIN scale_levels l ON l.scale_id = f.scale_id WHERE c.id = ?1 AND l.id = ?2",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, competency_id);
  sqlite3_bind_int64 (stmt, 2, level_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return psr_store_invalid (error,
                            _("This level is not on the scale of the competency’s framework. "
                              "Choose one of the levels offered."));
}

static gboolean
check_trainer (PsrDatabase  *db,
               gint64        rater_id,
               GError      **error)
{
  gint64 is_trainer;

  if (!require_row (db, "SELECT id FROM people WHERE id = ?1", rater_id, missing_person, error)
      || !query_int64 (db, "SELECT is_trainer FROM people WHERE id = ?1", rater_id,
                       &is_trainer, error))
    return FALSE;

  if (!is_trainer)
    return psr_store_invalid (error,
                              _("Only a trainer can rate a trainee. Mark this person as a "
                                "trainer first, or choose another one."));

  return TRUE;
}

gboolean
psr_positioning_set (PsrDatabase  *db,
                     gint64        session_id,
                     gint64        person_id,
                     gint64        competency_id,
                     PsrMoment     moment,
                     PsrRater      rater,
                     gint64        rater_id,
                     gint64        level_id,
                     GDateTime    *rated_at,
                     GError      **error)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *when = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (moment <= PSR_MOMENT_AFTER, FALSE);
  g_return_val_if_fail (rater <= PSR_RATER_TRAINER, FALSE);

  if (rater == PSR_RATER_TRAINEE)
    rater_id = person_id;

  at = now_or_current (rated_at);
  when = format_instant (at);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!check_session_open (db, session_id, error)
      || !check_enrolled (db, session_id, person_id, error)
      || !check_competency_rated (db, session_id, competency_id, error)
      || !check_level (db, competency_id, level_id, error)
      || (rater == PSR_RATER_TRAINER && rater_id != 0 && !check_trainer (db, rater_id, error)))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  stmt = psr_database_prepare (db,
    "INSERT INTO positionings (uuid, session_id, person_id, competency_id, moment, rater,"
    " rater_id, level_id, rated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (session_id, person_id, competency_id, moment, rater) DO UPDATE SET"
    " rater_id = excluded.rater_id, level_id = excluded.level_id,"
    " rated_at = excluded.rated_at, updated_at = " PSR_STORE_NOW,
    error);
  if (stmt == NULL)
    {
      psr_database_rollback (db);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, session_id);
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_int64 (stmt, 4, competency_id);
  sqlite3_bind_text (stmt, 5, moment_codes[moment], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, rater_codes[rater], -1, SQLITE_STATIC);
  if (rater_id != 0)
    sqlite3_bind_int64 (stmt, 7, rater_id);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int64 (stmt, 8, level_id);
  sqlite3_bind_text (stmt, 9, when, -1, SQLITE_TRANSIENT);

  if (!psr_database_step_done (db, stmt, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

gboolean
psr_positioning_clear (PsrDatabase  *db,
                       gint64        session_id,
                       gint64        person_id,
                       gint64        competency_id,
                       PsrMoment     moment,
                       PsrRater      rater,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (moment <= PSR_MOMENT_AFTER, FALSE);
  g_return_val_if_fail (rater <= PSR_RATER_TRAINER, FALSE);

  stmt = psr_database_prepare (db,
    "DELETE FROM positionings WHERE session_id = ?1 AND person_id = ?2 AND competency_id = ?3"
    " AND moment = ?4 AND rater = ?5",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int64 (stmt, 3, competency_id);
  sqlite3_bind_text (stmt, 4, moment_codes[moment], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, rater_codes[rater], -1, SQLITE_STATIC);

  return psr_database_step_done (db, stmt, error);
}

/* The rating a gap uses at @moment: the trainer's, else the trainee's. */
static const PsrRating *
preferred_rating (const PsrPositioningRow *row,
                  PsrMoment                moment,
                  PsrRater                *rater)
{
  if (row->ratings[moment][PSR_RATER_TRAINER].position >= 0)
    {
      *rater = PSR_RATER_TRAINER;
      return &row->ratings[moment][PSR_RATER_TRAINER];
    }

  *rater = PSR_RATER_TRAINEE;
  return &row->ratings[moment][PSR_RATER_TRAINEE];
}

static void
compute_gap (PsrPositioningRow *row)
{
  const PsrRating *before = preferred_rating (row, PSR_MOMENT_BEFORE, &row->before_rater);
  const PsrRating *after = preferred_rating (row, PSR_MOMENT_AFTER, &row->after_rater);

  row->has_gap = before->position >= 0 && after->position >= 0;
  row->gap = row->has_gap ? after->position - before->position : 0;
}

typedef struct
{
  GArray     *person_ids;
  GPtrArray  *names;
} Trainees;

static void
append_trainee (sqlite3_stmt *stmt,
                gpointer      data)
{
  Trainees *trainees = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (trainees->person_ids, id);
  g_ptr_array_add (trainees->names, column_text (stmt, 1));
}

/* The rows of the session, trainee after trainee, each with the
 * competencies of @competencies in order. */
static GPtrArray *
load_positionings (PsrDatabase  *db,
                   gint64        session_id,
                   gint64        person_id,
                   GPtrArray    *competencies,
                   GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_positioning_row_free);
  g_autoptr(GHashTable) trainee_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) competency_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Trainees trainees = { person_ids, names };
  sqlite3_stmt *stmt;
  guint n = competencies->len;
  int rc;

  stmt = psr_store_prepare_with_id (db,
    "SELECT p.id, " PERSON_NAME " FROM enrollments e JOIN people p ON p.id = e.person_id"
    " WHERE e.session_id = ?1 AND e.status = 'enrolled' AND (?2 = 0 OR p.id = ?2)"
    " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
    session_id, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 2, person_id);
  if (!psr_store_foreach_row (db, stmt, append_trainee, &trainees, error))
    return NULL;

  for (guint t = 0; t < person_ids->len; t++)
    {
      g_hash_table_insert (trainee_index, &g_array_index (person_ids, gint64, t),
                           GUINT_TO_POINTER (t + 1));
      for (guint c = 0; c < n; c++)
        {
          PsrPositioningRow *row = g_new0 (PsrPositioningRow, 1);
          const PsrPositioningCompetency *competency = competencies->pdata[c];

          row->person_id = g_array_index (person_ids, gint64, t);
          row->display_name = g_strdup (names->pdata[t]);
          row->competency_id = competency->id;
          for (guint m = 0; m < 2; m++)
            for (guint r = 0; r < 2; r++)
              row->ratings[m][r].position = -1;
          g_ptr_array_add (rows, row);
        }
    }

  for (guint c = 0; c < n; c++)
    g_hash_table_insert (competency_index,
                         &((PsrPositioningCompetency *) competencies->pdata[c])->id,
                         GUINT_TO_POINTER (c + 1));

  stmt = psr_store_prepare_with_id (db,
    "SELECT po.person_id, po.competency_id, po.moment, po.rater, po.level_id, l.position"
    " FROM positionings po JOIN scale_levels l ON l.id = po.level_id"
    " WHERE po.session_id = ?1 AND (?2 = 0 OR po.person_id = ?2)",
    session_id, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 2, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (stmt, 0);
      gint64 competency = sqlite3_column_int64 (stmt, 1);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (trainee_index, &person));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (competency_index, &competency));
      int moment = psr_moment_from_code ((const char *) sqlite3_column_text (stmt, 2));
      int rater = psr_rater_from_code ((const char *) sqlite3_column_text (stmt, 3));
      PsrPositioningRow *row;

      /* Ratings of a trainee no longer enrolled, or of a competency the
       * curriculum no longer links, are kept but not shown. */
      if (t == 0 || c == 0 || moment < 0 || rater < 0)
        continue;

      row = rows->pdata[(t - 1) * n + (c - 1)];
      row->ratings[moment][rater].level_id = sqlite3_column_int64 (stmt, 4);
      row->ratings[moment][rater].position = sqlite3_column_int (stmt, 5);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    compute_gap (rows->pdata[i]);

  return g_steal_pointer (&rows);
}

GPtrArray *
psr_session_list_positionings (PsrDatabase  *db,
                               gint64        session_id,
                               gint64        person_id,
                               GError      **error)
{
  g_autoptr(GPtrArray) competencies = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  competencies = psr_session_list_positioning_competencies (db, session_id, error);
  if (competencies == NULL)
    return NULL;

  return load_positionings (db, session_id, person_id, competencies, error);
}

PsrPositioningSummary *
psr_session_get_positioning_summary (PsrDatabase  *db,
                                     gint64        session_id,
                                     GError      **error)
{
  g_autoptr(PsrPositioningSummary) summary = g_new0 (PsrPositioningSummary, 1);
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree int *gap_sums = NULL;
  guint n, n_with_gap = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  summary->competencies = g_ptr_array_new_with_free_func ((GDestroyNotify) competency_gap_free);
  summary->missing_before = g_array_new (FALSE, FALSE, sizeof (gint64));
  summary->missing_after = g_array_new (FALSE, FALSE, sizeof (gint64));

  competencies = psr_session_list_positioning_competencies (db, session_id, error);
  if (competencies == NULL)
    return NULL;
  rows = load_positionings (db, session_id, 0, competencies, error);
  if (rows == NULL)
    return NULL;

  n = competencies->len;
  for (guint c = 0; c < n; c++)
    {
      const PsrPositioningCompetency *competency = competencies->pdata[c];
      PsrCompetencyGap *gap = g_new0 (PsrCompetencyGap, 1);
      int sum = 0;

      gap->competency_id = competency->id;
      gap->code = g_strdup (competency->code);
      gap->title = g_strdup (competency->title);
      for (guint i = c; i < rows->len; i += n)
        {
          const PsrPositioningRow *row = rows->pdata[i];

          if (!row->has_gap)
            continue;
          gap->n_rated++;
          sum += row->gap;
          if (row->gap > 0)
            gap->n_progressed++;
        }
      if (gap->n_rated > 0)
        {
          gap->average_gap = (double) sum / gap->n_rated;
          gap->progressed_share = (double) gap->n_progressed / gap->n_rated;
        }
      g_ptr_array_add (summary->competencies, gap);
    }

  summary->n_trainees = n > 0 ? rows->len / n : 0;
  if (n == 0)
    {
      gint64 count;

      if (!query_int64 (db,
                        "SELECT count(*) FROM enrollments WHERE session_id = ?1"
                        " AND status = 'enrolled'",
                        session_id, &count, error))
        return NULL;
      summary->n_trainees = count;
      return g_steal_pointer (&summary);
    }

  gap_sums = g_new0 (int, summary->n_trainees);
  for (guint t = 0; t < summary->n_trainees; t++)
    {
      gboolean any_gap = FALSE, missing_before = FALSE, missing_after = FALSE;
      gint64 person_id = 0;

      for (guint c = 0; c < n; c++)
        {
          const PsrPositioningRow *row = rows->pdata[t * n + c];

          person_id = row->person_id;
          if (row->ratings[PSR_MOMENT_BEFORE][PSR_RATER_TRAINEE].position < 0
              && row->ratings[PSR_MOMENT_BEFORE][PSR_RATER_TRAINER].position < 0)
            missing_before = TRUE;
          if (row->ratings[PSR_MOMENT_AFTER][PSR_RATER_TRAINEE].position < 0
              && row->ratings[PSR_MOMENT_AFTER][PSR_RATER_TRAINER].position < 0)
            missing_after = TRUE;
          if (row->has_gap)
            {
              any_gap = TRUE;
              gap_sums[t] += row->gap;
            }
        }

      if (missing_before)
        g_array_append_val (summary->missing_before, person_id);
      if (missing_after)
        g_array_append_val (summary->missing_after, person_id);
      if (any_gap)
        {
          n_with_gap++;
          if (gap_sums[t] > 0)
            summary->n_progressed++;
        }
    }

  if (n_with_gap > 0)
    summary->progressed_share = (double) summary->n_progressed / n_with_gap;

  return g_steal_pointer (&summary);
}

/* Module progress ------------------------------------------------------------------ */

/* The latest session not cancelled, running the module's curriculum
 * version, where the person is enrolled or a no-show. */
static gboolean
find_progress_session (PsrDatabase  *db,
                       gint64        person_id,
                       gint64        module_id,
                       gint64       *session_id,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!require_row (db, "SELECT id FROM people WHERE id = ?1", person_id, missing_person, error)
      || !require_row (db, "SELECT id FROM modules WHERE id = ?1", module_id,
                       N_("This module no longer exists. Choose another one in the curriculum."),
                       error))
    return FALSE;

  stmt = psr_database_prepare (db,
    "SELECT s.id FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE e.person_id = ?1 AND e.status IN ('enrolled', 'no-show')"
    " AND s.status != 'cancelled'"
    " AND s.curriculum_id = (SELECT curriculum_id FROM modules WHERE id = ?2)"
    " ORDER BY s.starts_on IS NULL, s.starts_on DESC, s.id DESC LIMIT 1",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, module_id);
  rc = sqlite3_step (stmt);
  *session_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  if (*session_id == 0)
    return psr_store_invalid (error,
                              _("This person is not enrolled in a session of this curriculum. "
                                "Enroll them in one of its sessions first."));

  return TRUE;
}

gboolean
psr_module_progress_set (PsrDatabase        *db,
                         gint64              person_id,
                         gint64              module_id,
                         PsrProgressStatus   status,
                         GDateTime          *completed_at,
                         GDateTime          *now,
                         GError            **error)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *when = NULL;
  sqlite3_stmt *stmt;
  gint64 session_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (status <= PSR_PROGRESS_COMPLETED, FALSE);

  at = now_or_current (now);
  if (status == PSR_PROGRESS_COMPLETED && completed_at != NULL)
    {
      if (g_date_time_compare (completed_at, at) > 0)
        return psr_store_invalid (error,
                                  _("A module cannot be completed in the future. "
                                    "Give today’s date or an earlier one."));
      when = format_instant (completed_at);
    }
  else if (status == PSR_PROGRESS_COMPLETED)
    when = format_instant (at);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!find_progress_session (db, person_id, module_id, &session_id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  /* Completing again without a date keeps the first one. */
  stmt = psr_database_prepare (db,
    "INSERT INTO module_progress (uuid, person_id, module_id, session_id, status, completed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (person_id, module_id) DO UPDATE SET session_id = excluded.session_id,"
    " completed_at = CASE WHEN ?7 AND module_progress.status = 'completed'"
    "  THEN module_progress.completed_at ELSE excluded.completed_at END,"
    " status = excluded.status, updated_at = " PSR_STORE_NOW,
    error);
  if (stmt == NULL)
    {
      psr_database_rollback (db);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int64 (stmt, 3, module_id);
  sqlite3_bind_int64 (stmt, 4, session_id);
  sqlite3_bind_text (stmt, 5, progress_codes[status], -1, SQLITE_STATIC);
  if (when != NULL)
    sqlite3_bind_text (stmt, 6, when, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int (stmt, 7, status == PSR_PROGRESS_COMPLETED && completed_at == NULL);

  if (!psr_database_step_done (db, stmt, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

gboolean
psr_module_progress_set_evidence (PsrDatabase  *db,
                                  gint64        person_id,
                                  gint64        module_id,
                                  const char   *evidence,
                                  GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 session_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_store_check_text (evidence, error))
    return FALSE;

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!find_progress_session (db, person_id, module_id, &session_id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  stmt = psr_database_prepare (db,
    "INSERT INTO module_progress (uuid, person_id, module_id, session_id, evidence)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (person_id, module_id) DO UPDATE SET evidence = excluded.evidence,"
    " updated_at = " PSR_STORE_NOW,
    error);
  if (stmt == NULL)
    {
      psr_database_rollback (db);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int64 (stmt, 3, module_id);
  sqlite3_bind_int64 (stmt, 4, session_id);
  sqlite3_bind_text (stmt, 5, evidence != NULL ? evidence : "", -1, SQLITE_TRANSIENT);

  if (!psr_database_step_done (db, stmt, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

static void
append_module_progress (sqlite3_stmt *stmt,
                        gpointer      data)
{
  PsrModuleProgress *progress = g_new0 (PsrModuleProgress, 1);
  int status = psr_progress_status_from_code ((const char *) sqlite3_column_text (stmt, 4));

  progress->module_id = sqlite3_column_int64 (stmt, 0);
  progress->title = column_text (stmt, 1);
  progress->position = sqlite3_column_int (stmt, 2);
  progress->duration_hours = sqlite3_column_double (stmt, 3);
  progress->status = status >= 0 ? status : PSR_PROGRESS_NOT_STARTED;
  progress->completed_at = column_instant (stmt, 5);
  progress->evidence = column_text (stmt, 6);
  g_ptr_array_add (data, progress);
}

GPtrArray *
psr_person_list_module_progress (PsrDatabase  *db,
                                 gint64        person_id,
                                 gint64        curriculum_id,
                                 GError      **error)
{
  g_autoptr(GPtrArray) modules = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT m.id, m.title, m.position, m.duration_hours, mp.status, mp.completed_at,"
    " mp.evidence FROM modules m"
    " LEFT JOIN module_progress mp ON mp.module_id = m.id AND mp.person_id = ?2"
    " WHERE m.curriculum_id = ?1 ORDER BY m.position, m.id",
    curriculum_id, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 2, person_id);
  modules = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_module_progress_free);
  if (!psr_store_foreach_row (db, stmt, append_module_progress, modules, error))
    return NULL;

  return g_steal_pointer (&modules);
}

guint
psr_module_progress_percent (const GPtrArray *modules)
{
  guint completed = 0;

  g_return_val_if_fail (modules != NULL, 0);

  if (modules->len == 0)
    return 0;

  for (guint i = 0; i < modules->len; i++)
    if (((PsrModuleProgress *) modules->pdata[i])->status == PSR_PROGRESS_COMPLETED)
      completed++;

  return completed * 100 / modules->len;
}

/* Rehearsal runs ---------------------------------------------------------------- */

static gboolean
is_uuid_member (JsonObject *object,
                const char *name,
                gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return nullable;

  return JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         && g_uuid_string_is_valid (json_node_get_string (node));
}

/* The number of steps of a valid path, -1 when it is not one. */
static int
count_path_steps (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *steps;
  JsonNode *root;
  guint n;

  if (path == NULL || !g_utf8_validate (path, -1, NULL)
      || !json_parser_load_from_data (parser, path, -1, NULL))
    return -1;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return -1;

  steps = json_node_get_array (root);
  n = json_array_get_length (steps);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *step = json_array_get_element (steps, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (step))
        return -1;

      object = json_node_get_object (step);
      /* Only the ending reached, last, has no choice. */
      if (json_object_get_size (object) != 2
          || !is_uuid_member (object, "node", FALSE)
          || !is_uuid_member (object, "choice", i == n - 1))
        return -1;
    }

  return n;
}

gint64
psr_rehearsal_run_record (PsrDatabase  *db,
                          gint64        person_id,
                          gint64        scenario_id,
                          GDateTime    *started_at,
                          GDateTime    *finished_at,
                          const char   *path,
                          GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *started = NULL;
  g_autofree char *finished = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (started_at != NULL, 0);

  if (count_path_steps (path) < 0)
    {
      psr_store_invalid (error,
                         _("The path of this rehearsal cannot be read. Play the rehearsal "
                           "again to record it."));
      return 0;
    }

  if (finished_at != NULL && g_date_time_compare (finished_at, started_at) < 0)
    {
      psr_store_invalid (error,
                         _("A rehearsal cannot end before it starts. Check the computer’s "
                           "clock, then play it again."));
      return 0;
    }

  started = format_instant (started_at);
  if (finished_at != NULL)
    finished = format_instant (finished_at);

  if (!psr_database_begin (db, error))
    return 0;

  if (!require_row (db, "SELECT id FROM people WHERE id = ?1", person_id, missing_person, error)
      || !require_row (db, "SELECT id FROM scenarios WHERE id = ?1", scenario_id,
                       N_("This scenario no longer exists. Choose another one in the list of "
                          "scenarios."),
                       error))
    {
      psr_database_rollback (db);
      return 0;
    }

  stmt = psr_database_prepare (db,
    "INSERT INTO rehearsal_runs (uuid, person_id, scenario_id, started_at, finished_at, path)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);
  if (stmt == NULL)
    {
      psr_database_rollback (db);
      return 0;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int64 (stmt, 3, scenario_id);
  sqlite3_bind_text (stmt, 4, started, -1, SQLITE_TRANSIENT);
  if (finished != NULL)
    sqlite3_bind_text (stmt, 5, finished, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, path, -1, SQLITE_TRANSIENT);

  if (!psr_database_step_done (db, stmt, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  id = psr_database_last_id (db);
  if (!psr_database_commit (db, error))
    return 0;

  return id;
}

static void
append_run (sqlite3_stmt *stmt,
            gpointer      data)
{
  PsrRehearsalRun *run = g_new0 (PsrRehearsalRun, 1);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->uuid = column_text (stmt, 1);
  run->scenario_id = sqlite3_column_int64 (stmt, 2);
  run->scenario_title = column_text (stmt, 3);
  run->started_at = column_instant (stmt, 4);
  run->finished_at = column_instant (stmt, 5);
  run->path = column_text (stmt, 6);
  run->n_steps = sqlite3_column_int (stmt, 7);
  g_ptr_array_add (data, run);
}

GPtrArray *
psr_person_list_rehearsal_runs (PsrDatabase  *db,
                                gint64        person_id,
                                GError      **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT r.id, r.uuid, r.scenario_id, s.title, r.started_at, r.finished_at, r.path,"
    " json_array_length (r.path) FROM rehearsal_runs r JOIN scenarios s ON s.id = r.scenario_id"
    " WHERE r.person_id = ?1 ORDER BY r.started_at DESC, r.id DESC",
    person_id, error);
  if (stmt == NULL)
    return NULL;

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_rehearsal_run_free);
  if (!psr_store_foreach_row (db, stmt, append_run, runs, error))
    return NULL;

  return g_steal_pointer (&runs);
}

/* Trainee summary ------------------------------------------------------------------ */

static void
append_trainee_session (sqlite3_stmt *stmt,
                        gpointer      data)
{
  PsrTraineeSession *session = g_new0 (PsrTraineeSession, 1);
  int status = psr_session_status_from_code ((const char *) sqlite3_column_text (stmt, 2));
  int enrollment = psr_enrollment_status_from_code ((const char *) sqlite3_column_text (stmt, 3));

  session->session_id = sqlite3_column_int64 (stmt, 0);
  session->display_title = column_text (stmt, 1);
  session->status = status >= 0 ? status : PSR_SESSION_PLANNED;
  session->enrollment = enrollment >= 0 ? enrollment : PSR_ENROLLMENT_ENROLLED;
  session->curriculum_id = sqlite3_column_int64 (stmt, 4);
  column_date (stmt, 5, &session->starts_on);
  column_date (stmt, 6, &session->ends_on);
  session->n_slots = sqlite3_column_int (stmt, 7);
  session->n_slots_over = sqlite3_column_int (stmt, 8);
  session->n_signed = sqlite3_column_int (stmt, 9);
  session->attendance_rate = session->n_slots_over > 0
                             ? (double) session->n_signed / session->n_slots_over : -1;
  g_ptr_array_add (data, session);
}

static gboolean
load_trainee_curricula (PsrDatabase        *db,
                        gint64              person_id,
                        PsrTraineeSummary  *summary,
                        GError            **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = psr_store_prepare_with_id (db,
    "SELECT DISTINCT c.id FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " JOIN curricula c ON c.id = s.curriculum_id"
    " WHERE e.person_id = ?1 AND e.status != 'cancelled' AND s.status != 'cancelled'"
    " ORDER BY c.title COLLATE NOCASE, c.id",
    person_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, psr_store_append_id, ids, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 curriculum_id = g_array_index (ids, gint64, i);
      g_autoptr(GPtrArray) modules = NULL;
      PsrTraineeCurriculum *curriculum;

      modules = psr_person_list_module_progress (db, person_id, curriculum_id, error);
      if (modules == NULL)
        return FALSE;

      stmt = psr_store_prepare_with_id (db, "SELECT title FROM curricula WHERE id = ?1",
                                        curriculum_id, error);
      if (stmt == NULL || !psr_store_step_row (db, stmt, _(missing_session), error))
        return FALSE;

      curriculum = g_new0 (PsrTraineeCurriculum, 1);
      curriculum->curriculum_id = curriculum_id;
      curriculum->title = column_text (stmt, 0);
      sqlite3_reset (stmt);

      curriculum->n_modules = modules->len;
      for (guint m = 0; m < modules->len; m++)
        {
          const PsrModuleProgress *progress = modules->pdata[m];

          if (progress->status == PSR_PROGRESS_COMPLETED)
            curriculum->n_completed++;
          else if (progress->status == PSR_PROGRESS_IN_PROGRESS)
            curriculum->n_in_progress++;
        }
      curriculum->percent = psr_module_progress_percent (modules);
      g_ptr_array_add (summary->curricula, curriculum);
    }

  return TRUE;
}

static gboolean
count_levels (PsrDatabase  *db,
              GHashTable   *cache,
              gint64        framework_id,
              guint        *n_levels,
              GError      **error)
{
  gpointer found;
  gint64 count;

  if (g_hash_table_lookup_extended (cache, &framework_id, NULL, &found))
    {
      *n_levels = GPOINTER_TO_UINT (found);
      return TRUE;
    }

  if (!query_int64 (db,
                    "SELECT count(*) FROM scale_levels l JOIN frameworks f ON f.scale_id = l.scale_id"
                    " WHERE f.id = ?1",
                    framework_id, &count, error))
    return FALSE;

  g_hash_table_insert (cache, g_memdup2 (&framework_id, sizeof framework_id),
                       GUINT_TO_POINTER ((guint) count));
  *n_levels = count;
  return TRUE;
}

static gboolean
load_trainee_competencies (PsrDatabase        *db,
                           gint64              person_id,
                           PsrTraineeSummary  *summary,
                           GError            **error)
{
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint s = 0; s < summary->sessions->len; s++)
    {
      const PsrTraineeSession *session = summary->sessions->pdata[s];
      g_autoptr(GPtrArray) competencies = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      if (session->status == PSR_SESSION_CANCELLED
          || session->enrollment != PSR_ENROLLMENT_ENROLLED)
        continue;

      competencies = psr_session_list_positioning_competencies (db, session->session_id, error);
      if (competencies == NULL)
        return FALSE;
      rows = load_positionings (db, session->session_id, person_id, competencies, error);
      if (rows == NULL)
        return FALSE;

      for (guint c = 0; c < rows->len && c < competencies->len; c++)
        {
          const PsrPositioningCompetency *competency = competencies->pdata[c];
          const PsrPositioningRow *row = rows->pdata[c];
          PsrTraineeCompetency *bar = g_new0 (PsrTraineeCompetency, 1);
          PsrRater rater;

          bar->session_id = session->session_id;
          bar->competency_id = competency->id;
          bar->code = g_strdup (competency->code);
          bar->title = g_strdup (competency->title);
          bar->before = preferred_rating (row, PSR_MOMENT_BEFORE, &rater)->position;
          bar->after = preferred_rating (row, PSR_MOMENT_AFTER, &rater)->position;
          g_ptr_array_add (summary->competencies, bar);
          if (!count_levels (db, levels, competency->framework_id, &bar->n_levels, error))
            return FALSE;
        }
    }

  return TRUE;
}

PsrTraineeSummary *
psr_trainee_summary_load (PsrDatabase  *db,
                          gint64        person_id,
                          GDateTime    *now,
                          GError      **error)
{
  g_autoptr(PsrTraineeSummary) summary = trainee_summary_new ();
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *stamp = NULL;
  sqlite3_stmt *stmt;
  gint64 n_runs;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!require_row (db, "SELECT id FROM people WHERE id = ?1", person_id, missing_person, error))
    return NULL;

  at = now_or_current (now);
  stamp = local_stamp (at);

  stmt = psr_store_prepare_with_id (db,
    "SELECT s.id, " SESSION_TITLE ", s.status, e.status, s.curriculum_id, s.starts_on,"
    " s.ends_on,"
    " (SELECT count(*) FROM session_slots sl WHERE sl.session_id = s.id),"
    " (SELECT count(*) FROM session_slots sl WHERE sl.session_id = s.id"
    "  AND " SLOT_END " <= ?2),"
    " (SELECT count(*) FROM session_slots sl WHERE sl.session_id = s.id"
    "  AND " SLOT_END " <= ?2 AND EXISTS (SELECT 1 FROM signatures g WHERE g.slot_id = sl.id"
    "  AND g.person_id = ?1 AND g.role = 'trainee'))"
    " FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " JOIN curricula c ON c.id = s.curriculum_id"
    " WHERE e.person_id = ?1 AND e.status != 'cancelled'"
    " ORDER BY s.starts_on IS NULL, s.starts_on DESC, s.id DESC",
    person_id, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
  if (!psr_store_foreach_row (db, stmt, append_trainee_session, summary->sessions, error))
    return NULL;

  for (guint i = 0; i < summary->sessions->len; i++)
    {
      const PsrTraineeSession *session = summary->sessions->pdata[i];

      if (session->status == PSR_SESSION_CANCELLED)
        continue;
      summary->n_slots_over += session->n_slots_over;
      summary->n_signed += session->n_signed;
    }
  if (summary->n_slots_over > 0)
    summary->attendance_rate = (double) summary->n_signed / summary->n_slots_over;

  if (!load_trainee_curricula (db, person_id, summary, error)
      || !load_trainee_competencies (db, person_id, summary, error)
      || !query_int64 (db, "SELECT count(*) FROM rehearsal_runs WHERE person_id = ?1",
                       person_id, &n_runs, error))
    return NULL;

  summary->n_rehearsal_runs = n_runs;
  return g_steal_pointer (&summary);
}

/* Needs action ---------------------------------------------------------------------- */

/* Each row: a session id and a count. */
static gboolean
load_need (PsrDatabase     *db,
           sqlite3_stmt    *stmt,
           PsrNeedsAction  *needs,
           PsrNeedKind      kind,
           GError         **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (needs->session_ids[kind], id);
      needs->counts[kind] += sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error);

  return TRUE;
}

PsrNeedsAction *
psr_needs_action_load (PsrDatabase  *db,
                       GDateTime    *now,
                       GError      **error)
{
  g_autoptr(PsrNeedsAction) needs = needs_action_new ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) since_time = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *since = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  at = now_or_current (now);
  local = g_date_time_to_local (at);
  stamp = local_stamp (at);
  since_time = g_date_time_add_days (local, -PSR_NEEDS_DAYS_BACK);
  since = g_date_time_format (since_time, "%Y-%m-%d");

  /* Slots over that a trainee expected did not sign, or that no trainer
   * countersigned. Every lookup goes through the unique indexes of
   * signatures (slot, person, role) and attendance (slot, person). */
  stmt = psr_database_prepare (db,
    "SELECT s.id, count(*) FROM sessions s JOIN session_slots sl ON sl.session_id = s.id"
    " WHERE s.status IN ('running', 'done') AND s.ends_on >= ?1 AND " SLOT_END " <= ?2"
    " AND EXISTS (SELECT 1 FROM enrollments e WHERE e.session_id = s.id"
    "             AND e.status = 'enrolled')"
    " AND (NOT EXISTS (SELECT 1 FROM signatures g WHERE g.slot_id = sl.id"
    "                  AND g.role = 'trainer')"
    "      OR EXISTS (SELECT 1 FROM enrollments e WHERE e.session_id = s.id"
    "                 AND e.status = 'enrolled'"
    "                 AND NOT EXISTS (SELECT 1 FROM signatures g WHERE g.slot_id = sl.id"
    "                                 AND g.person_id = e.person_id AND g.role = 'trainee')"
    "                 AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.slot_id = sl.id"
    "                                 AND a.person_id = e.person_id"
    "                                 AND a.status IN ('absent', 'excused'))))"
    " GROUP BY s.id ORDER BY s.starts_on, s.id",
    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
  if (!load_need (db, stmt, needs, PSR_NEED_UNSIGNED_SLOTS, error))
    return NULL;

  /* Trainees with fewer ratings at the moment than competencies to rate. */
  for (PsrMoment moment = PSR_MOMENT_BEFORE; moment <= PSR_MOMENT_AFTER; moment++)
    {
      stmt = psr_database_prepare (db,
        "WITH candidate AS ("
        "  SELECT s.id, s.starts_on, (SELECT count(*) FROM ("
        LINKED_COMPETENCIES ("s.curriculum_id") ")) AS n_competencies"
        "  FROM sessions s"
        "  WHERE ((?3 = 'before' AND s.status IN ('planned', 'confirmed', 'running'))"
        "         OR (?3 = 'after' AND s.status = 'done'))"
        "  AND (s.ends_on >= ?1 OR s.ends_on IS NULL))"
        " SELECT c.id, count(*) FROM candidate c"
        " JOIN enrollments e ON e.session_id = c.id AND e.status = 'enrolled'"
        " WHERE c.n_competencies > 0"
        " AND (SELECT count(DISTINCT po.competency_id) FROM positionings po"
        "      WHERE po.session_id = c.id AND po.person_id = e.person_id AND po.moment = ?3"
        "      AND po.competency_id IN (" LINKED_COMPETENCIES (
          "(SELECT curriculum_id FROM sessions WHERE id = c.id)") "))"
        "     < c.n_competencies"
        " GROUP BY c.id ORDER BY c.starts_on IS NULL, c.starts_on, c.id",
        error);
      if (stmt == NULL)
        return NULL;

      sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, moment_codes[moment], -1, SQLITE_STATIC);
      if (!load_need (db, stmt, needs,
                      moment == PSR_MOMENT_BEFORE
                      ? PSR_NEED_POSITIONING_BEFORE : PSR_NEED_POSITIONING_AFTER,
                      error))
        return NULL;
    }

  stmt = psr_database_prepare (db,
    "SELECT s.id, count(*) FROM sessions s"
    " JOIN enrollments e ON e.session_id = s.id AND e.status = 'enrolled'"
    " WHERE s.status = 'done' AND s.ends_on >= ?1"
    " AND NOT EXISTS (SELECT 1 FROM satisfaction_responses r WHERE r.session_id = s.id"
    "                 AND r.person_id = e.person_id AND r.kind = 'hot')"
    " GROUP BY s.id ORDER BY s.starts_on, s.id",
    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  if (!load_need (db, stmt, needs, PSR_NEED_SATISFACTION, error))
    return NULL;

  return g_steal_pointer (&needs);
}
