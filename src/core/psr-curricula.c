/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "psr-curricula.h"
#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-record-model.h"
#include "psr-scenario.h"
#include "psr-store-private.h"

/* What a change applies to: the row leads to the curriculum whose status
 * decides whether it may change. */
typedef struct
{
  const char *sql;      /* ?1 the row → its curriculum's id and status */
  const char *missing;  /* translatable: the row does not exist */
} Target;

/* The ordered rows of a curriculum: its objectives, its modules. */
typedef struct
{
  const Target    *target;        /* one of these rows → its curriculum */
  const PsrTextField *text;          /* the text given when adding one */
  const char      *insert_sql;    /* ?1 UUID, ?2 curriculum, ?3 text: appended */
  const char      *remove_sql;    /* ?1 the row */
  const char      *renumber_sql;  /* ?1 curriculum: positions back to 0 … n-1, in order */
  const char      *locate_sql;    /* ?1 the row → its position, the number of rows */
  const char      *move_sql;      /* ?1 curriculum, ?2 the row, ?3 from, ?4 to */
  const char      *list_sql;      /* ?1 curriculum → the rows, to copy them */
  const char      *copy_sql;      /* ?1 the row, ?2 the new curriculum, ?3 a new UUID */
  const char      *links_sql[2];  /* ?1 the row, ?2 its copy: what hangs from it */
} Children;

static const Target curriculum_target = {
  "SELECT id, status FROM curricula WHERE id = ?1",
  N_("This curriculum no longer exists. Choose another one in the list of curricula."),
};

static const Target objective_target = {
  "SELECT c.id, c.status FROM curriculum_objectives o"
  " JOIN curricula c ON c.id = o.curriculum_id WHERE o.id = ?1",
  N_("This objective no longer exists. Open the curriculum again to see its objectives."),
};

static const Target module_target = {
  "SELECT c.id, c.status FROM modules m JOIN curricula c ON c.id = m.curriculum_id"
  " WHERE m.id = ?1",
  N_("This module no longer exists. Open the curriculum again to see its modules."),
};

/* The other fields of curricula are changed by the updates to them; the
 * curriculum's timestamp is touched once per change, in end_change(). */
static const PsrTextField curriculum_fields[PSR_CURRICULUM_N_FIELDS] = {
  [PSR_CURRICULUM_FIELD_TITLE] = {
    "UPDATE curricula SET title = ?2 WHERE id = ?1",
    N_("A curriculum needs a title. Type one, then try again."),
  },
  [PSR_CURRICULUM_FIELD_SUMMARY] = {
    "UPDATE curricula SET summary = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_AUDIENCE] = {
    "UPDATE curricula SET audience = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_PREREQUISITES] = {
    "UPDATE curricula SET prerequisites = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_TEACHING_METHODS] = {
    "UPDATE curricula SET teaching_methods = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_EVALUATION_METHODS] = {
    "UPDATE curricula SET evaluation_methods = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_ACCESS_TERMS] = {
    "UPDATE curricula SET access_terms = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_ACCESS_DELAY] = {
    "UPDATE curricula SET access_delay = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_CONTACT] = {
    "UPDATE curricula SET contact = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_ACCESSIBILITY] = {
    "UPDATE curricula SET accessibility = ?2 WHERE id = ?1", NULL,
  },
  [PSR_CURRICULUM_FIELD_LANGUAGE] = {
    "UPDATE curricula SET language = ?2 WHERE id = ?1",
    N_("A curriculum needs a language. Choose the one it is taught in."),
  },
};

