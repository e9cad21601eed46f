/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-database-private.h"
#include "psr-record-model.h"
#include "psr-scenario-search.h"
#include "psr-store-private.h"
#include "psr-scenario.h"

/* Every filter is optional: a NULL parameter lets every row through, so one
 * literal statement per order serves every combination of filters and no SQL
 * is ever assembled at run time. ?1 is the full-text query, when there is one. */
#define FILTERS                                                                    \
  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM scenario_audiences a"                \
  "                            WHERE a.scenario_id = s.id AND a.audience = ?2))"   \
  " AND (?3 IS NULL OR s.format = ?3)"                                             \
  " AND (?4 IS NULL OR s.venue = ?4)"                                              \
  " AND (?5 IS NULL OR s.duration_minutes >= ?5)"                                  \
  " AND (?6 IS NULL OR s.duration_minutes <= ?6)"                                  \
  " AND (?7 IS NULL OR EXISTS (SELECT 1 FROM scenario_competencies c"             \
  "                            WHERE c.scenario_id = s.id AND c.competency_id = ?7))" \
  " AND (?8 IS NULL OR s.language = ?8)"

#define FROM_ALL  "SELECT s.id FROM scenarios s WHERE 1" FILTERS
#define FROM_TEXT "SELECT s.id FROM scenarios_fts JOIN scenarios s ON s.id = scenarios_fts.rowid" \
                  " WHERE scenarios_fts MATCH ?1" FILTERS

/* A word in the title weighs more than the same word in the theme, which
 * weighs more than one in the objectives or anywhere else. The weights
 * follow the columns of scenarios_fts, in order. */
#define BM25 "bm25(scenarios_fts, 10.0, 4.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)"

#define BY_TITLE    " ORDER BY s.title COLLATE NOCASE, s.id"
#define BY_DURATION " ORDER BY s.duration_minutes, s.title COLLATE NOCASE, s.id"
#define BY_UPDATED  " ORDER BY s.updated_at DESC, s.title COLLATE NOCASE, s.id"

/* [sort][with text]: without words to rank by, relevance falls back to the title. */
static const char * const search_sql[][2] = {
  [PSR_SCENARIO_SORT_RELEVANCE] = { FROM_ALL BY_TITLE,
                                    FROM_TEXT " ORDER BY " BM25 ", s.title COLLATE NOCASE, s.id" },
  [PSR_SCENARIO_SORT_TITLE] = { FROM_ALL BY_TITLE, FROM_TEXT BY_TITLE },
  [PSR_SCENARIO_SORT_DURATION] = { FROM_ALL BY_DURATION, FROM_TEXT BY_DURATION },
  [PSR_SCENARIO_SORT_UPDATED] = { FROM_ALL BY_UPDATED, FROM_TEXT BY_UPDATED },
};

/* The same characters as the unicode61 tokenizer keeps in a word (letters,
 * numbers, private use), plus combining marks so that a decomposed accent
 * stays with its letter. */
static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *value)
{
  if (value != NULL && *value != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, index, value);
}

GListModel *
psr_scenario_search (PsrDatabase             *db,
                     const PsrScenarioQuery  *query,
                     GError                 **error)
{
  g_autoptr(PsrRecordModel) model = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort <= PSR_SCENARIO_SORT_UPDATED, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  match = psr_store_fts_match (query->text);
  stmt = psr_database_prepare (db, search_sql[query->sort][match != NULL], error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_optional_text (stmt, 2, query->audience);
  bind_optional_text (stmt, 3, query->format);
  bind_optional_text (stmt, 4, query->venue);
  bind_optional_int (stmt, 5, query->min_minutes);
  bind_optional_int (stmt, 6, query->max_minutes);
  bind_optional_int (stmt, 7, query->competency_id);
  bind_optional_text (stmt, 8, query->language);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      return NULL;
    }

  model = psr_record_model_new (db, PSR_TYPE_SCENARIO);
  psr_record_model_set_ids (model, (const gint64 *) ids->data, ids->len);
  return G_LIST_MODEL (g_steal_pointer (&model));
}
