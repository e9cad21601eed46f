/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-record.h"
#include "psr-rehearsals.h"
#include "psr-store-private.h"

/* What a change applies to: the row leads to its scenario. */
typedef struct
{
  const char *sql;      /* ?1 the row → its scenario's id */
  const char *missing;  /* translatable: the row does not exist */
} Target;

static const Target scenario_target = {
  "SELECT id FROM scenarios WHERE id = ?1",
  N_("This scenario no longer exists. Choose another one in the list of scenarios."),
};

static const Target node_target = {
  "SELECT scenario_id FROM rehearsal_nodes WHERE id = ?1",
  N_("This situation no longer exists. Open the rehearsal again to see its situations."),
};

static const Target choice_target = {
  "SELECT n.scenario_id FROM rehearsal_choices c JOIN rehearsal_nodes n ON n.id = c.node_id"
  " WHERE c.id = ?1",
  N_("This choice no longer exists. Open the rehearsal again to see its choices."),
};

static const PsrTextField node_name = {
  NULL,
  N_("A situation needs a name. Type one, then try again."),
};

static const PsrTextField choice_text = {
  NULL,
  N_("A choice needs a text: what the trainee does or says. Type one, then try again."),
};

/* The nodes of a scenario (?1) back to the positions 0 … n-1, in order. */
static const char renumber_nodes_sql[] =
  "UPDATE rehearsal_nodes SET position = r.rank"
  " FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank"
  "       FROM rehearsal_nodes WHERE scenario_id = ?1) AS r"
  " WHERE rehearsal_nodes.id = r.id AND rehearsal_nodes.position != r.rank";

/* The choices of a node (?1) back to the positions 0 … n-1, in order. */
static const char renumber_choices_sql[] =
  "UPDATE rehearsal_choices SET position = r.rank"
  " FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank"
  "       FROM rehearsal_choices WHERE node_id = ?1) AS r"
  " WHERE rehearsal_choices.id = r.id AND rehearsal_choices.position != r.rank";

/* Boxed types -------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (PsrRehearsalNode, psr_rehearsal_node,
                     psr_rehearsal_node_copy, psr_rehearsal_node_free)
G_DEFINE_BOXED_TYPE (PsrRehearsalChoice, psr_rehearsal_choice,
                     psr_rehearsal_choice_copy, psr_rehearsal_choice_free)
G_DEFINE_BOXED_TYPE (PsrRehearsalPath, psr_rehearsal_path,
                     psr_rehearsal_path_copy, psr_rehearsal_path_free)

PsrRehearsalNode *
psr_rehearsal_node_copy (const PsrRehearsalNode *node)
{
  PsrRehearsalNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  copy = g_memdup2 (node, sizeof *node);
  copy->uuid = g_strdup (node->uuid);
  copy->name = g_strdup (node->name);
  copy->text = g_strdup (node->text);
  copy->debrief = g_strdup (node->debrief);
  return copy;
}

void
psr_rehearsal_node_free (PsrRehearsalNode *node)
{
  if (node == NULL)
    return;

  g_free (node->uuid);
  g_free (node->name);
  g_free (node->text);
  g_free (node->debrief);
  g_free (node);
}

PsrRehearsalChoice *
psr_rehearsal_choice_copy (const PsrRehearsalChoice *choice)
{
  PsrRehearsalChoice *copy;

  g_return_val_if_fail (choice != NULL, NULL);

  copy = g_memdup2 (choice, sizeof *choice);
  copy->uuid = g_strdup (choice->uuid);
  copy->text = g_strdup (choice->text);
  copy->feedback = g_strdup (choice->feedback);
  return copy;
}

void
psr_rehearsal_choice_free (PsrRehearsalChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->uuid);
  g_free (choice->text);
  g_free (choice->feedback);
  g_free (choice);
}

/* Changes ------------------------------------------------------------------ */

/* Opens the transaction of a change to a row of @target, once it is known
 * to exist. */