static const PsrTextField module_fields[PSR_MODULE_N_FIELDS] = {
  [PSR_MODULE_FIELD_TITLE] = {
    "UPDATE modules SET title = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1",
    N_("A module needs a title. Type one, then try again."),
  },
  [PSR_MODULE_FIELD_OBJECTIVES] = {
    "UPDATE modules SET objectives = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_MODULE_FIELD_CONTENT] = {
    "UPDATE modules SET content = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
};

static const PsrTextField objective_text = {
  "UPDATE curriculum_objectives SET text = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1",
  N_("An objective needs a text. Describe what the trainees will be able to do, then try again."),
};

static const Children objectives = {
  .target = &objective_target,
  .text = &objective_text,
  .insert_sql =
    "INSERT INTO curriculum_objectives (uuid, curriculum_id, position, text)"
    " VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM curriculum_objectives"
    "                  WHERE curriculum_id = ?2), ?3)",
  .remove_sql = "DELETE FROM curriculum_objectives WHERE id = ?1",
  .renumber_sql =
    "UPDATE curriculum_objectives SET position = r.rank"
    " FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank"
    "       FROM curriculum_objectives WHERE curriculum_id = ?1) AS r"
    " WHERE curriculum_objectives.id = r.id AND curriculum_objectives.position != r.rank",
  .locate_sql =
    "SELECT position, (SELECT count(*) FROM curriculum_objectives s"
    "                  WHERE s.curriculum_id = o.curriculum_id)"
    " FROM curriculum_objectives o WHERE id = ?1",
  .move_sql =
    "UPDATE curriculum_objectives SET position = CASE WHEN id = ?2 THEN ?4"
    "                                            WHEN ?4 > ?3 THEN position - 1"
    "                                            ELSE position + 1 END"
    " WHERE curriculum_id = ?1 AND position BETWEEN min(?3, ?4) AND max(?3, ?4)",
  .list_sql =
    "SELECT id FROM curriculum_objectives WHERE curriculum_id = ?1 ORDER BY position, id",
  .copy_sql =
    "INSERT INTO curriculum_objectives (uuid, curriculum_id, position, text)"
    " SELECT ?3, ?2, position, text FROM curriculum_objectives WHERE id = ?1",
  .links_sql = {
    "INSERT INTO objective_competencies (objective_id, competency_id)"
    " SELECT ?2, competency_id FROM objective_competencies WHERE objective_id = ?1",
  },
};

static const Children modules = {
  .target = &module_target,
  .text = &module_fields[PSR_MODULE_FIELD_TITLE],
  .insert_sql =
    "INSERT INTO modules (uuid, curriculum_id, position, title)"
    " VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0) FROM modules"
    "                  WHERE curriculum_id = ?2), ?3)",
  .remove_sql = "DELETE FROM modules WHERE id = ?1",
  .renumber_sql =
    "UPDATE modules SET position = r.rank"
    " FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank"
    "       FROM modules WHERE curriculum_id = ?1) AS r"
    " WHERE modules.id = r.id AND modules.position != r.rank",
  .locate_sql =
    "SELECT position, (SELECT count(*) FROM modules s WHERE s.curriculum_id = m.curriculum_id)"
    " FROM modules m WHERE id = ?1",
  .move_sql =
    "UPDATE modules SET position = CASE WHEN id = ?2 THEN ?4"
    "                              WHEN ?4 > ?3 THEN position - 1"
    "                              ELSE position + 1 END"
    " WHERE curriculum_id = ?1 AND position BETWEEN min(?3, ?4) AND max(?3, ?4)",
  .list_sql = "SELECT id FROM modules WHERE curriculum_id = ?1 ORDER BY position, id",
  .copy_sql =
    "INSERT INTO modules (uuid, curriculum_id, position, title, objectives, duration_hours,"
    " method, content)"
    " SELECT ?3, ?2, position, title, objectives, duration_hours, method, content"
    " FROM modules WHERE id = ?1",
  .links_sql = {
    "INSERT INTO module_competencies (module_id, competency_id, target_level_id)"
    " SELECT ?2, competency_id, target_level_id FROM module_competencies WHERE module_id = ?1",
    "INSERT INTO module_scenarios (module_id, scenario_id, position)"
    " SELECT ?2, scenario_id, position FROM module_scenarios WHERE module_id = ?1",
  },
};

static const Children * const all_children[] = { &objectives, &modules };

/* The scenarios of a module (?1) keep their positions 0 … n-1 too. */
static const char renumber_scenarios_sql[] =
  "UPDATE module_scenarios SET position = r.rank"
  " FROM (SELECT scenario_id, row_number() OVER (ORDER BY position, scenario_id) - 1 AS rank"
  "       FROM module_scenarios WHERE module_id = ?1) AS r"
  " WHERE module_scenarios.module_id = ?1 AND module_scenarios.scenario_id = r.scenario_id"
  "   AND module_scenarios.position != r.rank";

static const char * const modalities[] = { "in-person", "remote", "blended", NULL };
static const char * const methods[] = { "theory", "practice", "mixed", NULL };
static const char * const statuses[] = { "draft", "published", "archived", NULL };

/* What Qualiopi (indicator 1) asks a training organisation to publish about
 * each course: publishing waits for all of it, the checks list what is left. */
typedef enum
{
  REQUIRED_TEXT,
  REQUIRED_DURATION,
  REQUIRED_PRICE,
} RequiredKind;

static const struct
{
  RequiredKind        kind;
  PsrCurriculumField  field;  /* for REQUIRED_TEXT */
  const char         *name;   /* translatable in the context "missing field" */
  const char         *check;  /* translatable, the check when it is missing */
} required_fields[] = {
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_SUMMARY,
    /* Translators: the “missing field” names go, in lower case, into a list
     * of the fields left to fill in before publishing. */
    NC_("missing field", "summary"),
    N_("Summary is empty: Qualiopi asks for it") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_AUDIENCE,
    NC_("missing field", "audience"),
    N_("Audience is empty: Qualiopi asks for it") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_PREREQUISITES,
    NC_("missing field", "prerequisites"),
    N_("Prerequisites are empty: Qualiopi asks for them") },
  { REQUIRED_DURATION, 0,
    NC_("missing field", "duration"),
    N_("Duration is not set: Qualiopi asks for it") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_TEACHING_METHODS,
    NC_("missing field", "teaching methods"),
    N_("Teaching methods are empty: Qualiopi asks for them") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_EVALUATION_METHODS,
    NC_("missing field", "evaluation methods"),
    N_("Evaluation methods are empty: Qualiopi asks for them") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_ACCESS_TERMS,
    NC_("missing field", "access terms"),
    N_("Access terms are empty: Qualiopi asks for them") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_ACCESS_DELAY,
    NC_("missing field", "access delay"),
    N_("Access delay is empty: Qualiopi asks for it") },
  { REQUIRED_PRICE, 0,
    NC_("missing field", "price"),
    N_("Price is not set: Qualiopi asks for it") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_CONTACT,
    NC_("missing field", "contact"),
    N_("Contact is empty: Qualiopi asks for it") },
  { REQUIRED_TEXT, PSR_CURRICULUM_FIELD_ACCESSIBILITY,
    NC_("missing field", "accessibility"),
    N_("Accessibility is empty: Qualiopi asks for it") },
};

