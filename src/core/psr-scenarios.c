/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-record-model.h"
#include "psr-scenarios.h"
#include "psr-store-private.h"

/* What a change applies to: the row leads to its scenario. */
typedef struct
{
  const char *sql;      /* ?1 the row → its scenario's id */
  const char *missing;  /* translatable: the row does not exist */
} Target;

/* A column that takes one code of a list. */
typedef struct
{
  const char          *sql;            /* ?1 the scenario, ?2 the code */
  const char * const *(*codes) (void);
  const char          *unknown;        /* translatable */
} CodeField;

/* Two columns bounding a range, each NULL when not set. */
typedef struct
{
  const char *sql;       /* ?1 the scenario, ?2 the lower bound, ?3 the upper one */
  int         lowest;    /* the smallest value of a bound */
  const char *too_low;   /* translatable: a bound below @lowest */
  const char *inverted;  /* translatable */
} RangeField;

static const Target scenario_target = {
  "SELECT id FROM scenarios WHERE id = ?1",
  N_("This scenario no longer exists. Choose another one in the list of scenarios."),
};

static const Target phase_target = {
  "SELECT scenario_id FROM scenario_phases WHERE id = ?1",
  N_("This phase no longer exists. Open the scenario again to see its phases."),
};

/* The scenario's timestamp is touched once per change, in end_change(). */
static const PsrTextField scenario_fields[PSR_SCENARIO_N_FIELDS] = {
  [PSR_SCENARIO_FIELD_TITLE] = {
    "UPDATE scenarios SET title = ?2 WHERE id = ?1",
    N_("A scenario needs a title. Type one, then try again."),
  },
  [PSR_SCENARIO_FIELD_THEME] = {
    "UPDATE scenarios SET theme = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_OBJECTIVES] = {
    "UPDATE scenarios SET objectives = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_MATERIALS] = {
    "UPDATE scenarios SET materials = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_ROOM_LAYOUT] = {
    "UPDATE scenarios SET room_layout = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_MEDIATOR_STANCE] = {
    "UPDATE scenarios SET mediator_stance = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_ACCESSIBILITY] = {
    "UPDATE scenarios SET accessibility = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS] = {
    "UPDATE scenarios SET difficult_situations = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_SAFETY] = {
    "UPDATE scenarios SET safety = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_EVALUATION] = {
    "UPDATE scenarios SET evaluation = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_SOURCES] = {
    "UPDATE scenarios SET sources = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_AUTHOR] = {
    "UPDATE scenarios SET author = ?2 WHERE id = ?1", NULL,
  },
  [PSR_SCENARIO_FIELD_LANGUAGE] = {
    "UPDATE scenarios SET language = ?2 WHERE id = ?1",
    N_("A scenario needs a language. Choose the one the activity is led in."),
  },
};

static const PsrTextField phase_title = {
  NULL,  /* changed with the rest of the phase */
  N_("A phase needs a title. Type one, then try again."),
};

static const char * const *
statuses (void)
{
  static const char * const codes[] = { "draft", "published", "archived", NULL };

  return codes;
}

static const CodeField format_field = {
  "UPDATE scenarios SET format = ?2 WHERE id = ?1",
  psr_scenario_formats,
  N_("This is not a format of scenario. Choose one in the list of formats."),
};

static const CodeField venue_field = {
  "UPDATE scenarios SET venue = ?2 WHERE id = ?1",
  psr_scenario_venues,
  N_("This is not a venue of scenario. Choose one in the list of venues."),
};

static const CodeField status_field = {
  "UPDATE scenarios SET status = ?2 WHERE id = ?1",
  statuses,
  N_("This is not a status of scenario. Choose draft, published or archived."),
};

static const RangeField ages_field = {
  "UPDATE scenarios SET age_min = ?2, age_max = ?3 WHERE id = ?1",
  0,
  N_("An age is 0 years or more. Enter another one, or leave it empty."),
  N_("The youngest age is above the oldest. Swap them, then try again."),
};

static const RangeField group_field = {
  "UPDATE scenarios SET group_min = ?2, group_max = ?3 WHERE id = ?1",
  1,
  N_("A group has 1 person or more. Enter another size, or leave it empty."),
  N_("The smallest group is above the largest. Swap them, then try again."),
};