static gboolean
begin_change (PsrDatabase   *db,
              const Target  *target,
              gint64         id,
              gint64        *scenario_id,
              GError       **error)
{
  sqlite3_stmt *stmt;

  if (!psr_database_begin (db, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db, target->sql, id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(target->missing), error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  *scenario_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Closes what begin_change() opened: commits when @done, with the scenario
 * marked as changed, or rolls back (the error is already set). */
static gboolean
end_change (PsrDatabase  *db,
            gint64        scenario_id,
            gboolean      done,
            GError      **error)
{
  if (!done
      || !psr_store_run_with_id (db,
                                 "UPDATE scenarios SET updated_at = " PSR_STORE_NOW
                                 " WHERE id = ?1",
                                 scenario_id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/* The one integer of the one row of @sql for the row @id. */
static gboolean
query_int (PsrDatabase  *db,
           const char   *sql,
           gint64        id,
           gint64       *value,
           GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, NULL, error))
    return FALSE;

  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* A copy of @name fit for a node of @scenario_id other than @node_id (0
 * for a new one); NULL when it is blank, taken or cannot be linked to. */
static char *
name_for_node (PsrDatabase  *db,
               gint64        scenario_id,
               gint64        node_id,
               const char   *name,
               GError      **error)
{
  g_autofree char *text = psr_store_text_for_field (&node_name, name, error);
  sqlite3_stmt *stmt;
  int rc;

  if (text == NULL)
    return NULL;

  if (strpbrk (text, "[]|") != NULL || strstr (text, "->") != NULL || strstr (text, "<-") != NULL)
    {
      psr_store_invalid (error, _("A name may not hold [ ] | -> or <-: Twine could not lead a "
                                  "choice to it. Rename the situation."));
      return NULL;
    }

  stmt = psr_store_prepare_with_id (db,
    "SELECT 1 FROM rehearsal_nodes WHERE scenario_id = ?1 AND name = ?2 AND id != ?3",
    scenario_id, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, node_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Another situation or ending of this rehearsal is called “%s”. Choose "
                     "another name."),
                   text);
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* A choice of a node of @scenario_id leads to @target_id: 0, or a node of
 * the same scenario. */
static gboolean
check_target (PsrDatabase  *db,
              gint64        scenario_id,
              gint64        target_id,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (target_id == 0)
    return TRUE;

  stmt = psr_store_prepare_with_id (db,
    "SELECT 1 FROM rehearsal_nodes WHERE id = ?1 AND scenario_id = ?2", target_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, scenario_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return psr_store_invalid (error, _("A choice leads to a situation or an ending of the same "
                                     "rehearsal. Choose one in the list."));
}

static void
bind_target (sqlite3_stmt *stmt,
             int           column,
             gint64        target_id)
{
  if (target_id != 0)
    sqlite3_bind_int64 (stmt, column, target_id);
  else
    sqlite3_bind_null (stmt, column);
}

/* Shifts the rows of @table whose @owner column is @owner_id between the
 * old and the new position of @row_id by one, once the positions are known
 * to be 0 … n-1. */
static gboolean
shift_row (PsrDatabase  *db,
           const char   *count_sql,
           const char   *shift_sql,
           gint64        owner_id,
           gint64        row_id,
           guint         new_position,
           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 from;
  gint64 count;
  gint64 to;

  stmt = psr_store_prepare_with_id (db, count_sql, row_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, NULL, error))
    return FALSE;
  from = sqlite3_column_int64 (stmt, 0);
  count = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  to = MIN ((gint64) new_position, count - 1);
  if (from == to)
    return TRUE;

  stmt = psr_store_prepare_with_id (db, shift_sql, owner_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, row_id);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  return psr_database_step_done (db, stmt, error);
}

/* Nodes -------------------------------------------------------------------- */

#define NODE_COLUMNS "id, uuid, name, kind = 'ending', is_start, text, debrief, position"

static PsrRehearsalNode *
read_node (sqlite3_stmt *stmt)
{
  PsrRehearsalNode *node = g_new0 (PsrRehearsalNode, 1);

  node->id = sqlite3_column_int64 (stmt, 0);
  node->uuid = psr_record_column_text (stmt, 1);
  node->name = psr_record_column_text (stmt, 2);
  node->kind = sqlite3_column_int (stmt, 3) ? PSR_REHEARSAL_ENDING : PSR_REHEARSAL_SITUATION;
  node->is_start = sqlite3_column_int (stmt, 4) != 0;
  node->text = psr_record_column_text (stmt, 5);
  node->debrief = psr_record_column_text (stmt, 6);
  node->position = sqlite3_column_int (stmt, 7);
  return node;
}

static void
append_node (sqlite3_stmt *stmt,
             gpointer      data)
{
  g_ptr_array_add (data, read_node (stmt));
}

GPtrArray *
psr_rehearsal_list_nodes (PsrDatabase  *db,
                          gint64        scenario_id,
                          GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT " NODE_COLUMNS " FROM rehearsal_nodes WHERE scenario_id = ?1 ORDER BY position, id",
    scenario_id, error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_rehearsal_node_free);
  if (!psr_store_foreach_row (db, stmt, append_node, list, error))
    return NULL;

  return g_steal_pointer (&list);
}

static PsrRehearsalNode *
get_one_node (PsrDatabase  *db,
              const char   *sql,
              gint64        id,
              const char   *missing,
              GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);
  PsrRehearsalNode *node;

  if (stmt == NULL || !psr_store_step_row (db, stmt, missing, error))
    return NULL;

  node = read_node (stmt);
  sqlite3_reset (stmt);
  return node;
}

PsrRehearsalNode *
psr_rehearsal_get_node (PsrDatabase  *db,
                        gint64        node_id,
                        GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  return get_one_node (db, "SELECT " NODE_COLUMNS " FROM rehearsal_nodes WHERE id = ?1",
                       node_id, _(node_target.missing), error);
}

PsrRehearsalNode *
psr_rehearsal_get_start (PsrDatabase  *db,
                         gint64        scenario_id,
                         GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  return get_one_node (db,
                       "SELECT " NODE_COLUMNS " FROM rehearsal_nodes"
                       " WHERE scenario_id = ?1 AND is_start = 1",
                       scenario_id,
                       _("This rehearsal has no start. Choose the situation it starts with in "
                         "the rehearsal editor."),
                       error);
}

gint64
psr_rehearsal_node_add (PsrDatabase       *db,
                        gint64             scenario_id,
                        PsrRehearsalKind   kind,
                        const char        *name,
                        GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 owner;
  gint64 id = 0;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (kind == PSR_REHEARSAL_SITUATION || kind == PSR_REHEARSAL_ENDING, 0);

  if (!begin_change (db, &scenario_target, scenario_id, &owner, error))
    return 0;

  text = name_for_node (db, owner, 0, name, error);
  /* Renumbered first, so that the new node lands right after the last. */
  done = text != NULL && psr_store_run_with_id (db, renumber_nodes_sql, owner, error);
  stmt = done ? psr_database_prepare (db,
    "INSERT INTO rehearsal_nodes (uuid, scenario_id, position, name, kind, is_start)"
    " VALUES (?1, ?2, (SELECT count(*) FROM rehearsal_nodes WHERE scenario_id = ?2), ?3, ?4,"
    "         ?4 = 'situation'"
    "         AND NOT EXISTS (SELECT 1 FROM rehearsal_nodes WHERE scenario_id = ?2 AND is_start))",
    error) : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, owner);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, kind == PSR_REHEARSAL_ENDING ? "ending" : "situation", -1,
                         SQLITE_STATIC);
    }
  done = stmt != NULL && psr_database_step_done (db, stmt, error);
  if (done)
    id = psr_database_last_id (db);

  return end_change (db, owner, done, error) ? id : 0;
}

