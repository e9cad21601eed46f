/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-package.h"
#include "psr-translations.h"

/* Exchange packages of scenarios (docs/package-format.md): one JSON
 * document carrying scenarios with their phases, audiences and rehearsal,
 * and the competencies they point to, all by UUID.
 *
 * Reading validates the whole package and plans the merge without writing;
 * applying the plan writes it in one transaction. Nothing records which
 * version of a scenario was last imported, so the merge compares the
 * scenarios' updated_at: an import writes the package's updated_at, and an
 * edit here makes it newer than any package made before the edit. */

#define FORMAT_NAME "passerelle-package"

/* Deeper nesting than the format has is refused before parsing, so that a
 * hostile file cannot exhaust the parser's stack. */
#define MAX_DEPTH 16

typedef enum
{
  COLUMN_UUID,
  COLUMN_TITLE,
  COLUMN_TEXT,
  COLUMN_CHOICE,
  COLUMN_INT,
  COLUMN_NULLABLE_INT,
  COLUMN_TIMESTAMP,
} ColumnType;

typedef struct
{
  const char         *name;
  ColumnType          type;
  const char         *fallback;
  const char * const *allowed;
  gint64              min;
} Column;

static const char * const formats[] = {
  "workshop", "guided-visit", "demonstration", "debate", "stand", "show", "game", "other", NULL
};
static const char * const venues[] = {
  "exhibition", "workshop-room", "classroom", "outdoor", "online", "other", NULL
};
static const char * const statuses[] = { "draft", "published", "archived", NULL };
static const char * const audiences[] = {
  "school-primary", "school-middle", "school-high", "families", "teenagers", "adults", "seniors",
  "disabilities", "non-native", "professionals", NULL
};
static const char * const node_kinds[] = { "situation", "ending", NULL };

/* The members of a scenario, in the order of the statements below. */
static const Column scenario_columns[] = {
  { "uuid", COLUMN_UUID, NULL, NULL, 0 },
  { "title", COLUMN_TITLE, NULL, NULL, 0 },
  { "theme", COLUMN_TEXT, "", NULL, 0 },
  { "format", COLUMN_CHOICE, "workshop", formats, 0 },
  { "venue", COLUMN_CHOICE, "exhibition", venues, 0 },
  { "age_min", COLUMN_NULLABLE_INT, NULL, NULL, 0 },
  { "age_max", COLUMN_NULLABLE_INT, NULL, NULL, 0 },
  { "group_min", COLUMN_NULLABLE_INT, NULL, NULL, 1 },
  { "group_max", COLUMN_NULLABLE_INT, NULL, NULL, 1 },
  { "duration_minutes", COLUMN_INT, NULL, NULL, 0 },
  { "objectives", COLUMN_TEXT, "", NULL, 0 },
  { "materials", COLUMN_TEXT, "", NULL, 0 },
  { "room_layout", COLUMN_TEXT, "", NULL, 0 },
  { "mediator_stance", COLUMN_TEXT, "", NULL, 0 },
  { "accessibility", COLUMN_TEXT, "", NULL, 0 },
  { "difficult_situations", COLUMN_TEXT, "", NULL, 0 },
  { "safety", COLUMN_TEXT, "", NULL, 0 },
  { "evaluation", COLUMN_TEXT, "", NULL, 0 },
  { "sources", COLUMN_TEXT, "", NULL, 0 },
  { "language", COLUMN_TEXT, "fr", NULL, 0 },
  { "author", COLUMN_TEXT, "", NULL, 0 },
  { "status", COLUMN_CHOICE, "draft", statuses, 0 },
  { "created_at", COLUMN_TIMESTAMP, NULL, NULL, 0 },
  { "updated_at", COLUMN_TIMESTAMP, NULL, NULL, 0 },
};

#define SCENARIO_SELECT \
  "SELECT uuid, title, theme, format, venue, age_min, age_max, group_min, group_max," \
  " duration_minutes, objectives, materials, room_layout, mediator_stance, accessibility," \
  " difficult_situations, safety, evaluation, sources, language, author, status, created_at," \
  " updated_at FROM scenarios WHERE id = ?1"

static const Column phase_columns[] = {
  { "uuid", COLUMN_UUID, NULL, NULL, 0 },
  { "title", COLUMN_TITLE, NULL, NULL, 0 },
  { "duration_minutes", COLUMN_INT, NULL, NULL, 0 },
  { "mediator_actions", COLUMN_TEXT, "", NULL, 0 },
  { "audience_actions", COLUMN_TEXT, "", NULL, 0 },
  { "materials", COLUMN_TEXT, "", NULL, 0 },
};

static const Column node_columns[] = {
  { "uuid", COLUMN_UUID, NULL, NULL, 0 },
  { "name", COLUMN_TITLE, NULL, NULL, 0 },
  { "kind", COLUMN_CHOICE, "situation", node_kinds, 0 },
  { "text", COLUMN_TEXT, "", NULL, 0 },
  { "debrief", COLUMN_TEXT, "", NULL, 0 },
};

static const Column choice_columns[] = {
  { "uuid", COLUMN_UUID, NULL, NULL, 0 },
  { "text", COLUMN_TITLE, NULL, NULL, 0 },
  { "feedback", COLUMN_TEXT, "", NULL, 0 },
};

typedef enum
{
  ACTION_NEW,
  ACTION_UPDATE,
  ACTION_UNCHANGED,
  ACTION_CONFLICT,
} Action;

typedef struct
{
  JsonObject *scenario;          /* borrowed from the plan's root */
  Action      action;
  char       *local_updated_at;  /* NULL for a new scenario */
} Item;

struct _PsrPackagePlan
{
  gatomicrefcount  ref_count;
  JsonNode        *root;
  GArray          *items;
  GHashTable      *competencies;  /* package UUID → local id (gint64 *), matched ones only */
  GPtrArray       *conflicts;
  guint            n_new;
  guint            n_updates;
  guint            n_unchanged;
  guint            n_unmatched_competencies;
};

/* Boxed types ---------------------------------------------------------------- */