/* Boxed types -------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (PsrCheck, psr_check, psr_check_copy, psr_check_free)
G_DEFINE_BOXED_TYPE (PsrObjective, psr_objective, psr_objective_copy, psr_objective_free)

PsrCheck *
psr_check_copy (const PsrCheck *check)
{
  g_return_val_if_fail (check != NULL, NULL);

  return psr_check_new (check->severity, g_strdup (check->message));
}

void
psr_check_free (PsrCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->message);
  g_free (check);
}

static PsrObjective *
objective_new (gint64      id,
               guint       position,
               const char *text)
{
  PsrObjective *objective = g_new0 (PsrObjective, 1);

  objective->id = id;
  objective->position = position;
  objective->text = g_strdup (text != NULL ? text : "");
  objective->competency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return objective;
}

PsrObjective *
psr_objective_copy (const PsrObjective *objective)
{
  PsrObjective *copy;

  g_return_val_if_fail (objective != NULL, NULL);

  copy = objective_new (objective->id, objective->position, objective->text);
  g_array_append_vals (copy->competency_ids, objective->competency_ids->data,
                       objective->competency_ids->len);
  return copy;
}

void
psr_objective_free (PsrObjective *objective)
{
  if (objective == NULL)
    return;

  g_free (objective->text);
  g_array_unref (objective->competency_ids);
  g_free (objective);
}

/* Helpers ------------------------------------------------------------------ */

static gboolean
run_with_ids (PsrDatabase  *db,
              const char   *sql,
              gint64        first,
              gint64        second,
              GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, first, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, second);
  return psr_database_step_done (db, stmt, error);
}