gboolean
psr_rehearsal_node_set (PsrDatabase  *db,
                        gint64        node_id,
                        const char   *name,
                        const char   *text,
                        const char   *debrief,
                        GError      **error)
{
  g_autofree char *checked = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 scenario_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_store_check_text (text, error) || !psr_store_check_text (debrief, error)
      || !begin_change (db, &node_target, node_id, &scenario_id, error))
    return FALSE;

  checked = name_for_node (db, scenario_id, node_id, name, error);
  if (checked != NULL)
    stmt = psr_store_prepare_with_id (db,
      "UPDATE rehearsal_nodes SET name = ?2, text = ?3, debrief = ?4,"
      " updated_at = " PSR_STORE_NOW " WHERE id = ?1",
      node_id, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 2, checked, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, debrief != NULL ? debrief : "", -1, SQLITE_TRANSIENT);
    }

  return end_change (db, scenario_id, stmt != NULL && psr_database_step_done (db, stmt, error),
                     error);
}

gboolean
psr_rehearsal_node_set_kind (PsrDatabase       *db,
                             gint64             node_id,
                             PsrRehearsalKind   kind,
                             GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 scenario_id;
  gint64 is_start;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind == PSR_REHEARSAL_SITUATION || kind == PSR_REHEARSAL_ENDING, FALSE);

  if (!begin_change (db, &node_target, node_id, &scenario_id, error))
    return FALSE;

  done = query_int (db, "SELECT is_start FROM rehearsal_nodes WHERE id = ?1", node_id, &is_start,
                    error);
  if (done && is_start && kind == PSR_REHEARSAL_ENDING)
    done = psr_store_invalid (error, _("The rehearsal starts with this situation: it cannot be "
                                       "an ending. Choose another start first."));
  if (done)
    stmt = psr_store_prepare_with_id (db,
      "UPDATE rehearsal_nodes SET kind = ?2, updated_at = " PSR_STORE_NOW
      " WHERE id = ?1 AND kind != ?2", node_id, error);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 2, kind == PSR_REHEARSAL_ENDING ? "ending" : "situation", -1,
                       SQLITE_STATIC);

  return end_change (db, scenario_id, stmt != NULL && psr_database_step_done (db, stmt, error),
                     error);
}