PsrPackageConflict *
psr_package_conflict_copy (const PsrPackageConflict *conflict)
{
  PsrPackageConflict *copy = g_new0 (PsrPackageConflict, 1);

  copy->uuid = g_strdup (conflict->uuid);
  copy->local_title = g_strdup (conflict->local_title);
  copy->local_updated_at = g_strdup (conflict->local_updated_at);
  copy->incoming_title = g_strdup (conflict->incoming_title);
  copy->incoming_updated_at = g_strdup (conflict->incoming_updated_at);
  return copy;
}

void
psr_package_conflict_free (PsrPackageConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->uuid);
  g_free (conflict->local_title);
  g_free (conflict->local_updated_at);
  g_free (conflict->incoming_title);
  g_free (conflict->incoming_updated_at);
  g_free (conflict);
}

G_DEFINE_BOXED_TYPE (PsrPackageConflict, psr_package_conflict,
                     psr_package_conflict_copy, psr_package_conflict_free)

static void
clear_item (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->local_updated_at, g_free);
}

static PsrPackagePlan *
plan_new (JsonNode *root)
{
  PsrPackagePlan *plan = g_new0 (PsrPackagePlan, 1);

  g_atomic_ref_count_init (&plan->ref_count);
  plan->root = json_node_ref (root);
  plan->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (plan->items, clear_item);
  plan->competencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  plan->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_package_conflict_free);
  return plan;
}

PsrPackagePlan *
psr_package_plan_ref (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  g_atomic_ref_count_inc (&plan->ref_count);
  return plan;
}

void
psr_package_plan_unref (PsrPackagePlan *plan)
{
  g_return_if_fail (plan != NULL);

  if (!g_atomic_ref_count_dec (&plan->ref_count))
    return;

  g_array_unref (plan->items);
  g_hash_table_unref (plan->competencies);
  g_ptr_array_unref (plan->conflicts);
  json_node_unref (plan->root);
  g_free (plan);
}

G_DEFINE_BOXED_TYPE (PsrPackagePlan, psr_package_plan, psr_package_plan_ref,
                     psr_package_plan_unref)

guint
psr_package_plan_get_n_new (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_new;
}

guint
psr_package_plan_get_n_updates (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_updates;
}

guint
psr_package_plan_get_n_unchanged (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_unchanged;
}

guint
psr_package_plan_get_n_conflicts (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->conflicts->len;
}

guint
psr_package_plan_get_n_unmatched_competencies (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_unmatched_competencies;
}

/**
 * psr_package_plan_get_conflicts:
 * @plan: a plan
 *
 * Returns: (transfer none) (element-type PsrPackageConflict): the scenarios
 *   changed on both sides, in the package's order
 */
GPtrArray *
psr_package_plan_get_conflicts (PsrPackagePlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->conflicts;
}

/* Helpers --------------------------------------------------------------------- */

static gboolean
finish_rows (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_timestamp (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  return time != NULL;
}

static gboolean
set_damaged_wrong_type (GError     **error,
                        const char  *path,
                        const char  *name)
{
  /* Translators: the first %s is where in the file, such as
   * "scenarios[2].phases[0]", the second the name of a member. */
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("The package is damaged: %s.%s is missing or has the wrong type."), path, name);
  return FALSE;
}

static gboolean
set_damaged_bad_value (GError     **error,
                       const char  *path,
                       const char  *name)
{
  /* Translators: the first %s is where in the file, such as
   * "scenarios[2].phases[0]", the second the name of a member. */
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("The package is damaged: the value of %s.%s is not allowed."), path, name);
  return FALSE;
}

static gboolean
is_value_of_type (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static const char *
member_string (JsonObject *object,
               const char *name,
               const char *fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && is_value_of_type (node, G_TYPE_STRING) ? json_node_get_string (node)
                                                                  : fallback;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* An optional array member: absent is an empty array. */
static gboolean
check_array (JsonObject  *object,
             const char  *path,
             const char  *name,
             gboolean     required,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return set_damaged_wrong_type (error, path, name);

  return TRUE;
}

static gboolean
check_columns (JsonObject   *object,
               const char   *path,
               const Column *columns,
               guint         n_columns,
               GHashTable   *uuids,
               GError      **error)
{
  for (guint i = 0; i < n_columns; i++)
    {
      const Column *column = &columns[i];
      JsonNode *node = json_object_get_member (object, column->name);
      gboolean required = column->type == COLUMN_UUID || column->type == COLUMN_TITLE
                          || column->type == COLUMN_TIMESTAMP;
      const char *text;

      if (node == NULL && !required)
        continue;
      if (node == NULL)
        return set_damaged_wrong_type (error, path, column->name);

      switch (column->type)
        {
        case COLUMN_INT:
        case COLUMN_NULLABLE_INT:
          if (column->type == COLUMN_NULLABLE_INT && JSON_NODE_HOLDS_NULL (node))
            break;
          if (!is_value_of_type (node, G_TYPE_INT64))
            return set_damaged_wrong_type (error, path, column->name);
          if (json_node_get_int (node) < column->min || json_node_get_int (node) > G_MAXINT32)
            return set_damaged_bad_value (error, path, column->name);
          break;

        case COLUMN_UUID:
        case COLUMN_TITLE:
        case COLUMN_TEXT:
        case COLUMN_CHOICE:
        case COLUMN_TIMESTAMP:
        default:
          if (!is_value_of_type (node, G_TYPE_STRING))
            return set_damaged_wrong_type (error, path, column->name);
          text = json_node_get_string (node);
          if (column->type == COLUMN_UUID)
            {
              if (!g_uuid_string_is_valid (text))
                {
                  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                               _("The package is damaged: %s.%s is not a valid UUID."), path,
                               column->name);
                  return FALSE;
                }
              if (!g_hash_table_add (uuids, (gpointer) text))
                {
                  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                               _("The package is damaged: the UUID %s appears twice."), text);
                  return FALSE;
                }
            }
          else if ((column->type == COLUMN_TITLE && is_blank (text))
                   || (column->type == COLUMN_CHOICE
                       && !g_strv_contains (column->allowed, text))
                   || (column->type == COLUMN_TIMESTAMP && !is_timestamp (text)))
            {
              return set_damaged_bad_value (error, path, column->name);
            }
          break;
        }
    }

  return TRUE;
}