/* The ids in the first column of @stmt's rows. */
static GArray *
collect_ids (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL || !psr_store_foreach_row (db, stmt, psr_store_append_id, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

static GListModel *
model_new (PsrDatabase *db,
           GType        record_type,
           GArray      *ids)
{
  PsrRecordModel *model = psr_record_model_new (db, record_type);

  psr_record_model_set_ids (model, (const gint64 *) ids->data, ids->len);
  return G_LIST_MODEL (model);
}

static GListModel *
list_by_id (PsrDatabase  *db,
            GType         record_type,
            const char   *sql,
            gint64        id,
            GError      **error)
{
  g_autoptr(GArray) ids = collect_ids (db, psr_store_prepare_with_id (db, sql, id, error), error);

  return ids != NULL ? model_new (db, record_type, ids) : NULL;
}

static gboolean
same_duration (double first,
               double second)
{
  /* Durations are entered to the minute. */
  return lround (first * 60) == lround (second * 60);
}

static gboolean
check_hours (double   hours,
             GError **error)
{
  if (!isfinite (hours) || hours < 0)
    return psr_store_invalid (error, _("A duration is a number of hours, 0 or more. Enter another one."));

  return TRUE;
}

/* Changes ------------------------------------------------------------------ */

/* The curriculum of a row and its status. */
static gboolean
locate (PsrDatabase   *db,
        const Target  *target,
        gint64         id,
        gint64        *curriculum_id,
        char         **status,
        GError       **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, target->sql, id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, _(target->missing), error))
    return FALSE;

  *curriculum_id = sqlite3_column_int64 (stmt, 0);
  *status = psr_record_column_text (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Sessions point at the version they ran: what it taught must stay as it
 * was, for their certificates and for the auditors. */
static gboolean
refuse_unless_draft (const char  *status,
                     GError     **error)
{
  if (g_str_equal (status, "published"))
    return psr_store_invalid (error, _("This version of the curriculum is published: it can no longer "
                             "change, so that its sessions keep the program they ran. Make a "
                             "new version to change it."));
  if (g_str_equal (status, "archived"))
    return psr_store_invalid (error, _("This version of the curriculum is archived: it can no longer "
                             "change. Make a new version to change it."));

  return TRUE;
}

/* Opens the transaction of a change to a row of @target, once it is known
 * to belong to a draft. */
static gboolean
begin_change (PsrDatabase   *db,
              const Target  *target,
              gint64         id,
              gint64        *curriculum_id,
              GError       **error)
{
  g_autofree char *status = NULL;

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!locate (db, target, id, curriculum_id, &status, error)
      || !refuse_unless_draft (status, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}

/* Closes what begin_change() opened: commits when @done, with the
 * curriculum marked as changed, or rolls back (the error is already set). */
static gboolean
end_change (PsrDatabase  *db,
            gint64        curriculum_id,
            gboolean      done,
            GError      **error)
{
  if (!done
      || !psr_store_run_with_id (db, "UPDATE curricula SET updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                       curriculum_id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/* Opens a change and prepares @sql with the row bound to ?1: the caller
 * binds the rest and calls finish_update(). */
static sqlite3_stmt *
begin_update (PsrDatabase   *db,
              const Target  *target,
              const char    *sql,
              gint64         id,
              gint64        *curriculum_id,
              GError       **error)
{
  sqlite3_stmt *stmt;

  if (!begin_change (db, target, id, curriculum_id, error))
    return NULL;

  stmt = psr_store_prepare_with_id (db, sql, id, error);
  if (stmt == NULL)
    psr_database_rollback (db);

  return stmt;
}

static gboolean
finish_update (PsrDatabase   *db,
               sqlite3_stmt  *stmt,
               gint64         curriculum_id,
               GError       **error)
{
  return end_change (db, curriculum_id, psr_database_step_done (db, stmt, error), error);
}

static gboolean
set_text (PsrDatabase      *db,
          const Target     *target,
          const PsrTextField  *field,
          gint64            id,
          const char       *value,
          GError          **error)
{
  g_autofree char *text = psr_store_text_for_field (field, value, error);
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  if (text == NULL)
    return FALSE;

  stmt = begin_update (db, target, field->sql, id, &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return finish_update (db, stmt, curriculum_id, error);
}

static gboolean
set_hours (PsrDatabase   *db,
           const Target  *target,
           const char    *sql,
           gint64         id,
           double         hours,
           GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  if (!check_hours (hours, error))
    return FALSE;

  stmt = begin_update (db, target, sql, id, &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_double (stmt, 2, hours);
  return finish_update (db, stmt, curriculum_id, error);
}

/* Adds or removes a link from a row of @target to another record (?1 the
 * row, ?2 the other), then runs @after_sql, if any, on the row. */
static gboolean
change_link (PsrDatabase   *db,
             const Target  *target,
             const char    *sql,
             const char    *after_sql,
             gint64         id,
             gint64         other,
             GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 curriculum_id;
  gboolean done;

  stmt = begin_update (db, target, sql, id, &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, other);
  done = psr_database_step_done (db, stmt, error)
         && (after_sql == NULL || psr_store_run_with_id (db, after_sql, id, error));
  return end_change (db, curriculum_id, done, error);
}

/* Ordered rows --------------------------------------------------------------- */

static gint64
add_child (PsrDatabase     *db,
           const Children  *children,
           gint64           curriculum_id,
           const char      *value,
           GError         **error)
{
  g_autofree char *text = psr_store_text_for_field (children->text, value, error);
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 owner;
  gint64 id = 0;
  gboolean done;

  if (text == NULL || !begin_change (db, &curriculum_target, curriculum_id, &owner, error))
    return 0;

  stmt = psr_database_prepare (db, children->insert_sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, owner);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
    }
  done = stmt != NULL && psr_database_step_done (db, stmt, error);
  if (done)
    id = psr_database_last_id (db);
  done = done && psr_store_run_with_id (db, children->renumber_sql, owner, error);

  return end_change (db, owner, done, error) ? id : 0;
}

static gboolean
remove_child (PsrDatabase     *db,
              const Children  *children,
              gint64           id,
              GError         **error)
{
  gint64 curriculum_id;
  gboolean done;

  if (!begin_change (db, children->target, id, &curriculum_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, children->remove_sql, id, error)
         && psr_store_run_with_id (db, children->renumber_sql, curriculum_id, error);
  return end_change (db, curriculum_id, done, error);
}

/* Shifts the rows between the old and the new position by one, once the
 * positions are known to be 0 … n-1. */
static gboolean
shift_child (PsrDatabase     *db,
             const Children  *children,
             gint64           curriculum_id,
             gint64           id,
             guint            new_position,
             GError         **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, children->locate_sql, id, error);
  gint64 from;
  gint64 to;

  if (stmt == NULL || !psr_store_step_row (db, stmt, _(children->target->missing), error))
    return FALSE;

  from = sqlite3_column_int64 (stmt, 0);
  to = MIN ((gint64) new_position, sqlite3_column_int64 (stmt, 1) - 1);
  sqlite3_reset (stmt);
  if (from == to)
    return TRUE;

  stmt = psr_store_prepare_with_id (db, children->move_sql, curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  return psr_database_step_done (db, stmt, error);
}

static gboolean
move_child (PsrDatabase     *db,
            const Children  *children,
            gint64           id,
            guint            new_position,
            GError         **error)
{
  gint64 curriculum_id;
  gboolean done;

  if (!begin_change (db, children->target, id, &curriculum_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, children->renumber_sql, curriculum_id, error)
         && shift_child (db, children, curriculum_id, id, new_position, error);
  return end_change (db, curriculum_id, done, error);
}

/* Copies the rows of one curriculum into another, with new UUIDs and what
 * hangs from them. */
static gboolean
copy_children (PsrDatabase     *db,
               const Children  *children,
               gint64           from_id,
               gint64           to_id,
               GError         **error)
{
  g_autoptr(GArray) ids = NULL;

  /* Collected first: the copies go into the table being read. */
  ids = collect_ids (db, psr_store_prepare_with_id (db, children->list_sql, from_id, error), error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *uuid = psr_uuid_new ();
      gint64 id = g_array_index (ids, gint64, i);
      sqlite3_stmt *stmt = psr_store_prepare_with_id (db, children->copy_sql, id, error);
      gint64 copy_id;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 2, to_id);
      sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;

      copy_id = psr_database_last_id (db);
      for (guint j = 0; j < G_N_ELEMENTS (children->links_sql); j++)
        if (children->links_sql[j] != NULL
            && !run_with_ids (db, children->links_sql[j], id, copy_id, error))
          return FALSE;
    }

  return TRUE;
}

/* Curricula ------------------------------------------------------------------ */

gint64
psr_curriculum_create (PsrDatabase  *db,
                       const char   *title,
                       GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *lineage_uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  text = psr_store_text_for_field (&curriculum_fields[PSR_CURRICULUM_FIELD_TITLE], title, error);
  if (text == NULL)
    return 0;

  /* One statement: a transaction of its own. With several frameworks,
   * choosing one is the trainer's decision. */
  stmt = psr_database_prepare (db,
    "INSERT INTO curricula (uuid, lineage_uuid, title, framework_id)"
    " VALUES (?1, ?2, ?3, (SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM frameworks"
    "                      WHERE archived = 0))", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lineage_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return 0;

  return psr_database_last_id (db);
}

gboolean
psr_curriculum_set_field (PsrDatabase         *db,
                          gint64               id,
                          PsrCurriculumField   field,
                          const char          *value,
                          GError             **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (field < PSR_CURRICULUM_N_FIELDS, FALSE);

  return set_text (db, &curriculum_target, &curriculum_fields[field], id, value, error);
}

gboolean
psr_curriculum_set_duration (PsrDatabase  *db,
                             gint64        id,
                             double        hours,
                             GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_hours (db, &curriculum_target,
                    "UPDATE curricula SET duration_hours = ?2 WHERE id = ?1", id, hours, error);
}

gboolean
psr_curriculum_set_price (PsrDatabase  *db,
                          gint64        id,
                          gint64        cents,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (cents < -1)
    return psr_store_invalid (error, _("A price cannot be negative. Enter an amount, or leave the price "
                             "empty."));

  stmt = begin_update (db, &curriculum_target,
                       "UPDATE curricula SET price_cents = ?2 WHERE id = ?1", id,
                       &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  if (cents >= 0)
    sqlite3_bind_int64 (stmt, 2, cents);
  return finish_update (db, stmt, curriculum_id, error);
}

gboolean
psr_curriculum_set_modality (PsrDatabase  *db,
                             gint64        id,
                             const char   *modality,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (modality == NULL || !g_strv_contains (modalities, modality))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a modality of a curriculum. Choose in-person, remote or "
                     "blended."), modality != NULL ? modality : "");
      return FALSE;
    }

  stmt = begin_update (db, &curriculum_target,
                       "UPDATE curricula SET modality = ?2 WHERE id = ?1", id,
                       &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, modality, -1, SQLITE_TRANSIENT);
  return finish_update (db, stmt, curriculum_id, error);
}

static gboolean
is_missing (PsrCurriculum *curriculum,
            guint          i)
{
  switch (required_fields[i].kind)
    {
    case REQUIRED_DURATION:
      return psr_curriculum_get_duration_hours (curriculum) <= 0;

    case REQUIRED_PRICE:
      return psr_curriculum_get_price_cents (curriculum) < 0;

    case REQUIRED_TEXT:
    default:
      return psr_store_is_blank (psr_curriculum_get_text (curriculum, required_fields[i].field));
    }
}

static gboolean
check_publishable (PsrDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  g_autoptr(PsrRecord) record = psr_record_load (db, PSR_TYPE_CURRICULUM, id, error);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_missing = 0;

  if (record == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (required_fields); i++)
    {
      if (!is_missing (PSR_CURRICULUM (record), i))
        continue;

      if (n_missing++ > 0)
        /* Translators: separates the names of fields in a list. */
        g_string_append (names, _(", "));
      g_string_append (names, g_dpgettext2 (GETTEXT_PACKAGE, "missing field",
                                            required_fields[i].name));
    }

  if (n_missing == 0)
    return TRUE;

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               ngettext ("To publish this curriculum, fill in this field first: %s.",
                         "To publish this curriculum, fill in these fields first: %s.",
                         n_missing),
               names->str);
  return FALSE;
}

static gboolean
change_status (PsrDatabase  *db,
               gint64        id,
               const char   *status,
               GError      **error)
{
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  if (!locate (db, &curriculum_target, id, &curriculum_id, &current, error))
    return FALSE;

  if (g_str_equal (current, status))
    return TRUE;

  if (g_str_equal (status, "draft"))
    return psr_store_invalid (error, _("A published or archived version cannot become a draft again. "
                             "Make a new version to change it."));
  if (g_str_equal (status, "archived") && g_str_equal (current, "draft"))
    return psr_store_invalid (error, _("Only a published version can be archived. Publish this draft "
                             "first."));
  if (g_str_equal (status, "published") && !check_publishable (db, id, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db, "UPDATE curricula SET status = ?2, updated_at = " PSR_STORE_NOW
                           " WHERE id = ?1", id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (db, stmt, error);
}

gboolean
psr_curriculum_set_status (PsrDatabase  *db,
                           gint64        id,
                           const char   *status,
                           GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (status == NULL || !g_strv_contains (statuses, status))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a status of a curriculum. Choose draft, published or "
                     "archived."), status != NULL ? status : "");
      return FALSE;
    }

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!change_status (db, id, status, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

static gboolean
copy_curriculum (PsrDatabase  *db,
                 gint64        id,
                 gint64       *copy_id,
                 GError      **error)
{
  g_autofree char *status = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  if (!locate (db, &curriculum_target, id, &curriculum_id, &status, error))
    return FALSE;

  if (g_str_equal (status, "draft"))
    return psr_store_invalid (error, _("This version is still a draft: change it directly, without "
                             "making a new version."));

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO curricula (uuid, lineage_uuid, version, framework_id, title, summary, audience,"
    " prerequisites, duration_hours, modality, teaching_methods, evaluation_methods,"
    " access_terms, access_delay, price_cents, contact, accessibility, language, status)"
    " SELECT ?2, lineage_uuid,"
    " (SELECT max(v.version) + 1 FROM curricula v WHERE v.lineage_uuid = c.lineage_uuid),"
    " framework_id, title, summary, audience, prerequisites, duration_hours, modality,"
    " teaching_methods, evaluation_methods, access_terms, access_delay, price_cents, contact,"
    " accessibility, language, 'draft'"
    " FROM curricula c WHERE id = ?1", id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  *copy_id = psr_database_last_id (db);
  for (guint i = 0; i < G_N_ELEMENTS (all_children); i++)
    if (!copy_children (db, all_children[i], id, *copy_id, error))
      return FALSE;

  /* The translations follow the text into the new version; a module's
   * copy is the one at its position. */
  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO content_translations (kind, record_uuid, language, field, text)"
    " SELECT 'curriculum', n.uuid, t.language, t.field, t.text"
    " FROM curricula o JOIN curricula n ON n.id = ?2"
    " JOIN content_translations t ON t.kind = 'curriculum' AND t.record_uuid = o.uuid"
    " WHERE o.id = ?1", id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, *copy_id);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO content_translations (kind, record_uuid, language, field, text)"
    " SELECT 'module', n.uuid, t.language, t.field, t.text"
    " FROM modules o JOIN modules n ON n.curriculum_id = ?2 AND n.position = o.position"
    " JOIN content_translations t ON t.kind = 'module' AND t.record_uuid = o.uuid"
    " WHERE o.curriculum_id = ?1", id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, *copy_id);

  return psr_database_step_done (db, stmt, error);
}

gint64
psr_curriculum_new_version (PsrDatabase  *db,
                            gint64        id,
                            GError      **error)
{
  gint64 copy_id = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!psr_database_begin (db, error))
    return 0;

  if (!copy_curriculum (db, id, &copy_id, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  return psr_database_commit (db, error) ? copy_id : 0;
}

/* Lists ---------------------------------------------------------------------- */

GListModel *
psr_curriculum_list_modules (PsrDatabase  *db,
                             gint64        curriculum_id,
                             GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  return list_by_id (db, PSR_TYPE_MODULE,
                     "SELECT id FROM modules WHERE curriculum_id = ?1 ORDER BY position, id",
                     curriculum_id, error);
}

GListModel *
psr_curriculum_list_versions (PsrDatabase  *db,
                              const char   *lineage_uuid,
                              GError      **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (lineage_uuid != NULL, NULL);

  stmt = psr_database_prepare (db,
    "SELECT id FROM curricula WHERE lineage_uuid = ?1 ORDER BY version DESC", error);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, lineage_uuid, -1, SQLITE_TRANSIENT);
  ids = collect_ids (db, stmt, error);

  return ids != NULL ? model_new (db, PSR_TYPE_CURRICULUM, ids) : NULL;
}

typedef struct
{
  GArray     *ids;
  const char *search;
} Search;

static void
append_if_found (sqlite3_stmt *stmt,
                 gpointer      data)
{
  Search *search = data;
  g_autofree char *text = NULL;

  if (search->search != NULL)
    {
      text = g_strconcat ((const char *) sqlite3_column_text (stmt, 1), "\n",
                          (const char *) sqlite3_column_text (stmt, 2), NULL);
      /* Each word of the search starts a word of the text, whatever the
       * case; "mediation" finds "médiation" too. */
      if (!g_str_match_string (search->search, text, TRUE))
        return;
    }

  psr_store_append_id (stmt, search->ids);
}

GListModel *
psr_curricula_list_latest (PsrDatabase  *db,
                           const char   *search,
                           GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Search data = { ids, search != NULL && !psr_store_is_blank (search) ? search : NULL };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  /* The words are matched here rather than in SQL, whose lower() and LIKE
   * know only ASCII; there are tens of curricula, not thousands. */
  stmt = psr_database_prepare (db,
    "SELECT id, title, summary FROM curricula c"
    " WHERE version = (SELECT max(v.version) FROM curricula v"
    "                  WHERE v.lineage_uuid = c.lineage_uuid)"
    " ORDER BY title COLLATE NOCASE, id", error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_if_found, &data, error))
    return NULL;

  return model_new (db, PSR_TYPE_CURRICULUM, ids);
}

/* Checks ------------------------------------------------------------------- */

static char *
objective_check (sqlite3_stmt *stmt)
{
  /* Translators: %d is the number of the objective in the list, from 1. */
  return g_strdup_printf (_("Objective %d is linked to no competency"),
                          sqlite3_column_int (stmt, 0));
}

static char *
coverage_check (sqlite3_stmt *stmt)
{
  const char *code = (const char *) sqlite3_column_text (stmt, 0);

  if (code != NULL && *code != '\0')
    /* Translators: %s is the code of a competency, such as 2.3. */
    return g_strdup_printf (_("Competency %s of the objectives is covered by no module"), code);

  /* Translators: %s is the title of a competency that has no code. */
  return g_strdup_printf (_("Competency “%s” of the objectives is covered by no module"),
                          (const char *) sqlite3_column_text (stmt, 1));
}

/* Checks found by a query of the curriculum (?1), one per row. */
static const struct
{
  const char *sql;
  char     *(*message) (sqlite3_stmt *stmt);
} row_checks[] = {
  {
    /* Numbered as the form shows them, from 1. */
    "SELECT n FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n"
    "               FROM curriculum_objectives WHERE curriculum_id = ?1) AS o"
    " WHERE NOT EXISTS (SELECT 1 FROM objective_competencies oc WHERE oc.objective_id = o.id)"
    " ORDER BY n",
    objective_check,
  },
  {
    "SELECT c.code, c.title FROM competencies c"
    " JOIN objective_competencies oc ON oc.competency_id = c.id"
    " JOIN curriculum_objectives o ON o.id = oc.objective_id"
    " WHERE o.curriculum_id = ?1"
    "   AND NOT EXISTS (SELECT 1 FROM module_competencies mc"
    "                   JOIN modules m ON m.id = mc.module_id"
    "                   WHERE m.curriculum_id = ?1 AND mc.competency_id = c.id)"
    " GROUP BY c.id ORDER BY min(o.position), c.id",
    coverage_check,
  },
};

typedef struct
{
  GPtrArray *checks;
  char     *(*message) (sqlite3_stmt *stmt);
} RowCheck;

static void
add_row_check (sqlite3_stmt *stmt,
               gpointer      data)
{
  RowCheck *row_check = data;

  g_ptr_array_add (row_check->checks, psr_check_new (PSR_CHECK_WARNING, row_check->message (stmt)));
}

static void
check_durations (PsrCurriculum *curriculum,
                 GPtrArray     *checks)
{
  double planned = psr_curriculum_get_duration_hours (curriculum);
  double modules_hours = psr_curriculum_get_modules_hours (curriculum);
  g_autofree char *modules_text = NULL;
  g_autofree char *planned_text = NULL;
  g_autofree char *message = NULL;

  /* An unset duration is reported with the required fields. */
  if (psr_curriculum_get_n_modules (curriculum) == 0 || planned <= 0
      || same_duration (planned, modules_hours))
    return;

  modules_text = psr_format_hours (modules_hours);
  planned_text = psr_format_hours (planned);
  /* Translators: both are durations, such as “12 h”. */
  message = g_strdup_printf (_("The modules add up to %s, the curriculum says %s"),
                             modules_text, planned_text);
  g_ptr_array_add (checks, psr_check_new (PSR_CHECK_WARNING, g_steal_pointer (&message)));
}

GPtrArray *
psr_curriculum_check (PsrDatabase  *db,
                      gint64        id,
                      GError      **error)
{
  g_autoptr(PsrRecord) record = NULL;
  g_autoptr(GPtrArray) checks = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  record = psr_record_load (db, PSR_TYPE_CURRICULUM, id, error);
  if (record == NULL)
    return NULL;

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_check_free);
  check_durations (PSR_CURRICULUM (record), checks);

  for (guint i = 0; i < G_N_ELEMENTS (row_checks); i++)
    {
      RowCheck data = { checks, row_checks[i].message };
      sqlite3_stmt *stmt = psr_store_prepare_with_id (db, row_checks[i].sql, id, error);

      if (stmt == NULL || !psr_store_foreach_row (db, stmt, add_row_check, &data, error))
        return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required_fields); i++)
    if (is_missing (PSR_CURRICULUM (record), i))
      g_ptr_array_add (checks, psr_check_new (PSR_CHECK_INFO, g_strdup (_(required_fields[i].check))));

  return g_steal_pointer (&checks);
}

/* Objectives --------------------------------------------------------------- */

static void
append_objective_row (sqlite3_stmt *stmt,
                      gpointer      data)
{
  GPtrArray *list = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  PsrObjective *objective = list->len > 0 ? g_ptr_array_index (list, list->len - 1) : NULL;

  /* One row per link, in order: a new id starts the next objective. */
  if (objective == NULL || objective->id != id)
    {
      objective = objective_new (id, sqlite3_column_int (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (list, objective);
    }

  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    {
      gint64 competency_id = sqlite3_column_int64 (stmt, 3);

      g_array_append_val (objective->competency_ids, competency_id);
    }
}

GPtrArray *
psr_curriculum_list_objectives (PsrDatabase  *db,
                                gint64        curriculum_id,
                                GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT o.id, o.position, o.text, oc.competency_id FROM curriculum_objectives o"
    " LEFT JOIN objective_competencies oc ON oc.objective_id = o.id"
    " LEFT JOIN competencies c ON c.id = oc.competency_id"
    " LEFT JOIN competencies p ON p.id = c.parent_id"
    " WHERE o.curriculum_id = ?1"
    " ORDER BY o.position, o.id, p.position, c.position, c.id", curriculum_id, error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_objective_free);
  if (!psr_store_foreach_row (db, stmt, append_objective_row, list, error))
    return NULL;

  return g_steal_pointer (&list);
}

gint64
psr_objective_add (PsrDatabase  *db,
                   gint64        curriculum_id,
                   const char   *text,
                   GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  return add_child (db, &objectives, curriculum_id, text, error);
}

gboolean
psr_objective_set_text (PsrDatabase  *db,
                        gint64        objective_id,
                        const char   *text,
                        GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_text (db, &objective_target, &objective_text, objective_id, text, error);
}

gboolean
psr_objective_remove (PsrDatabase  *db,
                      gint64        objective_id,
                      GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return remove_child (db, &objectives, objective_id, error);
}

gboolean
psr_objective_move (PsrDatabase  *db,
                    gint64        objective_id,
                    guint         new_position,
                    GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return move_child (db, &objectives, objective_id, new_position, error);
}

gboolean
psr_objective_link_competency (PsrDatabase  *db,
                               gint64        objective_id,
                               gint64        competency_id,
                               GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db, &objective_target,
                      "INSERT INTO objective_competencies (objective_id, competency_id)"
                      " VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                      NULL, objective_id, competency_id, error);
}

gboolean
psr_objective_unlink_competency (PsrDatabase  *db,
                                 gint64        objective_id,
                                 gint64        competency_id,
                                 GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db, &objective_target,
                      "DELETE FROM objective_competencies"
                      " WHERE objective_id = ?1 AND competency_id = ?2",
                      NULL, objective_id, competency_id, error);
}

/* Modules ------------------------------------------------------------------ */

gint64
psr_module_add (PsrDatabase  *db,
                gint64        curriculum_id,
                const char   *title,
                GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  return add_child (db, &modules, curriculum_id, title, error);
}

gboolean
psr_module_set_field (PsrDatabase     *db,
                      gint64           module_id,
                      PsrModuleField   field,
                      const char      *value,
                      GError         **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (field < PSR_MODULE_N_FIELDS, FALSE);

  return set_text (db, &module_target, &module_fields[field], module_id, value, error);
}

gboolean
psr_module_set_duration (PsrDatabase  *db,
                         gint64        module_id,
                         double        hours,
                         GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_hours (db, &module_target,
                    "UPDATE modules SET duration_hours = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                    module_id, hours, error);
}

gboolean
psr_module_set_method (PsrDatabase  *db,
                       gint64        module_id,
                       const char   *method,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (method == NULL || !g_strv_contains (methods, method))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a method of a module. Choose theory, practice or mixed."),
                   method != NULL ? method : "");
      return FALSE;
    }

  stmt = begin_update (db, &module_target,
                       "UPDATE modules SET method = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                       module_id, &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, method, -1, SQLITE_TRANSIENT);
  return finish_update (db, stmt, curriculum_id, error);
}

gboolean
psr_module_remove (PsrDatabase  *db,
                   gint64        module_id,
                   GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return remove_child (db, &modules, module_id, error);
}

gboolean
psr_module_move (PsrDatabase  *db,
                 gint64        module_id,
                 guint         new_position,
                 GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return move_child (db, &modules, module_id, new_position, error);
}

static void
append_module_competency (sqlite3_stmt *stmt,
                          gpointer      data)
{
  PsrModuleCompetency link = {
    sqlite3_column_int64 (stmt, 0),
    sqlite3_column_int64 (stmt, 1),  /* 0 for NULL */
  };

  g_array_append_val ((GArray *) data, link);
}

GArray *
psr_module_list_competencies (PsrDatabase  *db,
                              gint64        module_id,
                              GError      **error)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (PsrModuleCompetency));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT mc.competency_id, mc.target_level_id FROM module_competencies mc"
    " JOIN competencies c ON c.id = mc.competency_id"
    " LEFT JOIN competencies p ON p.id = c.parent_id"
    " WHERE mc.module_id = ?1"
    " ORDER BY p.position, c.position, c.id", module_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_module_competency, links, error))
    return NULL;

  return g_steal_pointer (&links);
}