gboolean
psr_rehearsal_node_set_start (PsrDatabase  *db,
                              gint64        node_id,
                              GError      **error)
{
  gint64 scenario_id;
  gint64 ending;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &node_target, node_id, &scenario_id, error))
    return FALSE;

  done = query_int (db, "SELECT kind = 'ending' FROM rehearsal_nodes WHERE id = ?1", node_id,
                    &ending, error);
  if (done && ending)
    done = psr_store_invalid (error, _("A rehearsal cannot start with an ending. Choose a "
                                       "situation as the start."));

  /* The index allows one start per scenario: the old one goes first. */
  done = done
         && psr_store_run_with_id (db,
                                   "UPDATE rehearsal_nodes SET is_start = 0,"
                                   " updated_at = " PSR_STORE_NOW
                                   " WHERE scenario_id = ?1 AND is_start = 1",
                                   scenario_id, error)
         && psr_store_run_with_id (db,
                                   "UPDATE rehearsal_nodes SET is_start = 1,"
                                   " updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                                   node_id, error);
  return end_change (db, scenario_id, done, error);
}

gboolean
psr_rehearsal_node_remove (PsrDatabase  *db,
                           gint64        node_id,
                           GError      **error)
{
  gint64 scenario_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &node_target, node_id, &scenario_id, error))
    return FALSE;

  /* Its choices go with it; the schema sets the choices leading to it to
   * lead nowhere. */
  done = psr_store_run_with_id (db, "DELETE FROM rehearsal_nodes WHERE id = ?1", node_id, error)
         && psr_store_run_with_id (db, renumber_nodes_sql, scenario_id, error);
  return end_change (db, scenario_id, done, error);
}

gboolean
psr_rehearsal_node_move (PsrDatabase  *db,
                         gint64        node_id,
                         guint         new_position,
                         GError      **error)
{
  gint64 scenario_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &node_target, node_id, &scenario_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, renumber_nodes_sql, scenario_id, error)
         && shift_row (db,
                       "SELECT position, (SELECT count(*) FROM rehearsal_nodes s"
                       "                  WHERE s.scenario_id = n.scenario_id)"
                       " FROM rehearsal_nodes n WHERE id = ?1",
                       "UPDATE rehearsal_nodes SET position = CASE WHEN id = ?2 THEN ?4"
                       "                                      WHEN ?4 > ?3 THEN position - 1"
                       "                                      ELSE position + 1 END"
                       " WHERE scenario_id = ?1 AND position BETWEEN min(?3, ?4) AND max(?3, ?4)",
                       scenario_id, node_id, new_position, error);
  return end_change (db, scenario_id, done, error);
}

/* Choices ------------------------------------------------------------------ */