static void
bind_columns (sqlite3_stmt *stmt,
              int           first,
              JsonObject   *object,
              const Column *columns,
              guint         n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      const Column *column = &columns[i];
      JsonNode *node = json_object_get_member (object, column->name);
      int index = first + (int) i;

      if (column->type == COLUMN_INT || column->type == COLUMN_NULLABLE_INT)
        {
          if (node != NULL && is_value_of_type (node, G_TYPE_INT64))
            sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
          else if (column->type == COLUMN_INT)
            sqlite3_bind_int64 (stmt, index, 0);
          else
            sqlite3_bind_null (stmt, index);
        }
      else
        {
          sqlite3_bind_text (stmt, index, member_string (object, column->name, column->fallback),
                             -1, SQLITE_TRANSIENT);
        }
    }
}

static void
add_columns (JsonBuilder  *builder,
             sqlite3_stmt *stmt,
             int           first,
             const Column *columns,
             guint         n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      int index = first + (int) i;

      json_builder_set_member_name (builder, columns[i].name);
      if (columns[i].type == COLUMN_INT || columns[i].type == COLUMN_NULLABLE_INT)
        {
          if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, index));
        }
      else
        {
          json_builder_add_string_value (builder, column_text (stmt, index));
        }
    }
}

/* Export ---------------------------------------------------------------------- */

typedef struct
{
  char *code;
  char *title;
} Competency;

static void
competency_free (gpointer data)
{
  Competency *competency = data;

  g_free (competency->code);
  g_free (competency->title);
  g_free (competency);
}

/* The "translations" member of a record, when it has any: language →
 * field → text. */
static gboolean
add_translations (PsrDatabase  *db,
                  JsonBuilder  *builder,
                  const char   *kind,
                  const char   *uuid,
                  GError      **error)
{
  g_autofree char *language = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT language, field, text FROM content_translations"
                               " WHERE kind = ?1 AND record_uuid = ?2 ORDER BY language, field",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (language == NULL)
        {
          json_builder_set_member_name (builder, "translations");
          json_builder_begin_object (builder);
        }
      if (g_strcmp0 (language, column_text (stmt, 0)) != 0)
        {
          if (language != NULL)
            json_builder_end_object (builder);
          g_free (language);
          language = g_strdup (column_text (stmt, 0));
          json_builder_set_member_name (builder, language);
          json_builder_begin_object (builder);
        }
      json_builder_set_member_name (builder, column_text (stmt, 1));
      json_builder_add_string_value (builder, column_text (stmt, 2));
    }
  if (language != NULL)
    {
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  return finish_rows (db, stmt, rc, error);
}

static gboolean
add_scenario (PsrDatabase  *db,
              JsonBuilder  *builder,
              gint64        id,
              GHashTable   *competencies,
              GError      **error)
{
  g_autoptr(GArray) node_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *scenario_uuid = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db, SCENARIO_SELECT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The scenario to export does not exist."));
      else
        psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      return FALSE;
    }

  json_builder_begin_object (builder);
  add_columns (builder, stmt, 0, scenario_columns, G_N_ELEMENTS (scenario_columns));
  scenario_uuid = g_strdup (column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (!add_translations (db, builder, "scenario", scenario_uuid, error))
    return FALSE;

  json_builder_set_member_name (builder, "audiences");
  json_builder_begin_array (builder);
  stmt = psr_database_prepare (db,
                               "SELECT audience FROM scenario_audiences WHERE scenario_id = ?1"
                               " ORDER BY audience", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_string_value (builder, column_text (stmt, 0));
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "competencies");
  json_builder_begin_array (builder);
  stmt = psr_database_prepare (db,
                               "SELECT c.uuid, c.code, c.title FROM scenario_competencies sc"
                               " JOIN competencies c ON c.id = sc.competency_id"
                               " WHERE sc.scenario_id = ?1 ORDER BY c.uuid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = column_text (stmt, 0);

      json_builder_add_string_value (builder, uuid);
      if (!g_hash_table_contains (competencies, uuid))
        {
          Competency *competency = g_new0 (Competency, 1);

          competency->code = g_strdup (column_text (stmt, 1));
          competency->title = g_strdup (column_text (stmt, 2));
          g_hash_table_insert (competencies, g_strdup (uuid), competency);
        }
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "phases");
  json_builder_begin_array (builder);
  stmt = psr_database_prepare (db,
                               "SELECT uuid, title, duration_minutes, mediator_actions,"
                               " audience_actions, materials FROM scenario_phases"
                               " WHERE scenario_id = ?1 ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_columns (builder, stmt, 0, phase_columns, G_N_ELEMENTS (phase_columns));
      json_builder_end_object (builder);
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rehearsal");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);

  /* The nodes first, then each one's choices: one statement at a time. */
  stmt = psr_database_prepare (db, "SELECT id FROM rehearsal_nodes WHERE scenario_id = ?1"
                                   " ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 node_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (node_ids, node_id);
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < node_ids->len; i++)
    {
      gint64 node_id = g_array_index (node_ids, gint64, i);

      stmt = psr_database_prepare (db, "SELECT uuid, name, kind, text, debrief, is_start"
                                       " FROM rehearsal_nodes WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, node_id);
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        return finish_rows (db, stmt, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
      json_builder_begin_object (builder);
      add_columns (builder, stmt, 0, node_columns, G_N_ELEMENTS (node_columns));
      json_builder_set_member_name (builder, "is_start");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 5) != 0);
      sqlite3_reset (stmt);

      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      stmt = psr_database_prepare (db,
                                   "SELECT c.uuid, c.text, c.feedback, t.uuid"
                                   " FROM rehearsal_choices c"
                                   " LEFT JOIN rehearsal_nodes t ON t.id = c.target_node_id"
                                   " WHERE c.node_id = ?1 ORDER BY c.position, c.id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, node_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          json_builder_begin_object (builder);
          add_columns (builder, stmt, 0, choice_columns, G_N_ELEMENTS (choice_columns));
          json_builder_set_member_name (builder, "target");
          if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, column_text (stmt, 3));
          json_builder_end_object (builder);
        }
      if (!finish_rows (db, stmt, rc, error))
        return FALSE;
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return TRUE;
}

/**
 * psr_package_export:
 * @db: the database
 * @scenario_ids: (array length=n_ids) (nullable): the scenarios to export
 * @n_ids: how many, or 0 for every scenario
 * @output: where to write the package
 * @error: return location for a #PsrError or a #GIOError
 *
 * Writes a package of scenarios, pretty-printed, in UTF-8.
 *
 * Returns: %TRUE on success
 */
gboolean
psr_package_export (PsrDatabase    *db,
                    const gint64   *scenario_ids,
                    guint           n_ids,
                    GOutputStream  *output,
                    GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) competencies = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GList) uuids = NULL;
  g_autofree char *now = psr_now_iso8601 ();
  g_autofree char *text = NULL;
  gsize length;
  gboolean ok = FALSE;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n_ids == 0 || scenario_ids != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (n_ids > 0)
    {
      g_array_append_vals (ids, scenario_ids, n_ids);
    }
  else
    {
      sqlite3_stmt *stmt = psr_database_prepare (db, "SELECT id FROM scenarios ORDER BY uuid",
                                                 error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (!finish_rows (db, stmt, rc, error))
        return FALSE;
    }

  competencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, competency_free);

  /* A read transaction: the scenarios and their parts as of one moment. */
  if (!psr_database_begin (db, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PSR_PACKAGE_VERSION);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "scenarios");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      if (!add_scenario (db, builder, g_array_index (ids, gint64, i), competencies, error))
        goto out;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "competencies");
  json_builder_begin_array (builder);
  uuids = g_list_sort (g_hash_table_get_keys (competencies), (GCompareFunc) strcmp);
  for (GList *l = uuids; l != NULL; l = l->next)
    {
      Competency *competency = g_hash_table_lookup (competencies, l->data);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, l->data);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, competency->code);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, competency->title);
      if (!add_translations (db, builder, "competency", l->data, error))
        goto out;
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ok = TRUE;