gboolean
psr_module_set_competency (PsrDatabase  *db,
                           gint64        module_id,
                           gint64        competency_id,
                           gint64        target_level_id,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 curriculum_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  stmt = begin_update (db, &module_target,
                       "INSERT INTO module_competencies (module_id, competency_id, target_level_id)"
                       " VALUES (?1, ?2, ?3) ON CONFLICT (module_id, competency_id)"
                       " DO UPDATE SET target_level_id = excluded.target_level_id",
                       module_id, &curriculum_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, competency_id);
  if (target_level_id > 0)
    sqlite3_bind_int64 (stmt, 3, target_level_id);
  return finish_update (db, stmt, curriculum_id, error);
}

gboolean
psr_module_unset_competency (PsrDatabase  *db,
                             gint64        module_id,
                             gint64        competency_id,
                             GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db, &module_target,
                      "DELETE FROM module_competencies WHERE module_id = ?1 AND competency_id = ?2",
                      NULL, module_id, competency_id, error);
}

GListModel *
psr_module_list_scenarios (PsrDatabase  *db,
                           gint64        module_id,
                           GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  return list_by_id (db, PSR_TYPE_SCENARIO,
                     "SELECT scenario_id FROM module_scenarios WHERE module_id = ?1"
                     " ORDER BY position, scenario_id",
                     module_id, error);
}

gboolean
psr_module_add_scenario (PsrDatabase  *db,
                         gint64        module_id,
                         gint64        scenario_id,
                         GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db, &module_target,
                      "INSERT INTO module_scenarios (module_id, scenario_id, position)"
                      " VALUES (?1, ?2, (SELECT coalesce(max(position) + 1, 0)"
                      "                  FROM module_scenarios WHERE module_id = ?1))"
                      " ON CONFLICT DO NOTHING",
                      renumber_scenarios_sql, module_id, scenario_id, error);
}

gboolean
psr_module_remove_scenario (PsrDatabase  *db,
                            gint64        module_id,
                            gint64        scenario_id,
                            GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db, &module_target,
                      "DELETE FROM module_scenarios WHERE module_id = ?1 AND scenario_id = ?2",
                      renumber_scenarios_sql, module_id, scenario_id, error);
}
