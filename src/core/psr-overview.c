/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-database-private.h"
#include "psr-overview.h"
#include "psr-record-model.h"
#include "psr-session.h"

/* What the first page shows: the size of the training offer, the sessions
 * running or coming, and what is waiting for the trainer. */
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
};

G_DEFINE_FINAL_TYPE (PsrOverview, psr_overview, G_TYPE_OBJECT)

static void
psr_overview_finalize (GObject *object)
{
  PsrOverview *self = (PsrOverview *)object;

  g_clear_object (&self->upcoming);

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