out:
  if (!ok)
    {
      psr_database_rollback (db);
      return FALSE;
    }
  if (!psr_database_commit (db, error))
    return FALSE;

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_output_stream_write_all (output, text, length, NULL, NULL, error)
         && g_output_stream_write_all (output, "\n", 1, NULL, NULL, error);
}

/* Reading ------------------------------------------------------------------------ */

static gboolean
set_damaged (GError **error)
{
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("The file is not a Passerelle package, or it is damaged."));
  return FALSE;
}

/* The code unit of the "\uXXXX" escape at @i, -1 when there is none. */
static int
escaped_unit (const char *data,
              gsize       size,
              gsize       i)
{
  int unit = 0;

  if (i + 6 > size || data[i] != '\\' || data[i + 1] != 'u')
    return -1;

  for (guint k = 2; k < 6; k++)
    {
      int digit = g_ascii_xdigit_value (data[i + k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  return unit;
}

/* Refuses, before the parser runs, nesting deeper than the format has (the
 * parser recurses), and the escapes of strings the parser would turn into
 * something that is not text: "\u0000", where every text would end, and a
 * UTF-16 surrogate out of its pair, which is not UTF-8 once decoded. */
static gboolean
check_before_parsing (const char *data,
                      gsize       size)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              int unit = escaped_unit (data, size, i);

              if (unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
                return FALSE;
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  int low = escaped_unit (data, size, i + 6);

                  if (low < 0xdc00 || low > 0xdfff)
                    return FALSE;
                  i += 6;
                }
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

static gboolean
check_uuid_here (PsrDatabase  *db,
                 const char   *sql,
                 const char   *uuid,
                 const char   *scenario_uuid,
                 GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, error);
  gboolean elsewhere = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    elsewhere = !g_str_equal (column_text (stmt, 0), scenario_uuid);
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  if (elsewhere)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The package cannot be imported: the UUID %s belongs to another scenario "
                     "here."), uuid);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_objects (JsonArray   *array,
               const char  *path,
               const char  *name,
               GError     **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", path, name, i);

          return set_damaged_wrong_type (error, where, "");
        }
    }

  return TRUE;
}

static gboolean
check_strings (JsonArray    *array,
               const char   *path,
               const char   *name,
               GError      **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (!is_value_of_type (json_array_get_element (array, i), G_TYPE_STRING))
        return set_damaged_wrong_type (error, path, name);
    }

  return TRUE;
}

