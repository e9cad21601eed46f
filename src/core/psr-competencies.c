/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psr-competencies.h"
#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-framework.h"
#include "psr-record-model.h"
#include "psr-store-private.h"

/* The subtree of ?1, the node included. */
#define SUBTREE_CTE \
  "WITH RECURSIVE subtree (id) AS (SELECT ?1" \
  " UNION ALL SELECT c.id FROM competencies c JOIN subtree ON c.parent_id = subtree.id) "

typedef struct
{
  gint64            framework_id;
  gint64            parent_id;
  PsrCompetencyKind kind;
  char             *title;
} Node;

static void
node_clear (Node *node)
{
  g_clear_pointer (&node->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Node, node_clear)

static gboolean
sqlite_failed (PsrDatabase   *db,
               sqlite3_stmt  *stmt,
               int            rc,
               GError       **error)
{
  psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return FALSE;
}

static gboolean
load_node (PsrDatabase  *db,
           gint64        id,
           Node         *node,
           GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT framework_id, coalesce(parent_id, 0), kind, title FROM competencies WHERE id = ?1",
    error);
  const char *kind;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
                   _("This competency no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return sqlite_failed (db, stmt, rc, error);

  node->framework_id = sqlite3_column_int64 (stmt, 0);
  node->parent_id = sqlite3_column_int64 (stmt, 1);
  kind = (const char *) sqlite3_column_text (stmt, 2);
  node->kind = g_str_equal (kind, "field") ? PSR_COMPETENCY_FIELD
               : g_str_equal (kind, "competency") ? PSR_COMPETENCY_COMPETENCY
                                                  : PSR_COMPETENCY_INDICATOR;
  node->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_parent (sqlite3_stmt *stmt,
             int           column,
             gint64        parent_id)
{
  if (parent_id == 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, parent_id);
}

/* Ids of the children of @parent_id (0: the fields), in order. */
static GArray *
query_children (PsrDatabase  *db,
                gint64        framework_id,
                gint64        parent_id,
                GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT id FROM competencies WHERE framework_id = ?1 AND parent_id IS ?2"
    " ORDER BY position, id",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, framework_id);
  bind_parent (stmt, 2, parent_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

static GListModel *
model_for_ids (PsrDatabase *db,
               GType        type,
               GArray      *ids)
{
  PsrRecordModel *model = psr_record_model_new (db, type);

  psr_record_model_set_ids (model, (const gint64 *) ids->data, ids->len);
  return G_LIST_MODEL (model);
}

GListModel *
psr_competency_list_children (PsrDatabase  *db,
                              gint64        framework_id,
                              gint64        parent_id,
                              GError      **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  ids = query_children (db, framework_id, parent_id, error);
  if (ids == NULL)
    return NULL;

  return model_for_ids (db, PSR_TYPE_COMPETENCY, ids);
}

GListModel *
psr_framework_list (PsrDatabase  *db,
                    GError      **error)
{
  g_autoptr(PsrRecordModel) model = psr_record_model_new (db, PSR_TYPE_FRAMEWORK);

  if (!psr_record_model_reload (model, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&model));
}

/* Frameworks hold a few hundred nodes: matching in C lets the search ignore
 * case and accents in every language, which SQLite's LIKE does not. */
GListModel *
psr_competency_search (PsrDatabase  *db,
                       gint64        framework_id,
                       const char   *text,
                       GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  stmt = psr_database_prepare (db,
    "WITH RECURSIVE tree (id, path) AS ("
    "  SELECT id, printf ('%06d', position) FROM competencies"
    "  WHERE framework_id = ?1 AND parent_id IS NULL"
    "  UNION ALL SELECT c.id, tree.path || printf ('.%06d', c.position)"
    "  FROM competencies c JOIN tree ON c.parent_id = tree.id)"
    " SELECT c.id, c.code, c.title, c.description FROM tree JOIN competencies c USING (id)"
    " ORDER BY tree.path",
    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, framework_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *title = (const char *) sqlite3_column_text (stmt, 2);
      const char *description = (const char *) sqlite3_column_text (stmt, 3);

      if (g_str_has_prefix (code, text) || g_str_match_string (text, title, TRUE)
          || g_str_match_string (text, description, TRUE))
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, stmt, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return model_for_ids (db, PSR_TYPE_COMPETENCY, ids);
}

static gboolean
code_is_taken (PsrDatabase  *db,
               gint64        framework_id,
               const char   *code,
               gint64        except_id,
               gboolean     *taken,
               GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT EXISTS (SELECT 1 FROM competencies"
    " WHERE framework_id = ?1 AND code = ?2 AND id != ?3)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, framework_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, except_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sqlite_failed (db, stmt, rc, error);

  *taken = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
get_code (PsrDatabase  *db,
          gint64        id,
          char        **code,
          GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, "SELECT code FROM competencies WHERE id = ?1",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return sqlite_failed (db, stmt, rc, error);

  *code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

/* The next free code under the parent: "2.4" after "2.3". */
static char *
next_code (PsrDatabase  *db,
           gint64        framework_id,
           gint64        parent_id,
           guint         n_siblings,
           GError      **error)
{
  g_autofree char *prefix = NULL;

  if (parent_id != 0 && !get_code (db, parent_id, &prefix, error))
    return NULL;

  for (guint n = n_siblings + 1;; n++)
    {
      g_autofree char *code = prefix != NULL && *prefix != '\0'
                                ? g_strdup_printf ("%s.%u", prefix, n)
                                : g_strdup_printf ("%u", n);
      gboolean taken = FALSE;

      if (!code_is_taken (db, framework_id, code, 0, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&code);
    }
}

static gboolean
check_title (const char  *title,
             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (title != NULL ? title : ""));

  if (!psr_store_check_text (title, error))
    return FALSE;

  if (*trimmed == '\0')
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID, _("Give it a title."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_kind_under (PsrDatabase        *db,
                  gint64              framework_id,
                  gint64              parent_id,
                  PsrCompetencyKind  *kind,
                  GError            **error)
{
  g_auto(Node) parent = { 0 };

  if (parent_id == 0)
    {
      *kind = PSR_COMPETENCY_FIELD;
      return TRUE;
    }

  if (!load_node (db, parent_id, &parent, error))
    return FALSE;

  if (parent.framework_id != framework_id || parent.kind == PSR_COMPETENCY_INDICATOR)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("An observable indicator cannot contain anything: choose a field or a "
                     "competency."));
      return FALSE;
    }

  *kind = parent.kind + 1;
  return TRUE;
}

static gboolean
insert_node (PsrDatabase        *db,
             gint64              framework_id,
             gint64              parent_id,
             PsrCompetencyKind   kind,
             const char         *code,
             const char         *title,
             guint               position,
             GError            **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "INSERT INTO competencies (uuid, framework_id, parent_id, kind, code, title, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, framework_id);
  bind_parent (stmt, 3, parent_id);
  sqlite3_bind_text (stmt, 4, psr_competency_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, position);
  return psr_database_step_done (db, stmt, error);
}

/**
 * psr_competency_add:
 * @parent_id: 0 for a new field
 *
 * Appends a field, a competency or an indicator, whichever fits under the
 * parent, with the next free code. Returns its id, or 0.
 */
gint64
psr_competency_add (PsrDatabase  *db,
                    gint64        framework_id,
                    gint64        parent_id,
                    const char   *title,
                    GError      **error)
{
  g_autoptr(GArray) siblings = NULL;
  g_autofree char *code = NULL;
  PsrCompetencyKind kind;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!check_title (title, error) || !psr_database_begin (db, error))
    return 0;

  if (!check_kind_under (db, framework_id, parent_id, &kind, error)
      || (siblings = query_children (db, framework_id, parent_id, error)) == NULL
      || (code = next_code (db, framework_id, parent_id, siblings->len, error)) == NULL
      || !insert_node (db, framework_id, parent_id, kind, code, title, siblings->len, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  id = psr_database_last_id (db);
  if (!psr_database_commit (db, error))
    return 0;

  return id;
}

gboolean
psr_competency_update (PsrDatabase  *db,
                       gint64        id,
                       const char   *code,
                       const char   *title,
                       const char   *description,
                       GError      **error)
{
  g_auto(Node) node = { 0 };
  gboolean taken = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!check_title (title, error)
      || !psr_store_check_text (code, error)
      || !psr_store_check_text (description, error)
      || !load_node (db, id, &node, error))
    return FALSE;

  if (code == NULL || *code == '\0')
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Give it a code, such as “2.3”: exchanges with other tools rely on it."));
      return FALSE;
    }

  if (!code_is_taken (db, node.framework_id, code, id, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The code “%s” is already used in this framework."), code);
      return FALSE;
    }

  stmt = psr_database_prepare (db,
    "UPDATE competencies SET code = ?2, title = ?3, description = ?4,"
    " updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, description != NULL ? description : "", -1, SQLITE_TRANSIENT);
  return psr_database_step_done (db, stmt, error);
}

static gboolean
place (PsrDatabase  *db,
       gint64        id,
       gint64        parent_id,
       guint         position,
       GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "UPDATE competencies SET parent_id = ?2, position = ?3,"
    " updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_parent (stmt, 2, parent_id);
  sqlite3_bind_int (stmt, 3, position);
  return psr_database_step_done (db, stmt, error);
}

/* Positions 0…n-1 in the order of @ids. */
static gboolean
renumber (PsrDatabase  *db,
          GArray       *ids,
          gint64        parent_id,
          GError      **error)
{
  for (guint i = 0; i < ids->len; i++)
    if (!place (db, g_array_index (ids, gint64, i), parent_id, i, error))
      return FALSE;

  return TRUE;
}

static void
remove_id (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        return;
      }
}

static gboolean
move_in_transaction (PsrDatabase  *db,
                     gint64        id,
                     gint64        parent_id,
                     guint         position,
                     GError      **error)
{
  g_auto(Node) node = { 0 };
  g_autoptr(GArray) siblings = NULL;
  PsrCompetencyKind kind;

  if (!load_node (db, id, &node, error)
      || !check_kind_under (db, node.framework_id, parent_id, &kind, error))
    return FALSE;

  if (kind != node.kind)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   node.kind == PSR_COMPETENCY_FIELD
                     ? _("A field stays at the top of the framework.")
                     : node.kind == PSR_COMPETENCY_COMPETENCY
                       ? _("A competency belongs to a field.")
                       : _("An observable indicator belongs to a competency."));
      return FALSE;
    }

  if (parent_id != node.parent_id)
    {
      g_autoptr(GArray) former = query_children (db, node.framework_id, node.parent_id, error);

      if (former == NULL)
        return FALSE;
      remove_id (former, id);
      if (!renumber (db, former, node.parent_id, error))
        return FALSE;
    }

  siblings = query_children (db, node.framework_id, parent_id, error);
  if (siblings == NULL)
    return FALSE;
  remove_id (siblings, id);
  g_array_insert_val (siblings, MIN (position, siblings->len), id);
  return renumber (db, siblings, parent_id, error);
}

/**
 * psr_competency_move:
 * @parent_id: the new parent (0 for a field); the same one to reorder
 * @position: the place among the new siblings, clamped to the last
 */
gboolean
psr_competency_move (PsrDatabase  *db,
                     gint64        id,
                     gint64        parent_id,
                     guint         position,
                     GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!move_in_transaction (db, id, parent_id, position, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/* Archiving a node archives what it contains. */
gboolean
psr_competency_set_archived (PsrDatabase  *db,
                             gint64        id,
                             gboolean      archived,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  stmt = psr_database_prepare (db,
    SUBTREE_CTE
    "UPDATE competencies SET archived = ?2, updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
    " WHERE id IN subtree", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);
  return psr_database_step_done (db, stmt, error);
}

/* How many modules, objectives, scenarios and positionings point to the
 * node or to what it contains. */
guint
psr_competency_count_uses (PsrDatabase  *db,
                           gint64        id,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  guint uses;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  stmt = psr_database_prepare (db,
    SUBTREE_CTE
    "SELECT (SELECT count(*) FROM module_competencies WHERE competency_id IN subtree)"
    " + (SELECT count(*) FROM objective_competencies WHERE competency_id IN subtree)"
    " + (SELECT count(*) FROM scenario_competencies WHERE competency_id IN subtree)"
    " + (SELECT count(*) FROM positionings WHERE competency_id IN subtree)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite_failed (db, stmt, rc, error);
      return 0;
    }

  uses = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return uses;
}

static gboolean
delete_in_transaction (PsrDatabase  *db,
                       gint64        id,
                       GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) siblings = NULL;
  g_auto(Node) node = { 0 };
  sqlite3_stmt *stmt;
  guint uses;

  if (!load_node (db, id, &node, error))
    return FALSE;

  uses = psr_competency_count_uses (db, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (uses > 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                   ngettext ("“%s” is used once by a module, an objective, a scenario or a "
                             "positioning, so it cannot be deleted. Archive it instead: it "
                             "stays in the records that use it.",
                             "“%s” is used %u times by modules, objectives, scenarios or "
                             "positionings, so it cannot be deleted. Archive it instead: it "
                             "stays in the records that use it.",
                             uses),
                   node.title, uses);
      return FALSE;
    }

  stmt = psr_database_prepare (db, "DELETE FROM competencies WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  siblings = query_children (db, node.framework_id, node.parent_id, error);
  return siblings != NULL && renumber (db, siblings, node.parent_id, error);
}

/* Deletes the node and what it contains, unless anything uses them. */
gboolean
psr_competency_delete (PsrDatabase  *db,
                       gint64        id,
                       GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!delete_in_transaction (db, id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

static gboolean
insert_scale (PsrDatabase  *db,
              gint64       *scale_id,
              GError      **error)
{
  /* The default scale of four levels, the last two proficient, named in the
   * language of whoever creates the framework. */
  const char *levels[] = {
    C_("proficiency level", "Discovering"), C_("proficiency level", "Applying"),
    C_("proficiency level", "Mastering"), C_("proficiency level", "Expert"),
  };
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "INSERT INTO scales (uuid, name) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _("Proficiency scale"), -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;
  *scale_id = psr_database_last_id (db);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *level_uuid = psr_uuid_new ();

      stmt = psr_database_prepare (db,
        "INSERT INTO scale_levels (uuid, scale_id, position, name, proficient)"
        " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, level_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, *scale_id);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, levels[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, i >= 2);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* An empty framework with the default proficiency scale. */
gint64
psr_framework_create (PsrDatabase  *db,
                      const char   *title,
                      GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 scale_id = 0;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!check_title (title, error) || !psr_database_begin (db, error))
    return 0;

  if (!insert_scale (db, &scale_id, error)
      || (stmt = psr_database_prepare (db,
            "INSERT INTO frameworks (uuid, title, scale_id) VALUES (?1, ?2, ?3)", error)) == NULL)
    {
      psr_database_rollback (db);
      return 0;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, scale_id);
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

void
psr_scale_level_free (PsrScaleLevel *level)
{
  if (level == NULL)
    return;

  g_free (level->name);
  g_free (level);
}

/* The levels of the framework's scale, lowest first; empty when the
 * framework has no scale. */
GPtrArray *
psr_framework_list_levels (PsrDatabase  *db,
                           gint64        framework_id,
                           GError      **error)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_scale_level_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_database_prepare (db,
    "SELECT l.id, l.position, l.name, l.proficient FROM scale_levels l"
    " JOIN frameworks f ON f.scale_id = l.scale_id WHERE f.id = ?1 ORDER BY l.position", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, framework_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PsrScaleLevel *level = g_new0 (PsrScaleLevel, 1);

      level->id = sqlite3_column_int64 (stmt, 0);
      level->position = sqlite3_column_int (stmt, 1);
      level->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      level->proficient = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (levels, level);
    }
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (db, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&levels);
}

gboolean
psr_scale_level_update (PsrDatabase  *db,
                        gint64        level_id,
                        const char   *name,
                        gboolean      proficient,
                        GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_store_check_text (name, error))
    return FALSE;

  if (*trimmed == '\0')
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID, _("Give the level a name."));
      return FALSE;
    }

  /* Moodle lists the levels of a scale separated by commas. */
  if (strchr (trimmed, ',') != NULL)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("A level’s name cannot contain a comma: Moodle could not read the scale."));
      return FALSE;
    }

  stmt = psr_database_prepare (db,
    "UPDATE scale_levels SET name = ?2, proficient = ?3,"
    " updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, level_id);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, proficient ? 1 : 0);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (psr_database_get_handle (db)) == 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("This level no longer exists."));
      return FALSE;
    }

  return TRUE;
}