/* The phases of a scenario (?1) back to the positions 0 … n-1, in order. */
static const char renumber_phases_sql[] =
  "UPDATE scenario_phases SET position = r.rank"
  " FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank"
  "       FROM scenario_phases WHERE scenario_id = ?1) AS r"
  " WHERE scenario_phases.id = r.id AND scenario_phases.position != r.rank";

/* Boxed types -------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (PsrPhase, psr_phase, psr_phase_copy, psr_phase_free)

PsrPhase *
psr_phase_copy (const PsrPhase *phase)
{
  PsrPhase *copy;

  g_return_val_if_fail (phase != NULL, NULL);

  copy = g_new0 (PsrPhase, 1);
  copy->id = phase->id;
  copy->position = phase->position;
  copy->title = g_strdup (phase->title);
  copy->duration_minutes = phase->duration_minutes;
  copy->mediator_actions = g_strdup (phase->mediator_actions);
  copy->audience_actions = g_strdup (phase->audience_actions);
  copy->materials = g_strdup (phase->materials);
  return copy;
}

void
psr_phase_free (PsrPhase *phase)
{
  if (phase == NULL)
    return;

  g_free (phase->title);
  g_free (phase->mediator_actions);
  g_free (phase->audience_actions);
  g_free (phase->materials);
  g_free (phase);
}

/* Helpers ------------------------------------------------------------------ */

/* The two integers of the one row of @sql for the row @id. */
static gboolean
query_pair (PsrDatabase  *db,
            const char   *sql,
            gint64        id,
            const char   *missing,
            gint64       *first,
            gint64       *second,
            GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, missing, error))
    return FALSE;

  *first = sqlite3_column_int64 (stmt, 0);
  *second = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_code (const CodeField  *field,
            const char       *code,
            GError          **error)
{
  if (code != NULL && g_strv_contains (field->codes (), code))
    return TRUE;

  return psr_store_invalid (error, _(field->unknown));
}

static gboolean
check_range (const RangeField  *field,
             int                lower,
             int                upper,
             GError           **error)
{
  if ((lower != -1 && lower < field->lowest) || (upper != -1 && upper < field->lowest))
    return psr_store_invalid (error, _(field->too_low));

  if (lower != -1 && upper != -1 && lower > upper)
    return psr_store_invalid (error, _(field->inverted));

  return TRUE;
}