static void
append_choice (sqlite3_stmt *stmt,
               gpointer      data)
{
  PsrRehearsalChoice *choice = g_new0 (PsrRehearsalChoice, 1);

  choice->id = sqlite3_column_int64 (stmt, 0);
  choice->uuid = psr_record_column_text (stmt, 1);
  choice->position = sqlite3_column_int (stmt, 2);
  choice->text = psr_record_column_text (stmt, 3);
  choice->feedback = psr_record_column_text (stmt, 4);
  choice->target_id = sqlite3_column_int64 (stmt, 5);
  g_ptr_array_add (data, choice);
}

GPtrArray *
psr_rehearsal_list_choices (PsrDatabase  *db,
                            gint64        node_id,
                            GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT id, uuid, position, text, feedback, coalesce(target_node_id, 0)"
    " FROM rehearsal_choices WHERE node_id = ?1 ORDER BY position, id",
    node_id, error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_rehearsal_choice_free);
  if (!psr_store_foreach_row (db, stmt, append_choice, list, error))
    return NULL;

  return g_steal_pointer (&list);
}

gint64
psr_rehearsal_choice_add (PsrDatabase  *db,
                          gint64        node_id,
                          const char   *text,
                          gint64        target_id,
                          GError      **error)
{
  g_autofree char *checked = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 scenario_id;
  gint64 id = 0;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  checked = psr_store_text_for_field (&choice_text, text, error);
  if (checked == NULL || !begin_change (db, &node_target, node_id, &scenario_id, error))
    return 0;

  done = check_target (db, scenario_id, target_id, error)
         && psr_store_run_with_id (db, renumber_choices_sql, node_id, error);
  stmt = done ? psr_database_prepare (db,
    "INSERT INTO rehearsal_choices (uuid, node_id, position, text, target_node_id)"
    " VALUES (?1, ?2, (SELECT count(*) FROM rehearsal_choices WHERE node_id = ?2), ?3, ?4)",
    error) : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, node_id);
      sqlite3_bind_text (stmt, 3, checked, -1, SQLITE_TRANSIENT);
      bind_target (stmt, 4, target_id);
    }
  done = stmt != NULL && psr_database_step_done (db, stmt, error);
  if (done)
    id = psr_database_last_id (db);

  return end_change (db, scenario_id, done, error) ? id : 0;
}

gboolean
psr_rehearsal_choice_set (PsrDatabase  *db,
                          gint64        choice_id,
                          const char   *text,
                          const char   *feedback,
                          gint64        target_id,
                          GError      **error)
{
  g_autofree char *checked = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 scenario_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  checked = psr_store_text_for_field (&choice_text, text, error);
  if (checked == NULL || !psr_store_check_text (feedback, error)
      || !begin_change (db, &choice_target, choice_id, &scenario_id, error))
    return FALSE;

  if (check_target (db, scenario_id, target_id, error))
    stmt = psr_store_prepare_with_id (db,
      "UPDATE rehearsal_choices SET text = ?2, feedback = ?3, target_node_id = ?4,"
      " updated_at = " PSR_STORE_NOW " WHERE id = ?1",
      choice_id, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 2, checked, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, feedback != NULL ? feedback : "", -1, SQLITE_TRANSIENT);
      bind_target (stmt, 4, target_id);
    }

  return end_change (db, scenario_id, stmt != NULL && psr_database_step_done (db, stmt, error),
                     error);
}

gboolean
psr_rehearsal_choice_remove (PsrDatabase  *db,
                             gint64        choice_id,
                             GError      **error)
{
  gint64 scenario_id;
  gint64 node_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &choice_target, choice_id, &scenario_id, error))
    return FALSE;

  done = query_int (db, "SELECT node_id FROM rehearsal_choices WHERE id = ?1", choice_id,
                    &node_id, error)
         && psr_store_run_with_id (db, "DELETE FROM rehearsal_choices WHERE id = ?1", choice_id,
                                   error)
         && psr_store_run_with_id (db, renumber_choices_sql, node_id, error);
  return end_change (db, scenario_id, done, error);
}

