/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-person.h"
#include "psr-planning.h"
#include "psr-record-model.h"
#include "psr-session.h"
#include "psr-store-private.h"

/* ?1 today, ?2 a LIKE pattern of the words or NULL. The search runs over a
 * few thousand sessions at most: a scan of the range is instant. */
#define SESSIONS_FROM \
  "SELECT s.id FROM sessions s JOIN curricula c ON c.id = s.curriculum_id WHERE "
#define SESSIONS_SEARCH \
  " AND (?2 IS NULL OR (s.title || ' ' || c.title || ' ' || s.place || ' ' || s.room)" \
  " LIKE ?2 ESCAPE '\\')"

static const char * const sessions_sql[] = {
  [PSR_PLANNING_UPCOMING] =
    SESSIONS_FROM "(s.ends_on IS NULL OR s.ends_on >= ?1)" SESSIONS_SEARCH
    " ORDER BY s.starts_on IS NOT NULL, s.starts_on, s.id",
  [PSR_PLANNING_PAST] =
    SESSIONS_FROM "s.ends_on < ?1" SESSIONS_SEARCH
    " ORDER BY s.starts_on DESC, s.id DESC",
};

static const char * const people_sql[2][2] = {
  /* [trainers only][searched] */
  {
    "SELECT id FROM people ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id",
    "SELECT p.id FROM people_fts JOIN people p ON p.id = people_fts.rowid"
    " WHERE people_fts MATCH ?1"
    " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
  },
  {
    "SELECT id FROM people WHERE is_trainer = 1"
    " ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id",
    "SELECT p.id FROM people_fts JOIN people p ON p.id = people_fts.rowid"
    " WHERE people_fts MATCH ?1 AND p.is_trainer = 1"
    " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
  },
};

/* "salle  verte" → "%salle%verte%", with LIKE's own characters escaped:
 * every word, in this order. NULL when there is no word. */
static char *
like_pattern (const char *search)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) pattern = NULL;

  if (search == NULL)
    return NULL;

  words = g_strsplit_set (search, " \t\n", -1);
  pattern = g_string_new ("%");
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
    }

  if (pattern->len == 1)
    return NULL;

  return g_string_free (g_steal_pointer (&pattern), FALSE);
}

static GListModel *
model_from (PsrDatabase   *db,
            sqlite3_stmt  *stmt,
            GType          record_type,
            GError       **error)
{
  g_autoptr(PsrRecordModel) model = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!psr_store_foreach_row (db, stmt, psr_store_append_id, ids, error))
    return NULL;

  model = psr_record_model_new (db, record_type);
  psr_record_model_set_ids (model, (const gint64 *) ids->data, ids->len);
  return G_LIST_MODEL (g_steal_pointer (&model));
}

GListModel *
psr_planning_list_sessions (PsrDatabase       *db,
                            PsrPlanningRange   range,
                            const GDate       *today,
                            const char        *search,
                            GError           **error)
{
  g_autofree char *pattern = NULL;
  char day[16];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (range <= PSR_PLANNING_PAST, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = psr_database_prepare (db, sessions_sql[range], error);
  if (stmt == NULL)
    return NULL;

  g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (today),
              g_date_get_month (today), g_date_get_day (today));
  pattern = like_pattern (search);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  if (pattern != NULL)
    sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);

  return model_from (db, stmt, PSR_TYPE_SESSION, error);
}

GListModel *
psr_planning_search_people (PsrDatabase  *db,
                            const char   *search,
                            gboolean      trainers_only,
                            GError      **error)
{
  g_autofree char *match = psr_store_fts_match (search);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = psr_database_prepare (db, people_sql[trainers_only != FALSE][match != NULL], error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);

  return model_from (db, stmt, PSR_TYPE_PERSON, error);
}