static gboolean
check_rehearsal (PsrDatabase  *db,
                 JsonObject   *scenario,
                 const char   *path,
                 GHashTable   *uuids,
                 GError      **error)
{
  const char *scenario_uuid = member_string (scenario, "uuid", "");
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *where = g_strdup_printf ("%s.rehearsal", path);
  JsonNode *member = json_object_get_member (scenario, "rehearsal");
  JsonObject *rehearsal;
  JsonArray *array;
  guint n_starts = 0;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (member))
    return set_damaged_wrong_type (error, path, "rehearsal");

  rehearsal = json_node_get_object (member);
  if (!check_array (rehearsal, where, "nodes", FALSE, error))
    return FALSE;
  array = member_array (rehearsal, "nodes");
  if (!check_objects (array, where, "nodes", error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *node = json_array_get_object_element (array, i);
      g_autofree char *node_path = g_strdup_printf ("%s.nodes[%u]", where, i);
      JsonNode *is_start = json_object_get_member (node, "is_start");

      if (!check_columns (node, node_path, node_columns, G_N_ELEMENTS (node_columns), uuids,
                          error)
          || !check_uuid_here (db,
                               "SELECT s.uuid FROM rehearsal_nodes n"
                               " JOIN scenarios s ON s.id = n.scenario_id WHERE n.uuid = ?1",
                               member_string (node, "uuid", ""), scenario_uuid, error))
        return FALSE;
      if (is_start != NULL && !is_value_of_type (is_start, G_TYPE_BOOLEAN))
        return set_damaged_wrong_type (error, node_path, "is_start");
      if (is_start != NULL && json_node_get_boolean (is_start) && ++n_starts > 1)
        return set_damaged_bad_value (error, node_path, "is_start");
      if (!g_hash_table_add (names, (gpointer) member_string (node, "name", "")))
        return set_damaged_bad_value (error, node_path, "name");
      g_hash_table_add (nodes, (gpointer) member_string (node, "uuid", ""));
    }

  /* The choices once every node is known: a choice may lead to a later one. */
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *node = json_array_get_object_element (array, i);
      g_autofree char *node_path = g_strdup_printf ("%s.nodes[%u]", where, i);
      JsonArray *choices;

      if (!check_array (node, node_path, "choices", FALSE, error))
        return FALSE;
      choices = member_array (node, "choices");
      if (!check_objects (choices, node_path, "choices", error))
        return FALSE;

      for (guint j = 0; choices != NULL && j < json_array_get_length (choices); j++)
        {
          JsonObject *choice = json_array_get_object_element (choices, j);
          g_autofree char *choice_path = g_strdup_printf ("%s.choices[%u]", node_path, j);
          JsonNode *target = json_object_get_member (choice, "target");

          if (!check_columns (choice, choice_path, choice_columns, G_N_ELEMENTS (choice_columns),
                              uuids, error)
              || !check_uuid_here (db,
                                   "SELECT s.uuid FROM rehearsal_choices c"
                                   " JOIN rehearsal_nodes n ON n.id = c.node_id"
                                   " JOIN scenarios s ON s.id = n.scenario_id WHERE c.uuid = ?1",
                                   member_string (choice, "uuid", ""), scenario_uuid, error))
            return FALSE;
          if (target == NULL || JSON_NODE_HOLDS_NULL (target))
            continue;
          if (!is_value_of_type (target, G_TYPE_STRING))
            return set_damaged_wrong_type (error, choice_path, "target");
          if (!g_hash_table_contains (nodes, json_node_get_string (target)))
            {
              g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                           _("The package is damaged: %s leads to a node that is not in its "
                             "rehearsal."), choice_path);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* The optional "translations" member: an object of objects of strings.
 * Languages and fields this version does not know are left out on import,
 * as members it does not know are. */
static gboolean
check_translations (JsonObject  *object,
                    const char  *path,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, "translations");
  JsonObjectIter languages;
  const char *language;
  JsonNode *fields;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_damaged_wrong_type (error, path, "translations");

  json_object_iter_init (&languages, json_node_get_object (node));
  while (json_object_iter_next (&languages, &language, &fields))
    {
      JsonObjectIter texts;
      const char *field;
      JsonNode *text;

      if (!JSON_NODE_HOLDS_OBJECT (fields))
        return set_damaged_wrong_type (error, path, "translations");
      json_object_iter_init (&texts, json_node_get_object (fields));
      while (json_object_iter_next (&texts, &field, &text))
        if (!is_value_of_type (text, G_TYPE_STRING))
          return set_damaged_wrong_type (error, path, "translations");
    }

  return TRUE;
}

static gboolean
check_scenario (PsrDatabase     *db,
                PsrPackagePlan  *plan,
                JsonObject      *scenario,
                const char      *path,
                GHashTable      *uuids,
                GHashTable      *package_competencies,
                GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *min, *max;
  JsonArray *array;

  if (!check_columns (scenario, path, scenario_columns, G_N_ELEMENTS (scenario_columns), uuids,
                      error)
      || !check_translations (scenario, path, error))
    return FALSE;

  min = json_object_get_member (scenario, "age_min");
  max = json_object_get_member (scenario, "age_max");
  if (min != NULL && max != NULL && !JSON_NODE_HOLDS_NULL (min) && !JSON_NODE_HOLDS_NULL (max)
      && json_node_get_int (min) > json_node_get_int (max))
    return set_damaged_bad_value (error, path, "age_max");
  min = json_object_get_member (scenario, "group_min");
  max = json_object_get_member (scenario, "group_max");
  if (min != NULL && max != NULL && !JSON_NODE_HOLDS_NULL (min) && !JSON_NODE_HOLDS_NULL (max)
      && json_node_get_int (min) > json_node_get_int (max))
    return set_damaged_bad_value (error, path, "group_max");

  if (!check_array (scenario, path, "audiences", FALSE, error))
    return FALSE;
  array = member_array (scenario, "audiences");
  if (!check_strings (array, path, "audiences", error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *audience = json_array_get_string_element (array, i);

      if (!g_strv_contains (audiences, audience) || !g_hash_table_add (seen, (gpointer) audience))
        return set_damaged_bad_value (error, path, "audiences");
    }

  g_hash_table_remove_all (seen);
  if (!check_array (scenario, path, "competencies", FALSE, error))
    return FALSE;
  array = member_array (scenario, "competencies");
  if (!check_strings (array, path, "competencies", error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *uuid = json_array_get_string_element (array, i);

      if (!g_hash_table_contains (package_competencies, uuid)
          || !g_hash_table_add (seen, (gpointer) uuid))
        return set_damaged_bad_value (error, path, "competencies");
    }

  if (!check_array (scenario, path, "phases", FALSE, error))
    return FALSE;
  array = member_array (scenario, "phases");
  if (!check_objects (array, path, "phases", error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *phase = json_array_get_object_element (array, i);
      g_autofree char *phase_path = g_strdup_printf ("%s.phases[%u]", path, i);

      if (!check_columns (phase, phase_path, phase_columns, G_N_ELEMENTS (phase_columns), uuids,
                          error)
          || !check_uuid_here (db,
                               "SELECT s.uuid FROM scenario_phases p"
                               " JOIN scenarios s ON s.id = p.scenario_id WHERE p.uuid = ?1",
                               member_string (phase, "uuid", ""),
                               member_string (scenario, "uuid", ""), error))
        return FALSE;
    }

  return check_rehearsal (db, scenario, path, uuids, error);
}

static gboolean
plan_scenario (PsrDatabase     *db,
               PsrPackagePlan  *plan,
               JsonObject      *scenario,
               GError         **error)
{
  const char *incoming = member_string (scenario, "updated_at", "");
  Item item = { scenario, ACTION_NEW, NULL };
  g_autofree char *local_title = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db, "SELECT title, updated_at FROM scenarios WHERE uuid = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_string (scenario, "uuid", ""), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      local_title = g_strdup (column_text (stmt, 0));
      item.local_updated_at = g_strdup (column_text (stmt, 1));
      rc = SQLITE_DONE;
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  /* Timestamps are all ISO 8601 in UTC with the same precision: they
   * compare as text. */
  if (item.local_updated_at == NULL)
    {
      item.action = ACTION_NEW;
      plan->n_new++;
    }
  else if (strcmp (item.local_updated_at, incoming) == 0)
    {
      item.action = ACTION_UNCHANGED;
      plan->n_unchanged++;
    }
  else if (strcmp (item.local_updated_at, incoming) < 0)
    {
      item.action = ACTION_UPDATE;
      plan->n_updates++;
    }
  else
    {
      PsrPackageConflict *conflict = g_new0 (PsrPackageConflict, 1);

      conflict->uuid = g_strdup (member_string (scenario, "uuid", ""));
      conflict->local_title = g_steal_pointer (&local_title);
      conflict->local_updated_at = g_strdup (item.local_updated_at);
      conflict->incoming_title = g_strdup (member_string (scenario, "title", ""));
      conflict->incoming_updated_at = g_strdup (incoming);
      g_ptr_array_add (plan->conflicts, conflict);
      item.action = ACTION_CONFLICT;
    }

  g_array_append_val (plan->items, item);
  return TRUE;
}

static gboolean
match_competency (PsrDatabase     *db,
                  PsrPackagePlan  *plan,
                  JsonObject      *competency,
                  GError         **error)
{
  const char *uuid = member_string (competency, "uuid", "");
  const char *code = member_string (competency, "code", "");
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint found = 0;
  int rc;

  stmt = psr_database_prepare (db, "SELECT id FROM competencies WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      found++;
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  /* Else by code, when exactly one competency here has it. */
  if (found == 0 && *code != '\0')
    {
      stmt = psr_database_prepare (db, "SELECT id FROM competencies WHERE code = ?1 LIMIT 2",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          found++;
        }
      if (!finish_rows (db, stmt, rc, error))
        return FALSE;
    }

  if (found == 1)
    g_hash_table_insert (plan->competencies, (gpointer) uuid, g_memdup2 (&id, sizeof id));
  else
    plan->n_unmatched_competencies++;

  return TRUE;
}

/**
 * psr_package_find_scenario:
 * @db: the database
 * @uuid: a scenario's UUID
 * @error: return location for a #PsrError
 *
 * Returns: the scenario's id, or 0 with @error set
 */
gint64
psr_package_find_scenario (PsrDatabase  *db,
                           const char   *uuid,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (uuid != NULL, 0);

  stmt = psr_database_prepare (db, "SELECT id FROM scenarios WHERE uuid = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (!finish_rows (db, stmt, rc, error))
    return 0;

  if (id == 0)
    g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("No scenario has the UUID “%s”."), uuid);

  return id;
}

/**
 * psr_package_load_file:
 * @file: a package file
 * @error: return location for a #PsrError or a #GIOError
 *
 * Loads a package file; one larger than %PSR_PACKAGE_MAX_SIZE is refused
 * before it is read.
 *
 * Returns: (transfer full): its contents, or %NULL with @error set
 */
GBytes *
psr_package_load_file (GFile   *file,
                       GError **error)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > PSR_PACKAGE_MAX_SIZE)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The file is larger than %u MiB: it is not a Passerelle package."),
                   PSR_PACKAGE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  return g_file_load_bytes (file, NULL, NULL, error);
}

/**
 * psr_package_read:
 * @db: the database to import into
 * @contents: the package file's contents
 * @error: return location for a #PsrError
 *
 * Parses and validates a whole package and plans its merge into @db,
 * without writing anything. A package of a newer format is refused with
 * %PSR_ERROR_TOO_NEW, a damaged one with %PSR_ERROR_INVALID.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
PsrPackagePlan *
psr_package_read (PsrDatabase  *db,
                  GBytes       *contents,
                  GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PsrPackagePlan) plan = NULL;
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) package_competencies = g_hash_table_new (g_str_hash, g_str_equal);
  const char *data;
  gsize size;
  JsonNode *root;
  JsonObject *object;
  JsonNode *version;
  JsonArray *scenarios;
  JsonArray *competencies;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  data = g_bytes_get_data (contents, &size);
  if (size > PSR_PACKAGE_MAX_SIZE)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The file is larger than %u MiB: it is not a Passerelle package."),
                   PSR_PACKAGE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (size == 0 || memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL)
      || !check_before_parsing (data, size)
      || !json_parser_load_from_data (parser, data, size, NULL))
    {
      set_damaged (error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_damaged (error);
      return NULL;
    }
  object = json_node_get_object (root);
  if (g_strcmp0 (member_string (object, "format", NULL), FORMAT_NAME) != 0)
    {
      set_damaged (error);
      return NULL;
    }

  version = json_object_get_member (object, "version");
  if (version == NULL || !is_value_of_type (version, G_TYPE_INT64)
      || json_node_get_int (version) < 1)
    {
      set_damaged_wrong_type (error, "$", "version");
      return NULL;
    }
  if (json_node_get_int (version) > PSR_PACKAGE_VERSION)
    {
      g_autofree char *format = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (version));

      /* Translators: %s is the number of the package format. */
      g_set_error (error, PSR_ERROR, PSR_ERROR_TOO_NEW,
                   _("The package was written by a newer version of Passerelle (format %s): "
                     "update Passerelle to import it."),
                   format);
      return NULL;
    }

  if (member_string (object, "exported_at", NULL) == NULL)
    {
      set_damaged_wrong_type (error, "$", "exported_at");
      return NULL;
    }
  if (!is_timestamp (member_string (object, "exported_at", NULL)))
    {
      set_damaged_bad_value (error, "$", "exported_at");
      return NULL;
    }
  if (!check_array (object, "$", "scenarios", TRUE, error)
      || !check_array (object, "$", "competencies", TRUE, error))
    return NULL;
  scenarios = member_array (object, "scenarios");
  competencies = member_array (object, "competencies");
  if (!check_objects (scenarios, "$", "scenarios", error)
      || !check_objects (competencies, "$", "competencies", error))
    return NULL;

  plan = plan_new (root);

  for (guint i = 0; i < json_array_get_length (competencies); i++)
    {
      JsonObject *competency = json_array_get_object_element (competencies, i);
      g_autofree char *path = g_strdup_printf ("$.competencies[%u]", i);
      const char *uuid;

      if (member_string (competency, "uuid", NULL) == NULL)
        {
          set_damaged_wrong_type (error, path, "uuid");
          return NULL;
        }
      uuid = member_string (competency, "uuid", NULL);
      if (!g_uuid_string_is_valid (uuid))
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("The package is damaged: %s.%s is not a valid UUID."), path, "uuid");
          return NULL;
        }
      if (!g_hash_table_add (package_competencies, (gpointer) uuid))
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("The package is damaged: the UUID %s appears twice."), uuid);
          return NULL;
        }
      if (member_string (competency, "code", NULL) == NULL)
        {
          set_damaged_wrong_type (error, path, "code");
          return NULL;
        }
      if (member_string (competency, "title", NULL) == NULL)
        {
          set_damaged_wrong_type (error, path, "title");
          return NULL;
        }
      if (!check_translations (competency, path, error))
        return NULL;
      if (!match_competency (db, plan, competency, error))
        return NULL;
    }

  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    {
      JsonObject *scenario = json_array_get_object_element (scenarios, i);
      g_autofree char *path = g_strdup_printf ("$.scenarios[%u]", i);

      if (!check_scenario (db, plan, scenario, path, uuids, package_competencies, error)
          || !plan_scenario (db, plan, scenario, error))
        return NULL;
    }

  return g_steal_pointer (&plan);
}