gboolean
psr_rehearsal_choice_move (PsrDatabase  *db,
                           gint64        choice_id,
                           guint         new_position,
                           GError      **error)
{
  gint64 scenario_id;
  gint64 node_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &choice_target, choice_id, &scenario_id, error))
    return FALSE;

  done = query_int (db, "SELECT node_id FROM rehearsal_choices WHERE id = ?1", choice_id,
                    &node_id, error)
         && psr_store_run_with_id (db, renumber_choices_sql, node_id, error)
         && shift_row (db,
                       "SELECT position, (SELECT count(*) FROM rehearsal_choices s"
                       "                  WHERE s.node_id = c.node_id)"
                       " FROM rehearsal_choices c WHERE id = ?1",
                       "UPDATE rehearsal_choices SET position = CASE WHEN id = ?2 THEN ?4"
                       "                                        WHEN ?4 > ?3 THEN position - 1"
                       "                                        ELSE position + 1 END"
                       " WHERE node_id = ?1 AND position BETWEEN min(?3, ?4) AND max(?3, ?4)",
                       node_id, choice_id, new_position, error);
  return end_change (db, scenario_id, done, error);
}

/* Checks ------------------------------------------------------------------- */

/* A choice of the whole rehearsal, with the node it belongs to. */
typedef struct
{
  gint64  node_id;
  gint64  target_id;
  char   *text;
} Link;

static void
link_free (Link *link)
{
  g_free (link->text);
  g_free (link);
}

static void
append_link (sqlite3_stmt *stmt,
             gpointer      data)
{
  Link *link = g_new0 (Link, 1);

  link->node_id = sqlite3_column_int64 (stmt, 0);
  link->target_id = sqlite3_column_int64 (stmt, 1);
  link->text = psr_record_column_text (stmt, 2);
  g_ptr_array_add (data, link);
}

/* Long texts are cut in a check, after a word: it names a choice, it does
 * not show it. */
static char *
shorten (const char *text)
{
  const char *end;
  const char *space;

  if (g_utf8_strlen (text, -1) <= 40)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, 40);
  space = g_strrstr_len (text, end - text, " ");
  if (space != NULL && space > text)
    end = space;

  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* The nodes the start leads to, through any number of choices. */
static GHashTable *
find_reachable (GPtrArray *nodes,
                GPtrArray *links)
{
  GHashTable *reached = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GQueue) queue = g_queue_new ();

  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);

      if (node->is_start)
        {
          g_hash_table_add (reached, &node->id);
          g_queue_push_tail (queue, &node->id);
        }
    }

  while (!g_queue_is_empty (queue))
    {
      gint64 *from = g_queue_pop_head (queue);

      for (guint i = 0; i < links->len; i++)
        {
          Link *link = g_ptr_array_index (links, i);

          if (link->node_id != *from || link->target_id == 0
              || g_hash_table_contains (reached, &link->target_id))
            continue;
          g_hash_table_add (reached, &link->target_id);
          g_queue_push_tail (queue, &link->target_id);
        }
    }

  return reached;
}