/* -1 stands for NULL. */
static void
bind_bound (sqlite3_stmt *stmt,
            int           column,
            int           value)
{
  if (value >= 0)
    sqlite3_bind_int (stmt, column, value);
  else
    sqlite3_bind_null (stmt, column);
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
      || !psr_store_run_with_id (db, "UPDATE scenarios SET updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                       scenario_id, error))
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
              gint64        *scenario_id,
              GError       **error)
{
  sqlite3_stmt *stmt;

  if (!begin_change (db, target, id, scenario_id, error))
    return NULL;

  stmt = psr_store_prepare_with_id (db, sql, id, error);
  if (stmt == NULL)
    psr_database_rollback (db);

  return stmt;
}

static gboolean
finish_update (PsrDatabase   *db,
               sqlite3_stmt  *stmt,
               gint64         scenario_id,
               GError       **error)
{
  return end_change (db, scenario_id, psr_database_step_done (db, stmt, error), error);
}

static gboolean
set_text (PsrDatabase      *db,
          const PsrTextField  *field,
          gint64            id,
          const char       *value,
          GError          **error)
{
  g_autofree char *text = psr_store_text_for_field (field, value, error);
  sqlite3_stmt *stmt;
  gint64 scenario_id;

  if (text == NULL)
    return FALSE;

  stmt = begin_update (db, &scenario_target, field->sql, id, &scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return finish_update (db, stmt, scenario_id, error);
}

static gboolean
set_code (PsrDatabase      *db,
          const CodeField  *field,
          gint64            id,
          const char       *code,
          GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 scenario_id;

  if (!check_code (field, code, error))
    return FALSE;

  stmt = begin_update (db, &scenario_target, field->sql, id, &scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  return finish_update (db, stmt, scenario_id, error);
}

static gboolean
set_range (PsrDatabase       *db,
           const RangeField  *field,
           gint64             id,
           int                lower,
           int                upper,
           GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 scenario_id;

  if (!check_range (field, lower, upper, error))
    return FALSE;

  stmt = begin_update (db, &scenario_target, field->sql, id, &scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  bind_bound (stmt, 2, lower);
  bind_bound (stmt, 3, upper);
  return finish_update (db, stmt, scenario_id, error);
}

/* Adds or removes a link from the scenario (?1) to another record (?2). */
static gboolean
change_link (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             gint64        other,
             GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 scenario_id;

  stmt = begin_update (db, &scenario_target, sql, id, &scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, other);
  return finish_update (db, stmt, scenario_id, error);
}

/* Scenarios ------------------------------------------------------------------ */

gint64
psr_scenario_create (PsrDatabase  *db,
                     const char   *title,
                     GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  text = psr_store_text_for_field (&scenario_fields[PSR_SCENARIO_FIELD_TITLE], title, error);
  if (text == NULL)
    return 0;

  /* One statement: a transaction of its own. */
  stmt = psr_database_prepare (db,
    "INSERT INTO scenarios (uuid, title, status, language, format, venue)"
    " VALUES (?1, ?2, 'draft', 'fr', 'workshop', 'exhibition')", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return 0;

  return psr_database_last_id (db);
}

gboolean
psr_scenario_set_field (PsrDatabase       *db,
                        gint64             id,
                        PsrScenarioField   field,
                        const char        *value,
                        GError           **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (field < PSR_SCENARIO_N_FIELDS, FALSE);

  return set_text (db, &scenario_fields[field], id, value, error);
}

gboolean
psr_scenario_set_format (PsrDatabase  *db,
                         gint64        id,
                         const char   *format,
                         GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_code (db, &format_field, id, format, error);
}

gboolean
psr_scenario_set_venue (PsrDatabase  *db,
                        gint64        id,
                        const char   *venue,
                        GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_code (db, &venue_field, id, venue, error);
}

gboolean
psr_scenario_set_status (PsrDatabase  *db,
                         gint64        id,
                         const char   *status,
                         GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_code (db, &status_field, id, status, error);
}

gboolean
psr_scenario_set_duration (PsrDatabase  *db,
                           gint64        id,
                           guint         minutes,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 scenario_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  stmt = begin_update (db, &scenario_target,
                       "UPDATE scenarios SET duration_minutes = ?2 WHERE id = ?1",
                       id, &scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, minutes);
  return finish_update (db, stmt, scenario_id, error);
}

gboolean
psr_scenario_set_ages (PsrDatabase  *db,
                       gint64        id,
                       int           min_age,
                       int           max_age,
                       GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_range (db, &ages_field, id, min_age, max_age, error);
}

gboolean
psr_scenario_set_group_size (PsrDatabase  *db,
                             gint64        id,
                             int           min_size,
                             int           max_size,
                             GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return set_range (db, &group_field, id, min_size, max_size, error);
}

static gboolean
check_audiences (const char * const  *codes,
                 GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!g_strv_contains (psr_scenario_audiences (), codes[i]))
      {
        g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                     _("“%s” is not an audience of scenario. Choose one in the list of audiences."),
                     codes[i]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
insert_audiences (PsrDatabase         *db,
                  gint64               id,
                  const char * const  *codes,
                  GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = psr_store_prepare_with_id (db,
        "INSERT INTO scenario_audiences (scenario_id, audience) VALUES (?1, ?2)"
        " ON CONFLICT DO NOTHING", id, error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 2, codes[i], -1, SQLITE_TRANSIENT);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
psr_scenario_set_audiences (PsrDatabase         *db,
                            gint64               id,
                            const char * const  *codes,
                            GError             **error)
{
  gint64 scenario_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!check_audiences (codes, error)
      || !begin_change (db, &scenario_target, id, &scenario_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, "DELETE FROM scenario_audiences WHERE scenario_id = ?1", id, error)
         && insert_audiences (db, id, codes, error);
  return end_change (db, scenario_id, done, error);
}

static void
append_text (sqlite3_stmt *stmt,
             gpointer      data)
{
  g_ptr_array_add (data, psr_record_column_text (stmt, 0));
}

GStrv
psr_scenario_list_audiences (PsrDatabase  *db,
                             gint64        id,
                             GError      **error)
{
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_free);
  const char * const *codes = psr_scenario_audiences ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db, "SELECT audience FROM scenario_audiences WHERE scenario_id = ?1",
                          id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_text, stored, error))
    return NULL;

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_ptr_array_find_with_equal_func (stored, codes[i], g_str_equal, NULL))
      g_strv_builder_add (builder, codes[i]);

  return g_strv_builder_end (builder);
}

/* Sessions and exports point at the modules of curricula: a scenario they
 * use must not vanish under them. */
static gboolean
refuse_if_used (PsrDatabase  *db,
                gint64        id,
                GError      **error)
{
  gint64 n_modules;
  gint64 unused;

  if (!query_pair (db, "SELECT count(*), 0 FROM module_scenarios WHERE scenario_id = ?1",
                   id, NULL, &n_modules, &unused, error))
    return FALSE;

  if (n_modules == 0)
    return TRUE;

  g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
               ngettext ("This scenario is part of %u module of a curriculum. Remove it from "
                         "that module first, then delete it.",
                         "This scenario is part of %u modules of curricula. Remove it from "
                         "those modules first, then delete it.",
                         (gulong) n_modules),
               (guint) n_modules);
  return FALSE;
}

gboolean
psr_scenario_delete (PsrDatabase  *db,
                     gint64        id,
                     GError      **error)
{
  gint64 scenario_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &scenario_target, id, &scenario_id, error))
    return FALSE;

  /* Its phases, audiences, competencies and rehearsals go with it. */
  if (!refuse_if_used (db, id, error)
      || !psr_store_run_with_id (db, "DELETE FROM scenarios WHERE id = ?1", id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/* Uses --------------------------------------------------------------------- */

GListModel *
psr_scenario_list_modules (PsrDatabase  *db,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PsrRecordModel *model;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT m.id FROM module_scenarios ms"
    " JOIN modules m ON m.id = ms.module_id"
    " JOIN curricula c ON c.id = m.curriculum_id"
    " WHERE ms.scenario_id = ?1"
    " ORDER BY c.title COLLATE NOCASE, c.version, m.position, m.id", id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, psr_store_append_id, ids, error))
    return NULL;

  model = psr_record_model_new (db, PSR_TYPE_MODULE);
  psr_record_model_set_ids (model, (const gint64 *) ids->data, ids->len);
  return G_LIST_MODEL (model);
}

gboolean
psr_scenario_count_rehearsal (PsrDatabase  *db,
                              gint64        id,
                              guint        *n_situations,
                              guint        *n_endings,
                              GError      **error)
{
  gint64 situations, endings;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!query_pair (db,
                   "SELECT count(*) FILTER (WHERE kind = 'situation'),"
                   " count(*) FILTER (WHERE kind = 'ending')"
                   " FROM rehearsal_nodes WHERE scenario_id = ?1",
                   id, NULL, &situations, &endings, error))
    return FALSE;

  if (n_situations != NULL)
    *n_situations = situations;
  if (n_endings != NULL)
    *n_endings = endings;
  return TRUE;
}

