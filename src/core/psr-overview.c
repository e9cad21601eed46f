/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-database-private.h"
#include "psr-overview.h"
#include "psr-record-model.h"
#include "psr-session.h"
#include "psr-store-private.h"

/* What the first page shows: the size of the training offer, the sessions
 * running or coming, what is waiting for the trainer, and what happened
 * lately. */
struct _PsrOverview
{
  GObject         parent_instance;

  guint           n_trainees;
  guint           n_trainers;
  guint           n_curricula;
  guint           n_scenarios;
  guint           n_sessions_ahead;
  guint           n_unrecorded_slots;
  PsrRecordModel *upcoming;
  GPtrArray      *activity;
};

G_DEFINE_FINAL_TYPE (PsrOverview, psr_overview, G_TYPE_OBJECT)

static void
psr_overview_finalize (GObject *object)
{
  PsrOverview *self = (PsrOverview *)object;

  g_clear_object (&self->upcoming);
  g_clear_pointer (&self->activity, g_ptr_array_unref);

  G_OBJECT_CLASS (psr_overview_parent_class)->finalize (object);
}

static void
psr_overview_class_init (PsrOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_overview_finalize;
}

static void
psr_overview_init (PsrOverview *self)
{
}

static gboolean
load_counts (PsrOverview  *self,
             PsrDatabase  *db,
             const char   *today,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
    "SELECT (SELECT count(*) FROM people WHERE is_trainer = 0),"
    " (SELECT count(*) FROM people WHERE is_trainer = 1),"
    " (SELECT count(DISTINCT lineage_uuid) FROM curricula WHERE status != 'archived'),"
    " (SELECT count(*) FROM scenarios WHERE status != 'archived'),"
    " (SELECT count(*) FROM sessions WHERE ends_on >= ?1 AND status != 'cancelled'),"
    " (SELECT count(*) FROM session_slots sl JOIN sessions s ON s.id = sl.session_id"
    "  WHERE sl.day < ?1 AND sl.day >= date(?1, '-1 year') AND s.status != 'cancelled'"
    "  AND EXISTS (SELECT 1 FROM enrollments e"
    "              WHERE e.session_id = s.id AND e.status = 'enrolled')"
    "  AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.slot_id = sl.id))",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->n_trainees = sqlite3_column_int (stmt, 0);
      self->n_trainers = sqlite3_column_int (stmt, 1);
      self->n_curricula = sqlite3_column_int (stmt, 2);
      self->n_scenarios = sqlite3_column_int (stmt, 3);
      self->n_sessions_ahead = sqlite3_column_int (stmt, 4);
      self->n_unrecorded_slots = sqlite3_column_int (stmt, 5);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static gboolean
load_upcoming (PsrOverview  *self,
               PsrDatabase  *db,
               const char   *today,
               GError      **error)
{
  gint64 ids[PSR_OVERVIEW_UPCOMING_MAX];
  guint n_ids = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
    "SELECT id FROM sessions WHERE ends_on >= ?1 AND status != 'cancelled'"
    " ORDER BY starts_on, id LIMIT ?2",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, PSR_OVERVIEW_UPCOMING_MAX);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n_ids < G_N_ELEMENTS (ids))
    ids[n_ids++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  self->upcoming = psr_record_model_new (db, PSR_TYPE_SESSION);
  psr_record_model_set_ids (self->upcoming, ids, n_ids);
  return TRUE;
}

/* Recent activity ------------------------------------------------------------- */

PsrActivity *
psr_activity_copy (const PsrActivity *activity)
{
  PsrActivity *copy = g_memdup2 (activity, sizeof *activity);

  copy->when = activity->when != NULL ? g_date_time_ref (activity->when) : NULL;
  copy->person = g_strdup (activity->person);
  copy->subject = g_strdup (activity->subject);
  return copy;
}

void
psr_activity_free (PsrActivity *activity)
{
  if (activity == NULL)
    return;

  g_clear_pointer (&activity->when, g_date_time_unref);
  g_free (activity->person);
  g_free (activity->subject);
  g_free (activity);
}

G_DEFINE_BOXED_TYPE (PsrActivity, psr_activity, psr_activity_copy, psr_activity_free)

/* How many of the latest rows of each kind are grouped: enough for the
 * groups the overview shows, few enough to stay a short walk down an
 * index whatever the size of the tables. */
#define ACTIVITY_WINDOW 256

#define SESSION_TITLE "coalesce(nullif(s.title, ''), c.title)"
#define PERSON_NAME(id) \
  "(SELECT nullif(trim(p.given_name || ' ' || p.family_name), '') FROM people p" \
  " WHERE p.id = " id ")"