/* Applying ----------------------------------------------------------------------- */

static gboolean
delete_parts (PsrDatabase  *db,
              gint64        scenario_id,
              GError      **error)
{
  static const char * const statements[] = {
    "DELETE FROM scenario_audiences WHERE scenario_id = ?1",
    "DELETE FROM scenario_competencies WHERE scenario_id = ?1",
    "DELETE FROM scenario_phases WHERE scenario_id = ?1",
    "DELETE FROM rehearsal_nodes WHERE scenario_id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = psr_database_prepare (db, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, scenario_id);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_rehearsal (PsrDatabase  *db,
                 JsonObject   *scenario,
                 gint64        scenario_id,
                 GError      **error)
{
  g_autoptr(GHashTable) node_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  JsonNode *member = json_object_get_member (scenario, "rehearsal");
  JsonArray *nodes;
  sqlite3_stmt *stmt;

  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return TRUE;
  nodes = member_array (json_node_get_object (member), "nodes");

  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonNode *is_start = json_object_get_member (node, "is_start");
      gint64 id;

      stmt = psr_database_prepare (db,
                                   "INSERT INTO rehearsal_nodes (scenario_id, position, uuid, name,"
                                   " kind, text, debrief, is_start)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, scenario_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_columns (stmt, 3, node, node_columns, G_N_ELEMENTS (node_columns));
      sqlite3_bind_int (stmt, 8, is_start != NULL && json_node_get_boolean (is_start));
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
      id = psr_database_last_id (db);
      g_hash_table_insert (node_ids, (gpointer) member_string (node, "uuid", ""),
                           g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; nodes != NULL && i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      gint64 *node_id = g_hash_table_lookup (node_ids, member_string (node, "uuid", ""));
      JsonArray *choices = member_array (node, "choices");

      for (guint j = 0; choices != NULL && j < json_array_get_length (choices); j++)
        {
          JsonObject *choice = json_array_get_object_element (choices, j);
          const char *target = member_string (choice, "target", NULL);
          gint64 *target_id = target != NULL ? g_hash_table_lookup (node_ids, target) : NULL;

          stmt = psr_database_prepare (db,
                                       "INSERT INTO rehearsal_choices (node_id, position, uuid,"
                                       " text, feedback, target_node_id)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, *node_id);
          sqlite3_bind_int (stmt, 2, (int) j);
          bind_columns (stmt, 3, choice, choice_columns, G_N_ELEMENTS (choice_columns));
          if (target_id != NULL)
            sqlite3_bind_int64 (stmt, 6, *target_id);
          else
            sqlite3_bind_null (stmt, 6);
          if (!psr_database_step_done (db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Writes the package's translations of a record, those of known languages
 * and fields, other than @original_language. @statement inserts one: ?1
 * the record's UUID, ?2 the language, ?3 the field, ?4 the text. */
static gboolean
write_translations (PsrDatabase  *db,
                    JsonObject   *object,
                    const char   *kind,
                    const char   *original_language,
                    const char   *statement,
                    GError      **error)
{
  JsonNode *node = json_object_get_member (object, "translations");
  const char * const *languages = psr_languages ();
  const PsrTranslatableField *fields;
  guint n_fields;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  fields = psr_translation_fields (kind, &n_fields);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      JsonObject *texts;

      if (g_strcmp0 (languages[i], original_language) == 0
          || !json_object_has_member (json_node_get_object (node), languages[i]))
        continue;
      texts = json_object_get_object_member (json_node_get_object (node), languages[i]);

      for (guint j = 0; j < n_fields; j++)
        {
          const char *text = member_string (texts, fields[j].code, "");
          sqlite3_stmt *stmt;

          if (is_blank (text))
            continue;

          stmt = psr_database_prepare (db, statement, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, member_string (object, "uuid", ""), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, languages[i], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, fields[j].code, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
          if (!psr_database_step_done (db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The translations of the competencies the package matched by UUID: they
 * are added to the local ones, which stay as they are where both have a
 * field translated, since competencies themselves are never replaced. */
static gboolean
write_competency_translations (PsrDatabase     *db,
                               PsrPackagePlan  *plan,
                               GError         **error)
{
  JsonArray *competencies = member_array (json_node_get_object (plan->root), "competencies");

  for (guint i = 0; competencies != NULL && i < json_array_get_length (competencies); i++)
    {
      JsonObject *competency = json_array_get_object_element (competencies, i);

      /* The framework's language is checked by the statement. */
      if (!write_translations (db, competency, "competency", NULL,
                               "INSERT OR IGNORE INTO content_translations"
                               " (kind, record_uuid, language, field, text)"
                               " SELECT 'competency', c.uuid, ?2, ?3, ?4 FROM competencies c"
                               " JOIN frameworks f ON f.id = c.framework_id"
                               " WHERE c.uuid = ?1 AND f.language <> ?2",
                               error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_scenario (PsrDatabase     *db,
                PsrPackagePlan  *plan,
                JsonObject      *scenario,
                gboolean         is_new,
                GError         **error)
{
  const char *uuid = member_string (scenario, "uuid", "");
  sqlite3_stmt *stmt;
  gint64 id = 0;
  JsonArray *array;
  int rc;

  if (is_new)
    {
      stmt = psr_database_prepare (db,
                                   "INSERT INTO scenarios (uuid, title, theme, format, venue,"
                                   " age_min, age_max, group_min, group_max, duration_minutes,"
                                   " objectives, materials, room_layout, mediator_stance,"
                                   " accessibility, difficult_situations, safety, evaluation,"
                                   " sources, language, author, status, created_at, updated_at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                   " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      bind_columns (stmt, 1, scenario, scenario_columns, G_N_ELEMENTS (scenario_columns));
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
      id = psr_database_last_id (db);
    }
  else
    {
      /* Updated in place: modules keep pointing at it. */
      stmt = psr_database_prepare (db,
                                   "UPDATE scenarios SET title = ?2, theme = ?3, format = ?4,"
                                   " venue = ?5, age_min = ?6, age_max = ?7, group_min = ?8,"
                                   " group_max = ?9, duration_minutes = ?10, objectives = ?11,"
                                   " materials = ?12, room_layout = ?13, mediator_stance = ?14,"
                                   " accessibility = ?15, difficult_situations = ?16,"
                                   " safety = ?17, evaluation = ?18, sources = ?19,"
                                   " language = ?20, author = ?21, status = ?22,"
                                   " created_at = ?23, updated_at = ?24 WHERE uuid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      bind_columns (stmt, 1, scenario, scenario_columns, G_N_ELEMENTS (scenario_columns));
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;

      stmt = psr_database_prepare (db, "SELECT id FROM scenarios WHERE uuid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_DONE;
        }
      if (!finish_rows (db, stmt, rc, error))
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
                       _("The scenario to update does not exist any more."));
          return FALSE;
        }
      if (!delete_parts (db, id, error))
        return FALSE;

      /* The package's translations replace the local ones, as its text does. */
      stmt = psr_database_prepare (db, "DELETE FROM content_translations"
                                       " WHERE kind = 'scenario' AND record_uuid = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  if (!write_translations (db, scenario, "scenario", member_string (scenario, "language", "fr"),
                           "INSERT INTO content_translations"
                           " (kind, record_uuid, language, field, text)"
                           " VALUES ('scenario', ?1, ?2, ?3, ?4)",
                           error))
    return FALSE;

  array = member_array (scenario, "audiences");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      stmt = psr_database_prepare (db, "INSERT INTO scenario_audiences (scenario_id, audience)"
                                       " VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, json_array_get_string_element (array, i), -1, SQLITE_TRANSIENT);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  array = member_array (scenario, "competencies");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      gint64 *competency_id = g_hash_table_lookup (plan->competencies,
                                                   json_array_get_string_element (array, i));

      if (competency_id == NULL)
        continue;

      /* Two competencies of the package may match the same one here. */
      stmt = psr_database_prepare (db, "INSERT OR IGNORE INTO scenario_competencies"
                                       " (scenario_id, competency_id) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, *competency_id);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  array = member_array (scenario, "phases");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      stmt = psr_database_prepare (db,
                                   "INSERT INTO scenario_phases (scenario_id, position, uuid,"
                                   " title, duration_minutes, mediator_actions, audience_actions,"
                                   " materials) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      bind_columns (stmt, 3, json_array_get_object_element (array, i), phase_columns,
                    G_N_ELEMENTS (phase_columns));
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  return write_rehearsal (db, scenario, id, error);
}

static gboolean
still_as_read (PsrDatabase  *db,
               const Item   *item,
               GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *local = NULL;
  int rc;

  stmt = psr_database_prepare (db, "SELECT updated_at FROM scenarios WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_string (item->scenario, "uuid", ""), -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      local = g_strdup (column_text (stmt, 0));
      rc = SQLITE_DONE;
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  if (g_strcmp0 (local, item->local_updated_at) != 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED,
                   _("The scenarios changed since the package was read: open the package "
                     "again."));
      return FALSE;
    }

  return TRUE;
}

/**
 * psr_package_apply:
 * @db: the database the plan was read for
 * @plan: a plan from psr_package_read()
 * @choice_for_conflicts: what to do with scenarios changed on both sides
 * @error: return location for a #PsrError
 *
 * Writes the plan in one transaction: all of it, or nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
psr_package_apply (PsrDatabase       *db,
                   PsrPackagePlan    *plan,
                   PsrPackageChoice   choice_for_conflicts,
                   GError           **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!psr_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < plan->items->len; i++)
    {
      const Item *item = &g_array_index (plan->items, Item, i);
      gboolean write = item->action == ACTION_NEW || item->action == ACTION_UPDATE
                       || (item->action == ACTION_CONFLICT
                           && choice_for_conflicts == PSR_PACKAGE_TAKE_INCOMING);

      if (!still_as_read (db, item, error)
          || (write && !write_scenario (db, plan, item->scenario, item->action == ACTION_NEW,
                                        error)))
        {
          psr_database_rollback (db);
          return FALSE;
        }
    }

  if (!write_competency_translations (db, plan, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}