/* Checks ------------------------------------------------------------------- */

/* What the checks look at besides the scenario. */
typedef struct
{
  gint64 n_phases;
  gint64 phases_minutes;
} Phases;

static gboolean
lacks_objectives (PsrScenario  *scenario,
                  const Phases *phases)
{
  return psr_store_is_blank (psr_scenario_get_objectives (scenario));
}

static gboolean
lacks_phases (PsrScenario  *scenario,
              const Phases *phases)
{
  return phases->n_phases == 0;
}

static gboolean
lacks_ages (PsrScenario  *scenario,
            const Phases *phases)
{
  return psr_scenario_get_age_min (scenario) < 0 && psr_scenario_get_age_max (scenario) < 0;
}

static gboolean
lacks_group_size (PsrScenario  *scenario,
                  const Phases *phases)
{
  return psr_scenario_get_group_min (scenario) < 0 && psr_scenario_get_group_max (scenario) < 0;
}

/* What is left to fill in. Whether each objective starts with a verb is
 * for the form to suggest: a store cannot tell a verb. */
static const struct
{
  gboolean  (*missing) (PsrScenario *scenario, const Phases *phases);
  const char *message;  /* translatable */
} info_checks[] = {
  { lacks_objectives, N_("Objectives are empty: say what the public will be able to do") },
  { lacks_phases, N_("The scenario has no phase: add the steps of the activity") },
  { lacks_ages, N_("The age range is not set: say for whom the activity is designed") },
  { lacks_group_size, N_("The group size is not set: say how many people can take part") },
};