/* Each branch takes the latest ?1 rows of one kind up to ?3 through the
 * index on their instant, groups them, and keeps the latest ?2 groups; the
 * counts then read only the rows of those groups, through their own
 * indexes. The columns: kind, instant, count, person, subject, session.
 * Grouped by SQLite's max(), the bare columns come from the latest row. */
static const char activity_sql[] =
  "SELECT kind, at, n, person, subject, session_id FROM ("
  /* Trainees who signed a half-day. */
  " SELECT 0 AS kind, w.at AS at,"
  "  (SELECT count(*) FROM signatures x WHERE x.slot_id = w.slot_id AND x.role = 'trainee') AS n,"
  "  " PERSON_NAME ("w.person_id") " AS person, " SESSION_TITLE " AS subject,"
  "  s.id AS session_id"
  " FROM (SELECT slot_id, max(signed_at) AS at, person_id"
  "       FROM (SELECT slot_id, person_id, signed_at FROM signatures"
  "             WHERE role = 'trainee' AND signed_at <= ?3 ORDER BY signed_at DESC LIMIT ?1)"
  "       GROUP BY slot_id ORDER BY at DESC LIMIT ?2) w"
  " JOIN session_slots sl ON sl.id = w.slot_id"
  " JOIN sessions s ON s.id = sl.session_id JOIN curricula c ON c.id = s.curriculum_id"
  /* Trainees enrolled in a session or on its waiting list. */
  " UNION ALL"
  " SELECT 1, w.at,"
  "  (SELECT count(*) FROM enrollments x WHERE x.session_id = w.session_id"
  "   AND x.status != 'cancelled'),"
  "  " PERSON_NAME ("w.person_id") ", " SESSION_TITLE ", s.id"
  " FROM (SELECT session_id, max(enrolled_at) AS at, person_id"
  "       FROM (SELECT session_id, person_id, enrolled_at FROM enrollments"
  "             WHERE status != 'cancelled' AND enrolled_at <= ?3"
  "             ORDER BY enrolled_at DESC LIMIT ?1)"
  "       GROUP BY session_id ORDER BY at DESC LIMIT ?2) w"
  " JOIN sessions s ON s.id = w.session_id JOIN curricula c ON c.id = s.curriculum_id"
  /* Survey responses, end of session (2) and follow-up (3). */
  " UNION ALL"
  " SELECT CASE w.kind WHEN 'hot' THEN 2 ELSE 3 END, w.at,"
  "  (SELECT count(*) FROM satisfaction_responses x WHERE x.session_id = w.session_id"
  "   AND x.kind = w.kind),"
  "  " PERSON_NAME ("w.person_id") ", " SESSION_TITLE ", s.id"
  " FROM (SELECT session_id, kind, max(submitted_at) AS at, person_id"
  "       FROM (SELECT session_id, kind, person_id, submitted_at FROM satisfaction_responses"
  "             WHERE submitted_at <= ?3 ORDER BY submitted_at DESC LIMIT ?1)"
  "       GROUP BY session_id, kind ORDER BY at DESC LIMIT ?2) w"
  " JOIN sessions s ON s.id = w.session_id JOIN curricula c ON c.id = s.curriculum_id"
  /* Modules completed, with the session they were followed in. */
  " UNION ALL"
  " SELECT 4, w.at,"
  "  (SELECT count(*) FROM module_progress x WHERE x.module_id = w.module_id"
  "   AND x.completed_at IS NOT NULL),"
  "  " PERSON_NAME ("w.person_id") ", m.title, coalesce(w.session_id, 0)"
  " FROM (SELECT module_id, max(completed_at) AS at, person_id, session_id"
  "       FROM (SELECT module_id, person_id, session_id, completed_at FROM module_progress"
  "             WHERE completed_at IS NOT NULL AND completed_at <= ?3"
  "             ORDER BY completed_at DESC LIMIT ?1)"
  "       GROUP BY module_id ORDER BY at DESC LIMIT ?2) w"
  " JOIN modules m ON m.id = w.module_id"
  /* Rehearsals played: the trainees who played each. */
  " UNION ALL"
  " SELECT 5, w.at,"
  "  (SELECT count(DISTINCT x.person_id) FROM rehearsal_runs x"
  "   WHERE x.scenario_id = w.scenario_id),"
  "  " PERSON_NAME ("w.person_id") ", sc.title, 0"
  " FROM (SELECT scenario_id, max(started_at) AS at, person_id"
  "       FROM (SELECT scenario_id, person_id, started_at FROM rehearsal_runs"
  "             WHERE started_at <= ?3 ORDER BY started_at DESC LIMIT ?1)"
  "       GROUP BY scenario_id ORDER BY at DESC LIMIT ?2) w"
  " JOIN scenarios sc ON sc.id = w.scenario_id"
  /* People added, by the minute: an import is one event. The instants
   * of a minute sort between "…T10:42" and "…T10:42;". */
  " UNION ALL"
  " SELECT 6, w.at,"
  "  (SELECT count(*) FROM people x WHERE x.created_at >= w.minute"
  "   AND x.created_at < w.minute || ';'),"
  "  " PERSON_NAME ("w.id") ", NULL, 0"
  " FROM (SELECT substr(created_at, 1, 16) AS minute, max(created_at) AS at, id"
  "       FROM (SELECT id, created_at FROM people"
  "             WHERE created_at <= ?3 ORDER BY created_at DESC LIMIT ?1)"
  "       GROUP BY minute ORDER BY at DESC LIMIT ?2) w"
  ") ORDER BY at DESC, kind LIMIT ?2";