GPtrArray *
psr_rehearsal_check (PsrDatabase  *db,
                     gint64        scenario_id,
                     GError      **error)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GHashTable) reached = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean has_start = FALSE;
  sqlite3_stmt *stmt;
  gint64 exists;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!query_int (db, "SELECT count(*) FROM scenarios WHERE id = ?1", scenario_id, &exists, error))
    return NULL;
  if (!exists)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _(scenario_target.missing));
      return NULL;
    }

  nodes = psr_rehearsal_list_nodes (db, scenario_id, error);
  stmt = nodes != NULL ? psr_store_prepare_with_id (db,
    "SELECT c.node_id, coalesce(c.target_node_id, 0), c.text FROM rehearsal_choices c"
    " JOIN rehearsal_nodes n ON n.id = c.node_id"
    " WHERE n.scenario_id = ?1 ORDER BY n.position, n.id, c.position, c.id",
    scenario_id, error) : NULL;
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_link, links, error))
    return NULL;

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_check_free);
  if (nodes->len == 0)
    return g_steal_pointer (&checks);

  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);

      has_start |= node->is_start;
      g_hash_table_insert (names, &node->id, node->name);
    }

  if (!has_start)
    g_ptr_array_add (checks, psr_check_new (PSR_CHECK_WARNING,
      g_strdup (_("The rehearsal has no start: choose the situation it starts with"))));

  /* Without a start, everything would be unreachable: that says nothing more. */
  reached = find_reachable (nodes, links);
  for (guint i = 0; has_start && i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);

      if (!g_hash_table_contains (reached, &node->id))
        g_ptr_array_add (checks, psr_check_new (PSR_CHECK_WARNING,
          node->kind == PSR_REHEARSAL_ENDING
            ? g_strdup_printf (_("No choice leads from the start to the ending “%s”"),
                               node->name)
            : g_strdup_printf (_("No choice leads from the start to the situation “%s”"),
                               node->name)));
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);
      gboolean has_choice = FALSE;

      for (guint j = 0; !has_choice && j < links->len; j++)
        has_choice = ((Link *) g_ptr_array_index (links, j))->node_id == node->id;

      if (node->kind == PSR_REHEARSAL_SITUATION && !has_choice)
        g_ptr_array_add (checks, psr_check_new (PSR_CHECK_WARNING,
          g_strdup_printf (_("The situation “%s” has no choice: add one, or make it an ending"),
                           node->name)));
    }

  for (guint i = 0; i < links->len; i++)
    {
      Link *link = g_ptr_array_index (links, i);
      g_autofree char *shown = NULL;

      if (link->target_id != 0)
        continue;

      shown = shorten (link->text);
      g_ptr_array_add (checks, psr_check_new (PSR_CHECK_WARNING,
        /* Translators: a choice's text, then the situation it belongs to. */
        g_strdup_printf (_("The choice “%s” of “%s” leads nowhere: choose where it leads"),
                         shown, (const char *) g_hash_table_lookup (names, &link->node_id))));
    }

  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);

      if (node->kind == PSR_REHEARSAL_ENDING && psr_store_is_blank (node->debrief))
        g_ptr_array_add (checks, psr_check_new (PSR_CHECK_INFO,
          g_strdup_printf (_("The ending “%s” has no debrief: say what to remember"),
                           node->name)));
    }

  return g_steal_pointer (&checks);
}

/* Paths -------------------------------------------------------------------- */

struct _PsrRehearsalPath
{
  GPtrArray *nodes;    /* UUIDs */
  GPtrArray *choices;  /* UUIDs, NULL for an ending */
};

PsrRehearsalPath *
psr_rehearsal_path_new (void)
{
  PsrRehearsalPath *path = g_new0 (PsrRehearsalPath, 1);

  path->nodes = g_ptr_array_new_with_free_func (g_free);
  path->choices = g_ptr_array_new_with_free_func (g_free);
  return path;
}

PsrRehearsalPath *
psr_rehearsal_path_copy (const PsrRehearsalPath *path)
{
  PsrRehearsalPath *copy;

  g_return_val_if_fail (path != NULL, NULL);

  copy = psr_rehearsal_path_new ();
  for (guint i = 0; i < path->nodes->len; i++)
    psr_rehearsal_path_add (copy, g_ptr_array_index (path->nodes, i),
                            g_ptr_array_index (path->choices, i));
  return copy;
}

void
psr_rehearsal_path_free (PsrRehearsalPath *path)
{
  if (path == NULL)
    return;

  g_ptr_array_unref (path->nodes);
  g_ptr_array_unref (path->choices);
  g_free (path);
}

void
psr_rehearsal_path_add (PsrRehearsalPath *path,
                        const char       *node_uuid,
                        const char       *choice_uuid)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (node_uuid != NULL);

  g_ptr_array_add (path->nodes, g_strdup (node_uuid));
  g_ptr_array_add (path->choices, g_strdup (choice_uuid));
}

guint
psr_rehearsal_path_get_length (const PsrRehearsalPath *path)
{
  g_return_val_if_fail (path != NULL, 0);

  return path->nodes->len;
}

void
psr_rehearsal_path_clear (PsrRehearsalPath *path)
{
  g_return_if_fail (path != NULL);

  g_ptr_array_set_size (path->nodes, 0);
  g_ptr_array_set_size (path->choices, 0);
}

char *
psr_rehearsal_path_to_json (const PsrRehearsalPath *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < path->nodes->len; i++)
    {
      const char *choice = g_ptr_array_index (path->choices, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "node");
      json_builder_add_string_value (builder, g_ptr_array_index (path->nodes, i));
      json_builder_set_member_name (builder, "choice");
      if (choice != NULL)
        json_builder_add_string_value (builder, choice);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