static void
check_durations (PsrScenario  *scenario,
                 const Phases *phases,
                 GPtrArray    *checks)
{
  guint planned = psr_scenario_get_duration_minutes (scenario);

  /* Phases without a duration yet are not a mismatch, only unfinished. */
  if (phases->n_phases == 0 || planned == 0 || phases->phases_minutes == planned)
    return;

  g_ptr_array_add (checks, psr_check_new (PSR_CHECK_WARNING,
    /* Translators: both are numbers of minutes. */
    g_strdup_printf (_("The phases add up to %u min, the scenario says %u min"),
                     (guint) phases->phases_minutes, planned)));
}

GPtrArray *
psr_scenario_check (PsrDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  g_autoptr(PsrRecord) record = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  Phases phases;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  record = psr_record_load (db, PSR_TYPE_SCENARIO, id, error);
  if (record == NULL
      || !query_pair (db,
                      "SELECT count(*), coalesce(sum(duration_minutes), 0) FROM scenario_phases"
                      " WHERE scenario_id = ?1",
                      id, NULL, &phases.n_phases, &phases.phases_minutes, error))
    return NULL;

  checks = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_check_free);
  check_durations (PSR_SCENARIO (record), &phases, checks);

  for (guint i = 0; i < G_N_ELEMENTS (info_checks); i++)
    if (info_checks[i].missing (PSR_SCENARIO (record), &phases))
      g_ptr_array_add (checks, psr_check_new (PSR_CHECK_INFO, g_strdup (_(info_checks[i].message))));

  return g_steal_pointer (&checks);
}

/* Phases --------------------------------------------------------------------- */

static void
append_phase (sqlite3_stmt *stmt,
              gpointer      data)
{
  PsrPhase *phase = g_new0 (PsrPhase, 1);

  phase->id = sqlite3_column_int64 (stmt, 0);
  phase->position = sqlite3_column_int (stmt, 1);
  phase->title = psr_record_column_text (stmt, 2);
  phase->duration_minutes = sqlite3_column_int (stmt, 3);
  phase->mediator_actions = psr_record_column_text (stmt, 4);
  phase->audience_actions = psr_record_column_text (stmt, 5);
  phase->materials = psr_record_column_text (stmt, 6);
  g_ptr_array_add (data, phase);
}

GPtrArray *
psr_scenario_list_phases (PsrDatabase  *db,
                          gint64        scenario_id,
                          GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT id, position, title, duration_minutes, mediator_actions, audience_actions,"
    " materials FROM scenario_phases WHERE scenario_id = ?1 ORDER BY position, id",
    scenario_id, error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_phase_free);
  if (!psr_store_foreach_row (db, stmt, append_phase, list, error))
    return NULL;

  return g_steal_pointer (&list);
}

gint64
psr_phase_add (PsrDatabase  *db,
               gint64        scenario_id,
               const char   *title,
               GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 owner;
  gint64 id = 0;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  text = psr_store_text_for_field (&phase_title, title, error);
  if (text == NULL || !begin_change (db, &scenario_target, scenario_id, &owner, error))
    return 0;

  /* Renumbered first, so that the new phase lands right after the last. */
  done = psr_store_run_with_id (db, renumber_phases_sql, owner, error);
  stmt = done ? psr_database_prepare (db,
    "INSERT INTO scenario_phases (uuid, scenario_id, position, title)"
    " VALUES (?1, ?2, (SELECT count(*) FROM scenario_phases WHERE scenario_id = ?2), ?3)",
    error) : NULL;
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, owner);
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
    }
  done = stmt != NULL && psr_database_step_done (db, stmt, error);
  if (done)
    id = psr_database_last_id (db);

  return end_change (db, owner, done, error) ? id : 0;
}