typedef struct
{
  GPtrArray *activities;
  GTimeZone *utc;
} ActivityData;

static void
append_activity (sqlite3_stmt *stmt,
                 gpointer      user_data)
{
  ActivityData *data = user_data;
  const char *at = (const char *) sqlite3_column_text (stmt, 1);
  const char *person = (const char *) sqlite3_column_text (stmt, 3);
  const char *subject = (const char *) sqlite3_column_text (stmt, 4);
  int kind = sqlite3_column_int (stmt, 0);
  g_autoptr(PsrActivity) activity = NULL;
  GDateTime *when;

  when = at != NULL ? g_date_time_new_from_iso8601 (at, data->utc) : NULL;
  if (when == NULL || kind < 0 || kind >= PSR_N_ACTIVITIES)
    {
      g_clear_pointer (&when, g_date_time_unref);
      return;
    }

  activity = g_new0 (PsrActivity, 1);
  activity->kind = kind;
  activity->when = when;
  activity->count = MAX (sqlite3_column_int (stmt, 2), 1);
  activity->person = activity->count == 1 ? g_strdup (person) : NULL;
  activity->subject = g_strdup (subject);
  activity->session_id = sqlite3_column_int64 (stmt, 5);
  g_ptr_array_add (data->activities, g_steal_pointer (&activity));
}

GPtrArray *
psr_activity_list_recent (PsrDatabase  *db,
                          GDateTime    *now,
                          guint         limit,
                          GError      **error)
{
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_activity_free);
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) utc_now = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *second = NULL;
  g_autofree char *until = NULL;
  ActivityData data = { activities, utc };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (limit == 0)
    return g_steal_pointer (&activities);

  clock = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  utc_now = g_date_time_to_utc (clock);
  second = g_date_time_format (utc_now, "%Y-%m-%dT%H:%M:%S");
  /* Whatever fraction of that second the rows were written with. */
  until = g_strconcat (second, ".999999Z", NULL);

  stmt = psr_database_prepare (db, activity_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, MAX (ACTIVITY_WINDOW, limit));
  sqlite3_bind_int (stmt, 2, MIN (limit, G_MAXINT));
  sqlite3_bind_text (stmt, 3, until, -1, SQLITE_TRANSIENT);
  if (!psr_store_foreach_row (db, stmt, append_activity, &data, error))
    return NULL;

  return g_steal_pointer (&activities);
}

PsrOverview *
psr_overview_load (PsrDatabase  *db,
                   const GDate  *today,
                   GError      **error)
{
  g_autoptr(PsrOverview) self = NULL;
  char day[16];

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (today),
              g_date_get_month (today), g_date_get_day (today));

  self = g_object_new (PSR_TYPE_OVERVIEW, NULL);
  if (!load_counts (self, db, day, error) || !load_upcoming (self, db, day, error))
    return NULL;

  self->activity = psr_activity_list_recent (db, NULL, PSR_OVERVIEW_ACTIVITY_MAX, error);
  if (self->activity == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

guint
psr_overview_get_n_trainees (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), 0);
  return self->n_trainees;
}

guint
psr_overview_get_n_trainers (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), 0);
  return self->n_trainers;
}

guint
psr_overview_get_n_curricula (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), 0);
  return self->n_curricula;
}

guint
psr_overview_get_n_scenarios (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), 0);
  return self->n_scenarios;
}

guint
psr_overview_get_n_sessions_ahead (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), 0);
  return self->n_sessions_ahead;
}

guint
psr_overview_get_n_unrecorded_slots (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), 0);
  return self->n_unrecorded_slots;
}

/* Sessions running or to come, soonest first. */
GListModel *
psr_overview_get_upcoming (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), NULL);
  return G_LIST_MODEL (self->upcoming);
}

/* What happened lately, newest first, as PsrActivity: see
 * psr_activity_list_recent(). */
GPtrArray *
psr_overview_get_activity (PsrOverview *self)
{
  g_return_val_if_fail (PSR_IS_OVERVIEW (self), NULL);
  return self->activity;
}