gboolean
psr_phase_set (PsrDatabase  *db,
               gint64        phase_id,
               const char   *title,
               guint         minutes,
               const char   *mediator_actions,
               const char   *audience_actions,
               const char   *materials,
               GError      **error)
{
  g_autofree char *text = NULL;
  const char *texts[] = { mediator_actions, audience_actions, materials };
  sqlite3_stmt *stmt;
  gint64 scenario_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  text = psr_store_text_for_field (&phase_title, title, error);
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!psr_store_check_text (texts[i], error))
      return FALSE;

  stmt = begin_update (db, &phase_target,
                       "UPDATE scenario_phases SET title = ?2, duration_minutes = ?3,"
                       " mediator_actions = ?4, audience_actions = ?5, materials = ?6,"
                       " updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                       phase_id, &scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, minutes);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sqlite3_bind_text (stmt, 4 + i, texts[i] != NULL ? texts[i] : "", -1, SQLITE_TRANSIENT);

  return finish_update (db, stmt, scenario_id, error);
}

gboolean
psr_phase_remove (PsrDatabase  *db,
                  gint64        phase_id,
                  GError      **error)
{
  gint64 scenario_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &phase_target, phase_id, &scenario_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, "DELETE FROM scenario_phases WHERE id = ?1", phase_id, error)
         && psr_store_run_with_id (db, renumber_phases_sql, scenario_id, error);
  return end_change (db, scenario_id, done, error);
}

/* Shifts the phases between the old and the new position by one, once the
 * positions are known to be 0 … n-1. */
static gboolean
shift_phase (PsrDatabase  *db,
             gint64        scenario_id,
             gint64        phase_id,
             guint         new_position,
             GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 from;
  gint64 count;
  gint64 to;

  if (!query_pair (db,
                   "SELECT position, (SELECT count(*) FROM scenario_phases s"
                   "                  WHERE s.scenario_id = p.scenario_id)"
                   " FROM scenario_phases p WHERE id = ?1",
                   phase_id, _(phase_target.missing), &from, &count, error))
    return FALSE;

  to = MIN ((gint64) new_position, count - 1);
  if (from == to)
    return TRUE;

  stmt = psr_store_prepare_with_id (db,
    "UPDATE scenario_phases SET position = CASE WHEN id = ?2 THEN ?4"
    "                                      WHEN ?4 > ?3 THEN position - 1"
    "                                      ELSE position + 1 END"
    " WHERE scenario_id = ?1 AND position BETWEEN min(?3, ?4) AND max(?3, ?4)",
    scenario_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, phase_id);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, to);
  return psr_database_step_done (db, stmt, error);
}

gboolean
psr_phase_move (PsrDatabase  *db,
                gint64        phase_id,
                guint         new_position,
                GError      **error)
{
  gint64 scenario_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &phase_target, phase_id, &scenario_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, renumber_phases_sql, scenario_id, error)
         && shift_phase (db, scenario_id, phase_id, new_position, error);
  return end_change (db, scenario_id, done, error);
}

/* Competencies ------------------------------------------------------------- */

GArray *
psr_scenario_list_competencies (PsrDatabase  *db,
                                gint64        id,
                                GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT sc.competency_id FROM scenario_competencies sc"
    " JOIN competencies c ON c.id = sc.competency_id"
    " LEFT JOIN competencies p ON p.id = c.parent_id"
    " WHERE sc.scenario_id = ?1"
    " ORDER BY p.position, c.position, c.id", id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, psr_store_append_id, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

gboolean
psr_scenario_link_competency (PsrDatabase  *db,
                              gint64        id,
                              gint64        competency_id,
                              GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db,
                      "INSERT INTO scenario_competencies (scenario_id, competency_id)"
                      " VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                      id, competency_id, error);
}

gboolean
psr_scenario_unlink_competency (PsrDatabase  *db,
                                gint64        id,
                                gint64        competency_id,
                                GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  return change_link (db,
                      "DELETE FROM scenario_competencies"
                      " WHERE scenario_id = ?1 AND competency_id = ?2",
                      id, competency_id, error);
}
