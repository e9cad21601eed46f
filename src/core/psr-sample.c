/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "psr-competencies.h"
#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-progress.h"
#include "psr-sample.h"
#include "psr-satisfaction.h"
#include "psr-sessions.h"

#define SAMPLE_RESOURCE "/fr/universcience/Passerelle/core/sample/sample.json"

/* Two half-days of three and a half hours: a 14-hour curriculum fills two
 * days, and a module of 3.5 hours one slot. */
static const struct
{
  const char *period;
  int         start_hour;
  int         start_minute;
  int         end_hour;
  int         end_minute;
} periods[] = {
  { "morning", 9, 0, 12, 30 },
  { "afternoon", 14, 0, 17, 30 },
};

/* How a member of a JSON object is bound to a statement parameter. */
typedef enum
{
  TEXT,            /* a string, required */
  OPTIONAL_TEXT,   /* a string, '' when missing */
  NULLABLE_TEXT,   /* a string, NULL when missing */
  NUMBER,          /* an integer or a real, required */
  NULLABLE_NUMBER, /* an integer or a real, NULL when missing */
  BOOLEAN,         /* FALSE when missing */
  REFERENCE,       /* the UUID of a record loaded before, bound as its row id */
} MemberType;

typedef struct
{
  const char *name;
  MemberType  type;
} Member;

typedef struct
{
  PsrDatabase *db;
  GDateTime   *now;
  GDate        today;
  GHashTable  *ids;          /* UUID → row id of every record loaded so far */
  gint64       framework_id;
  JsonObject  *notes;        /* attendance notes, by status */
  JsonObject  *comments;     /* survey comments, by question code */
} Loader;

typedef struct
{
  gint64     id;
  GDateTime *starts;
  gboolean   past;
} Slot;

typedef gboolean (*LoadFunc) (Loader      *loader,
                              JsonObject  *object,
                              gint64       owner,
                              guint        position,
                              GError     **error);

static gboolean
damaged (GError     **error,
         const char  *what)
{
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("The sample data is damaged (%s). Reinstall Passerelle."), what);
  return FALSE;
}

static gboolean
lookup_id (Loader      *loader,
           const char  *uuid,
           gint64      *id,
           GError     **error)
{
  gint64 *found = g_hash_table_lookup (loader->ids, uuid);

  if (found == NULL)
    return damaged (error, uuid);

  *id = *found;
  return TRUE;
}

/* The json-glib getters with defaults complain about members of the wrong
 * type: these say so with an error instead. */
static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       min,
         gint64       max,
         gint64      *value,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < min || json_node_get_int (node) > max)
    return damaged (error, name);

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
bind_member (Loader        *loader,
             sqlite3_stmt  *stmt,
             int            index,
             JsonObject    *object,
             const Member  *member,
             GError       **error)
{
  JsonNode *node = json_object_get_member (object, member->name);
  gboolean missing = node == NULL || JSON_NODE_HOLDS_NULL (node);
  GType type = missing ? G_TYPE_INVALID : json_node_get_value_type (node);
  gint64 id;

  if (type == G_TYPE_STRING
      && (member->type == TEXT || member->type == OPTIONAL_TEXT || member->type == NULLABLE_TEXT))
    sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
  else if (type == G_TYPE_INT64 && (member->type == NUMBER || member->type == NULLABLE_NUMBER))
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE && (member->type == NUMBER || member->type == NULLABLE_NUMBER))
    sqlite3_bind_double (stmt, index, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN && member->type == BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
  else if (type == G_TYPE_STRING && member->type == REFERENCE)
    {
      if (!lookup_id (loader, json_node_get_string (node), &id, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, index, id);
    }
  else if (missing && member->type == OPTIONAL_TEXT)
    sqlite3_bind_text (stmt, index, "", -1, SQLITE_STATIC);
  else if (missing && member->type == BOOLEAN)
    sqlite3_bind_int (stmt, index, FALSE);
  else if (missing && (member->type == NULLABLE_TEXT || member->type == NULLABLE_NUMBER))
    sqlite3_bind_null (stmt, index);
  else
    return damaged (error, member->name);

  return TRUE;
}

/* Binds the members from parameter @first on (the parameters before it are
 * the caller's), inserts the row and remembers its id under its UUID. */
static gboolean
insert_record (Loader        *loader,
               sqlite3_stmt  *stmt,
               int            first,
               JsonObject    *object,
               const Member  *members,
               gsize          n_members,
               gint64        *id,
               GError       **error)
{
  const char *uuid;
  gint64 row_id;

  for (gsize i = 0; i < n_members; i++)
    {
      if (!bind_member (loader, stmt, first + i, object, &members[i], error))
        return FALSE;
    }

  if (!psr_database_step_done (loader->db, stmt, error))
    return FALSE;

  row_id = psr_database_last_id (loader->db);
  uuid = string_member (object, "uuid");
  if (uuid != NULL)
    {
      if (g_hash_table_contains (loader->ids, uuid))
        return damaged (error, uuid);

      /* The keys belong to the parser, which outlives the table. */
      g_hash_table_insert (loader->ids, (gpointer) uuid, g_memdup2 (&row_id, sizeof row_id));
    }

  if (id != NULL)
    *id = row_id;

  return TRUE;
}

/* A missing optional array is an empty one: *array is then NULL. */
static gboolean
get_array (JsonObject  *object,
           const char  *name,
           gboolean     required,
           JsonArray  **array,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *array = NULL;
  if (node == NULL && !required)
    return TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return damaged (error, name);

  *array = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
get_object (JsonObject  *object,
            const char  *name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      damaged (error, name);
      return NULL;
    }

  return json_node_get_object (node);
}

static const char *
get_string_at (JsonArray   *array,
               guint        index,
               const char  *name,
               GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      damaged (error, name);
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
load_each (Loader      *loader,
           JsonObject  *parent,
           const char  *name,
           gboolean     required,
           gint64       owner,
           LoadFunc     func,
           GError     **error)
{
  JsonArray *array;

  if (!get_array (parent, name, required, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return damaged (error, name);

      if (!func (loader, json_node_get_object (node), owner, i, error))
        return FALSE;
    }

  return TRUE;
}

/* Rows of a link table from an array of strings: ?1 is the owner, ?2 the
 * string (or, for references, the id of the record it names) and ?3, when
 * the statement has it, the position. */
static gboolean
insert_list (Loader      *loader,
             const char  *sql,
             JsonObject  *parent,
             const char  *name,
             gint64       owner,
             gboolean     references,
             GError     **error)
{
  JsonArray *array;

  if (!get_array (parent, name, FALSE, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *value = get_string_at (array, i, name, error);
      sqlite3_stmt *stmt;
      gint64 id;

      if (value == NULL || (references && !lookup_id (loader, value, &id, error)))
        return FALSE;

      stmt = psr_database_prepare (loader->db, sql, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, owner);
      if (references)
        sqlite3_bind_int64 (stmt, 2, id);
      else
        sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        sqlite3_bind_int (stmt, 3, i);

      if (!psr_database_step_done (loader->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Competency framework ------------------------------------------------------ */

static gboolean
load_level (Loader      *loader,
            JsonObject  *object,
            gint64       scale_id,
            guint        position,
            GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "name", TEXT }, { "proficient", BOOLEAN },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO scale_levels (scale_id, position, uuid, name, proficient)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scale_id);
  sqlite3_bind_int (stmt, 2, position);
  return insert_record (loader, stmt, 3, object, members, G_N_ELEMENTS (members), NULL, error);
}

static gboolean
load_scale (Loader      *loader,
            JsonObject  *object,
            GError     **error)
{
  static const Member members[] = { { "uuid", TEXT }, { "name", TEXT } };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO scales (uuid, name) VALUES (?1, ?2)", error);
  gint64 id;

  return stmt != NULL
         && insert_record (loader, stmt, 1, object, members, G_N_ELEMENTS (members), &id, error)
         && load_each (loader, object, "levels", TRUE, id, load_level, error);
}

static gboolean load_tree_node (Loader      *loader,
                                JsonObject  *object,
                                gint64       parent_id,
                                guint        position,
                                guint        level,
                                GError     **error);

static gboolean
load_field (Loader      *loader,
            JsonObject  *object,
            gint64       owner,
            guint        position,
            GError     **error)
{
  return load_tree_node (loader, object, 0, position, 0, error);
}

static gboolean
load_competency (Loader      *loader,
                 JsonObject  *object,
                 gint64       field_id,
                 guint        position,
                 GError     **error)
{
  return load_tree_node (loader, object, field_id, position, 1, error);
}

static gboolean
load_indicator (Loader      *loader,
                JsonObject  *object,
                gint64       competency_id,
                guint        position,
                GError     **error)
{
  return load_tree_node (loader, object, competency_id, position, 2, error);
}

/* The three levels of the tree, with the member holding each one's children. */
static const struct
{
  const char *kind;
  const char *children;
  LoadFunc    load_child;
} tree_levels[] = {
  { "field", "competencies", load_competency },
  { "competency", "indicators", load_indicator },
  { "indicator", NULL, NULL },
};

static gboolean
load_tree_node (Loader      *loader,
                JsonObject  *object,
                gint64       parent_id,
                guint        position,
                guint        level,
                GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "code", OPTIONAL_TEXT }, { "title", TEXT },
    { "description", OPTIONAL_TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO competencies (framework_id, parent_id, kind, position, uuid, code, title,"
    " description) VALUES (?1, nullif (?2, 0), ?3, ?4, ?5, ?6, ?7, ?8)", error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, loader->framework_id);
  sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_text (stmt, 3, tree_levels[level].kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, position);
  if (!insert_record (loader, stmt, 5, object, members, G_N_ELEMENTS (members), &id, error))
    return FALSE;

  return tree_levels[level].children == NULL
         || load_each (loader, object, tree_levels[level].children, TRUE, id,
                       tree_levels[level].load_child, error);
}

static gboolean
load_framework (Loader      *loader,
                JsonObject  *object,
                GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "code", OPTIONAL_TEXT }, { "title", TEXT },
    { "description", OPTIONAL_TEXT }, { "scale", REFERENCE }, { "language", TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO frameworks (uuid, code, title, description, scale_id, language)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  return stmt != NULL
         && insert_record (loader, stmt, 1, object, members, G_N_ELEMENTS (members),
                           &loader->framework_id, error)
         && load_each (loader, object, "fields", TRUE, 0, load_field, error);
}

/* Scenarios ------------------------------------------------------------------ */

static gboolean
load_phase (Loader      *loader,
            JsonObject  *object,
            gint64       scenario_id,
            guint        position,
            GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "title", TEXT }, { "duration_minutes", NUMBER },
    { "mediator_actions", OPTIONAL_TEXT }, { "audience_actions", OPTIONAL_TEXT },
    { "materials", OPTIONAL_TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO scenario_phases (scenario_id, position, uuid, title, duration_minutes,"
    " mediator_actions, audience_actions, materials) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  sqlite3_bind_int (stmt, 2, position);
  return insert_record (loader, stmt, 3, object, members, G_N_ELEMENTS (members), NULL, error);
}

static gboolean
load_rehearsal_node (Loader      *loader,
                     JsonObject  *object,
                     gint64       scenario_id,
                     guint        position,
                     GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "name", TEXT }, { "kind", TEXT }, { "start", BOOLEAN },
    { "text", OPTIONAL_TEXT }, { "debrief", OPTIONAL_TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO rehearsal_nodes (scenario_id, position, uuid, name, kind, is_start, text,"
    " debrief) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  sqlite3_bind_int (stmt, 2, position);
  return insert_record (loader, stmt, 3, object, members, G_N_ELEMENTS (members), NULL, error);
}

static gboolean
load_rehearsal_choice (Loader      *loader,
                       JsonObject  *object,
                       gint64       node_id,
                       guint        position,
                       GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "text", TEXT }, { "feedback", OPTIONAL_TEXT }, { "target", REFERENCE },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO rehearsal_choices (node_id, position, uuid, text, feedback, target_node_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, node_id);
  sqlite3_bind_int (stmt, 2, position);
  return insert_record (loader, stmt, 3, object, members, G_N_ELEMENTS (members), NULL, error);
}

/* Choices point forward as well as back: they come once every node exists. */
static gboolean
load_rehearsal_choices (Loader      *loader,
                        JsonObject  *object,
                        gint64       scenario_id,
                        guint        position,
                        GError     **error)
{
  const char *uuid = string_member (object, "uuid");
  gint64 node_id;

  if (uuid == NULL)
    return damaged (error, "uuid");

  return lookup_id (loader, uuid, &node_id, error)
         && load_each (loader, object, "choices", FALSE, node_id, load_rehearsal_choice, error);
}

static gboolean
load_scenario (Loader      *loader,
               JsonObject  *object,
               gint64       owner,
               guint        position,
               GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "title", TEXT }, { "theme", OPTIONAL_TEXT }, { "format", TEXT },
    { "venue", TEXT }, { "age_min", NULLABLE_NUMBER }, { "age_max", NULLABLE_NUMBER },
    { "group_min", NULLABLE_NUMBER }, { "group_max", NULLABLE_NUMBER },
    { "duration_minutes", NUMBER }, { "objectives", OPTIONAL_TEXT },
    { "materials", OPTIONAL_TEXT }, { "room_layout", OPTIONAL_TEXT },
    { "mediator_stance", OPTIONAL_TEXT }, { "accessibility", OPTIONAL_TEXT },
    { "difficult_situations", OPTIONAL_TEXT }, { "safety", OPTIONAL_TEXT },
    { "evaluation", OPTIONAL_TEXT }, { "sources", OPTIONAL_TEXT }, { "language", TEXT },
    { "author", OPTIONAL_TEXT }, { "status", TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO scenarios (uuid, title, theme, format, venue, age_min, age_max, group_min,"
    " group_max, duration_minutes, objectives, materials, room_layout, mediator_stance,"
    " accessibility, difficult_situations, safety, evaluation, sources, language, author, status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22)", error);
  JsonObject *rehearsal = NULL;
  gint64 id;

  if (stmt == NULL)
    return FALSE;

  if (json_object_has_member (object, "rehearsal")
      && (rehearsal = get_object (object, "rehearsal", error)) == NULL)
    return FALSE;

  return insert_record (loader, stmt, 1, object, members, G_N_ELEMENTS (members), &id, error)
         && insert_list (loader,
                         "INSERT INTO scenario_audiences (scenario_id, audience) VALUES (?1, ?2)",
                         object, "audiences", id, FALSE, error)
         && insert_list (loader,
                         "INSERT INTO scenario_competencies (scenario_id, competency_id)"
                         " VALUES (?1, ?2)",
                         object, "competencies", id, TRUE, error)
         && load_each (loader, object, "phases", TRUE, id, load_phase, error)
         && (rehearsal == NULL
             || (load_each (loader, rehearsal, "nodes", TRUE, id, load_rehearsal_node, error)
                 && load_each (loader, rehearsal, "nodes", TRUE, id, load_rehearsal_choices,
                               error)));
}

/* Curricula ------------------------------------------------------------------ */

static gboolean
load_objective (Loader      *loader,
                JsonObject  *object,
                gint64       curriculum_id,
                guint        position,
                GError     **error)
{
  static const Member members[] = { { "uuid", TEXT }, { "text", TEXT } };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO curriculum_objectives (curriculum_id, position, uuid, text)"
    " VALUES (?1, ?2, ?3, ?4)", error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  sqlite3_bind_int (stmt, 2, position);
  return insert_record (loader, stmt, 3, object, members, G_N_ELEMENTS (members), &id, error)
         && insert_list (loader,
                         "INSERT INTO objective_competencies (objective_id, competency_id)"
                         " VALUES (?1, ?2)",
                         object, "competencies", id, TRUE, error);
}

static gboolean
load_module_competency (Loader      *loader,
                        JsonObject  *object,
                        gint64       module_id,
                        guint        position,
                        GError     **error)
{
  static const Member members[] = {
    { "competency", REFERENCE }, { "target_level", REFERENCE },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO module_competencies (module_id, competency_id, target_level_id)"
    " VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, module_id);
  return insert_record (loader, stmt, 2, object, members, G_N_ELEMENTS (members), NULL, error);
}

static gboolean
load_module (Loader      *loader,
             JsonObject  *object,
             gint64       curriculum_id,
             guint        position,
             GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "title", TEXT }, { "objectives", OPTIONAL_TEXT },
    { "duration_hours", NUMBER }, { "method", TEXT }, { "content", OPTIONAL_TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO modules (curriculum_id, position, uuid, title, objectives, duration_hours,"
    " method, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  sqlite3_bind_int (stmt, 2, position);
  return insert_record (loader, stmt, 3, object, members, G_N_ELEMENTS (members), &id, error)
         && load_each (loader, object, "competencies", FALSE, id, load_module_competency, error)
         && insert_list (loader,
                         "INSERT INTO module_scenarios (module_id, scenario_id, position)"
                         " VALUES (?1, ?2, ?3)",
                         object, "scenarios", id, TRUE, error);
}

static gboolean
load_curriculum (Loader      *loader,
                 JsonObject  *object,
                 gint64       owner,
                 guint        position,
                 GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "lineage_uuid", TEXT }, { "version", NUMBER },
    { "framework", REFERENCE }, { "title", TEXT }, { "summary", OPTIONAL_TEXT },
    { "audience", OPTIONAL_TEXT }, { "prerequisites", OPTIONAL_TEXT },
    { "duration_hours", NUMBER }, { "modality", TEXT }, { "teaching_methods", OPTIONAL_TEXT },
    { "evaluation_methods", OPTIONAL_TEXT }, { "access_terms", OPTIONAL_TEXT },
    { "access_delay", OPTIONAL_TEXT }, { "price_cents", NULLABLE_NUMBER },
    { "contact", OPTIONAL_TEXT }, { "accessibility", OPTIONAL_TEXT }, { "language", TEXT },
    { "status", TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO curricula (uuid, lineage_uuid, version, framework_id, title, summary, audience,"
    " prerequisites, duration_hours, modality, teaching_methods, evaluation_methods,"
    " access_terms, access_delay, price_cents, contact, accessibility, language, status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19)", error);
  gint64 id;

  return stmt != NULL
         && insert_record (loader, stmt, 1, object, members, G_N_ELEMENTS (members), &id, error)
         && load_each (loader, object, "objectives", TRUE, id, load_objective, error)
         && load_each (loader, object, "modules", TRUE, id, load_module, error);
}

/* People --------------------------------------------------------------------- */

static gboolean
load_person (Loader      *loader,
             JsonObject  *object,
             gint64       owner,
             guint        position,
             GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "given_name", OPTIONAL_TEXT }, { "family_name", OPTIONAL_TEXT },
    { "email", NULLABLE_TEXT }, { "phone", OPTIONAL_TEXT }, { "organisation", OPTIONAL_TEXT },
    { "job", OPTIONAL_TEXT }, { "country", OPTIONAL_TEXT }, { "language", TEXT },
    { "is_trainer", BOOLEAN }, { "accessibility_needs", OPTIONAL_TEXT },
    { "accessibility_consent_at", NULLABLE_TEXT }, { "notes", OPTIONAL_TEXT },
  };
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO people (uuid, given_name, family_name, email, phone, organisation, job,"
    " country, language, is_trainer, accessibility_needs, accessibility_consent_at, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);

  return stmt != NULL
         && insert_record (loader, stmt, 1, object, members, G_N_ELEMENTS (members), NULL, error);
}

/* Sessions ------------------------------------------------------------------- */

static gboolean
is_weekend (const GDate *day)
{
  return g_date_get_weekday (day) >= G_DATE_SATURDAY;
}

static void
move_days (GDate  *day,
           gint64  days)
{
  if (days >= 0)
    g_date_add_days (day, days);
  else
    g_date_subtract_days (day, -days);
}

/* Sessions are written relative to today, and training days are weekdays. A
 * first day falling on a weekend moves to the Friday before for a session of
 * today or of the past, so that "today's" session is running whatever the
 * day, and to the Monday after for a session to come. */
static GArray *
lay_out_days (const GDate *today,
              gint64       offset,
              guint        n_days)
{
  GArray *days = g_array_sized_new (FALSE, FALSE, sizeof (GDate), n_days);
  GDate day = *today;

  move_days (&day, offset);
  while (is_weekend (&day))
    move_days (&day, offset > 0 ? 1 : -1);

  while (days->len < n_days)
    {
      if (!is_weekend (&day))
        g_array_append_val (days, day);
      g_date_add_days (&day, 1);
    }

  return days;
}

static GDateTime *
local_time (Loader      *loader,
            const GDate *day,
            int          hour,
            int          minute)
{
  return g_date_time_new (g_date_time_get_timezone (loader->now), g_date_get_year (day),
                          g_date_get_month (day), g_date_get_day (day), hour, minute, 0);
}

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
clear_slot (gpointer data)
{
  g_clear_pointer (&((Slot *) data)->starts, g_date_time_unref);
}

static gboolean
insert_slot (Loader       *loader,
             gint64        session_id,
             const GDate  *day,
             guint         period,
             GArray       *slots,
             GError      **error)
{
  g_autoptr(GDateTime) ends = local_time (loader, day, periods[period].end_hour,
                                          periods[period].end_minute);
  g_autofree char *uuid = psr_uuid_new ();
  char day_text[16], starts_at[8], ends_at[8];
  sqlite3_stmt *stmt;
  Slot slot;

  g_date_strftime (day_text, sizeof day_text, "%Y-%m-%d", day);
  g_snprintf (starts_at, sizeof starts_at, "%02d:%02d", periods[period].start_hour,
              periods[period].start_minute);
  g_snprintf (ends_at, sizeof ends_at, "%02d:%02d", periods[period].end_hour,
              periods[period].end_minute);

  stmt = psr_database_prepare (loader->db,
    "INSERT INTO session_slots (session_id, uuid, day, period, starts_at, ends_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, periods[period].period, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, starts_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, ends_at, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (loader->db, stmt, error))
    return FALSE;

  slot.id = psr_database_last_id (loader->db);
  slot.starts = local_time (loader, day, periods[period].start_hour,
                            periods[period].start_minute);
  slot.past = g_date_time_compare (ends, loader->now) <= 0;
  g_array_append_val (slots, slot);
  return TRUE;
}

static gboolean
insert_enrollment (Loader      *loader,
                   gint64       session_id,
                   gint64       person_id,
                   guint        waiting_position,
                   GDateTime   *enrolled_at,
                   GError     **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *instant = format_utc (enrolled_at);
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO enrollments (session_id, person_id, uuid, status, waiting_position,"
    " enrolled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, waiting_position > 0 ? "waiting" : "enrolled", -1, SQLITE_STATIC);
  if (waiting_position > 0)
    sqlite3_bind_int (stmt, 5, waiting_position);
  sqlite3_bind_text (stmt, 6, instant, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (loader->db, stmt, error);
}

/* Mostly present, with a few late arrivals and absences: a fixed pattern
 * rather than chance, so that the same data always gives the same sheets. */
static const char *
attendance_status (guint session,
                   guint slot,
                   guint trainee)
{
  switch ((session * 7 + slot * 5 + trainee * 11) % 29)
    {
    case 0:
      return "absent";
    case 1:
    case 2:
      return "late";
    case 3:
      return "excused";
    default:
      return "present";
    }
}

static const char *
attendance_note (Loader     *loader,
                 const char *status,
                 guint       index)
{
  JsonNode *node = loader->notes != NULL ? json_object_get_member (loader->notes, status) : NULL;
  JsonArray *notes;
  guint length;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return "";

  notes = json_node_get_array (node);
  length = json_array_get_length (notes);
  if (length == 0)
    return "";

  node = json_array_get_element (notes, index % length);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static gboolean
insert_attendance (Loader      *loader,
                   const Slot  *slot,
                   gint64       person_id,
                   const char  *status,
                   const char  *note,
                   GError     **error)
{
  g_autoptr(GDateTime) recorded = g_date_time_add_minutes (slot->starts, 15);
  g_autofree char *recorded_at = format_utc (recorded);
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt = psr_database_prepare (loader->db,
    "INSERT INTO attendance (slot_id, person_id, uuid, status, note, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, slot->id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, recorded_at, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (loader->db, stmt, error);
}

/* A signature as a hand would draw it: a name-like wave, then an
 * underline, different for each person and the same each time. */
static GPtrArray *
sample_strokes (gint64 person_id)
{
  GPtrArray *strokes = psr_strokes_new ();
  double phase = (person_id % 7) * 0.9;
  double height = 0.12 + (person_id % 5) * 0.03;

  for (guint i = 0; i <= 40; i++)
    {
      double x = 0.12 + i * 0.018;

      psr_strokes_add_point (strokes, i == 0, x,
                             0.55 - height * sin (phase + i * 0.55) * (1 - i / 80.0));
    }
  psr_strokes_add_point (strokes, TRUE, 0.15, 0.8);
  psr_strokes_add_point (strokes, FALSE, 0.55 + (person_id % 3) * 0.1, 0.78);
  return strokes;
}

/* Signed as the trainee would have signed it, through the store, so that
 * the chain of the session holds. */
static gboolean
sign_slot (Loader            *loader,
           const Slot        *slot,
           gint64             person_id,
           PsrSignatureRole   role,
           int                minutes,
           GError           **error)
{
  g_autoptr(GPtrArray) strokes = sample_strokes (person_id);
  g_autoptr(GDateTime) when = g_date_time_add_minutes (slot->starts, minutes);

  return psr_slot_sign (loader->db, slot->id, person_id, role, strokes, NULL, when, error) != 0;
}

/* Trainees enrolled from a month before the session (or before today, for a
 * session already begun), two days apart; the waiting list comes last. */
static gboolean
enrol_trainees (Loader      *loader,
                JsonObject  *object,
                guint        session_index,
                gint64       session_id,
                const GDate *first_day,
                GArray      *slots,
                GError     **error)
{
  JsonArray *lists[2];
  GDate day = g_date_compare (first_day, &loader->today) < 0 ? *first_day : loader->today;
  guint count = 0;

  if (!get_array (object, "trainees", TRUE, &lists[0], error)
      || !get_array (object, "waiting", FALSE, &lists[1], error))
    return FALSE;

  g_date_subtract_days (&day, 30);
  for (guint waiting = 0; waiting < G_N_ELEMENTS (lists); waiting++)
    {
      for (guint i = 0; lists[waiting] != NULL && i < json_array_get_length (lists[waiting]);
           i++, count++)
        {
          const char *uuid = get_string_at (lists[waiting], i, "trainees", error);
          g_autoptr(GDateTime) enrolled_at = NULL;
          gint64 person_id;

          if (uuid == NULL || !lookup_id (loader, uuid, &person_id, error))
            return FALSE;

          enrolled_at = local_time (loader, &day, 9 + count % 8, 10 * (count % 6));
          g_date_add_days (&day, 2);
          if (!insert_enrollment (loader, session_id, person_id, waiting ? i + 1 : 0,
                                  enrolled_at, error))
            return FALSE;

          for (guint s = 0; !waiting && s < slots->len; s++)
            {
              const Slot *slot = &g_array_index (slots, Slot, s);
              const char *status = attendance_status (session_index, s, i);

              if (!slot->past)
                continue;
              if (!insert_attendance (loader, slot, person_id, status,
                                      attendance_note (loader, status, s + i), error))
                return FALSE;
              if ((g_str_equal (status, "present") || g_str_equal (status, "late"))
                  && !sign_slot (loader, slot, person_id, PSR_SIGNATURE_TRAINEE,
                                 g_str_equal (status, "late") ? 25 : 2 + (i % 10), error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* Positioning and satisfaction ------------------------------------------------ */

/* A fixed pattern again: most trainees start low and progress by a level or
 * two, a few stay where they were, the trainer rates one in three. */
static gboolean
rate_trainee (Loader     *loader,
              gint64      session_id,
              gint64      person_id,
              gint64      trainer_id,
              guint       trainee,
              GPtrArray  *competencies,
              GPtrArray  *levels,
              gboolean    after,
              GDateTime  *before_at,
              GDateTime  *after_at,
              GError    **error)
{
  guint top = levels->len - 1;

  for (guint c = 0; c < competencies->len; c++)
    {
      const PsrPositioningCompetency *competency = competencies->pdata[c];
      guint before = (trainee + c) % 2;
      guint progress = (trainee + c) % 5 == 0 ? 0 : 1 + (trainee + c) % 3 / 2;
      guint reached = MIN (before + progress, top);

      if (!psr_positioning_set (loader->db, session_id, person_id, competency->id,
                                PSR_MOMENT_BEFORE, PSR_RATER_TRAINEE, 0,
                                ((PsrScaleLevel *) levels->pdata[before])->id, before_at, error))
        return FALSE;
      if (!after)
        continue;
      if (!psr_positioning_set (loader->db, session_id, person_id, competency->id,
                                PSR_MOMENT_AFTER, PSR_RATER_TRAINEE, 0,
                                ((PsrScaleLevel *) levels->pdata[MIN (reached + trainee % 2, top)])->id,
                                after_at, error))
        return FALSE;
      if (trainee % 3 == 0 && trainer_id != 0
          && !psr_positioning_set (loader->db, session_id, person_id, competency->id,
                                   PSR_MOMENT_AFTER, PSR_RATER_TRAINER, trainer_id,
                                   ((PsrScaleLevel *) levels->pdata[reached])->id, after_at,
                                   error))
        return FALSE;
    }

  return TRUE;
}

static const char *
survey_comment (Loader     *loader,
                const char *question,
                guint       index)
{
  JsonNode *node = loader->comments != NULL
                   ? json_object_get_member (loader->comments, question) : NULL;
  JsonArray *comments;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  comments = json_node_get_array (node);
  if (json_array_get_length (comments) == 0)
    return NULL;

  node = json_array_get_element (comments, index % json_array_get_length (comments));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
answer_survey (Loader         *loader,
               gint64          session_id,
               gint64          person_id,
               guint           trainee,
               PsrSurveyKind   kind,
               GDateTime      *submitted_at,
               GError        **error)
{
  /* Mostly satisfied, with a few lukewarm and one unhappy answer. */
  static const guint overall[] = { 5, 4, 5, 4, 3, 5, 4, 2, 5, 4 };
  g_autoptr(GPtrArray) answers = psr_survey_list_questions (loader->db, session_id, kind, error);

  if (answers == NULL)
    return FALSE;

  for (guint q = 0; q < answers->len; q++)
    {
      PsrSurveyAnswer *answer = answers->pdata[q];
      const char *comment = NULL;

      switch (answer->question)
        {
        case PSR_QUESTION_MODULE:
          answer->rating = (trainee + q) % 4 == 0 ? 3 + trainee % 2 : 4 + (trainee + q) % 2;
          break;
        case PSR_QUESTION_TRAINER:
          answer->rating = 4 + (trainee + q + 1) % 2;
          break;
        case PSR_QUESTION_ROOM:
          answer->rating = 3 + trainee % 3;
          break;
        case PSR_QUESTION_OVERALL:
          answer->rating = overall[trainee % G_N_ELEMENTS (overall)];
          break;
        case PSR_QUESTION_WORKED:
        case PSR_QUESTION_IMPROVE:
          if (trainee % 2 == 0)
            comment = survey_comment (loader, psr_question_to_code (answer->question),
                                      trainee / 2);
          break;
        case PSR_QUESTION_USED:
          answer->rating = 3 + trainee % 3;
          comment = survey_comment (loader, "used", trainee / 2);
          break;
        case PSR_N_QUESTIONS:
        default:
          g_assert_not_reached ();
        }

      if (comment != NULL)
        {
          g_free (answer->comment);
          answer->comment = g_strdup (comment);
        }
    }

  return psr_survey_record (loader->db, session_id, person_id, kind, answers, submitted_at,
                            error) != 0;
}

/* Trainees of sessions done positioned themselves before and after (a
 * trainer too, for some) and answered the survey, but for one in five,
 * which the Overview shows as waiting; those of the running session and of
 * the sessions to come positioned themselves before, but for a few. A
 * month after a session, half of its trainees answered the follow-up
 * survey. */
static gboolean
record_progress (Loader      *loader,
                 gint64       session_id,
                 const char  *status,
                 GArray      *slots,
                 GError     **error)
{
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GPtrArray) trainers = NULL;
  g_autoptr(GDateTime) before_at = NULL;
  g_autoptr(GDateTime) after_at = NULL;
  g_autoptr(GDateTime) follow_up_at = NULL;
  gboolean done = g_strcmp0 (status, "done") == 0;
  gint64 trainer_id = 0;
  guint trainee = 0;

  if (g_strcmp0 (status, "cancelled") == 0 || slots->len == 0)
    return TRUE;

  competencies = psr_session_list_positioning_competencies (loader->db, session_id, error);
  levels = competencies != NULL
           ? psr_session_list_positioning_levels (loader->db, session_id, error) : NULL;
  enrollments = levels != NULL ? psr_session_list_enrollments (loader->db, session_id, error) : NULL;
  trainers = enrollments != NULL ? psr_session_list_trainers (loader->db, session_id, error) : NULL;
  if (trainers == NULL)
    return FALSE;
  if (trainers->len > 0)
    trainer_id = ((PsrSessionPerson *) trainers->pdata[0])->person_id;

  before_at = g_date_time_add_days (g_array_index (slots, Slot, 0).starts, -2);
  /* The end of the last half-day. */
  after_at = g_date_time_add_minutes (g_array_index (slots, Slot, slots->len - 1).starts, 3 * 60);
  follow_up_at = g_date_time_add_days (after_at, 30);

  for (guint e = 0; e < enrollments->len; e++)
    {
      const PsrEnrollment *enrollment = enrollments->pdata[e];

      if (enrollment->status != PSR_ENROLLMENT_ENROLLED)
        continue;

      if ((done || trainee % 4 != 3) && levels->len > 0
          && !rate_trainee (loader, session_id, enrollment->person_id, trainer_id, trainee,
                            competencies, levels, done && trainee % 5 != 4, before_at, after_at,
                            error))
        return FALSE;

      if (done && trainee % 5 != 4
          && !answer_survey (loader, session_id, enrollment->person_id, trainee, PSR_SURVEY_END,
                             after_at, error))
        return FALSE;

      if (done && trainee % 2 == 0 && g_date_time_compare (follow_up_at, loader->now) <= 0
          && !answer_survey (loader, session_id, enrollment->person_id, trainee,
                             PSR_SURVEY_FOLLOW_UP, follow_up_at, error))
        return FALSE;

      trainee++;
    }

  return TRUE;
}

static gboolean
load_session (Loader      *loader,
              JsonObject  *object,
              gint64       owner,
              guint        position,
              GError     **error)
{
  static const Member members[] = {
    { "uuid", TEXT }, { "curriculum", REFERENCE }, { "title", OPTIONAL_TEXT },
    { "place", OPTIONAL_TEXT }, { "room", OPTIONAL_TEXT }, { "capacity", NUMBER },
    { "min_trainees", NUMBER }, { "cancel_reason", OPTIONAL_TEXT }, { "notes", OPTIONAL_TEXT },
  };
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GPtrArray) trainers = NULL;
  const char *status = "planned";
  const GDate *first_day, *last_day;
  sqlite3_stmt *stmt;
  gint64 offset, n_days, id;

  /* A year either way is plenty for sample data, and keeps dates valid. */
  if (!get_int (object, "offset_days", -366, 366, &offset, error)
      || !get_int (object, "days", 1, 10, &n_days, error))
    return FALSE;

  if (json_object_has_member (object, "status")
      && (status = string_member (object, "status")) == NULL)
    return damaged (error, "status");

  g_array_set_clear_func (slots, clear_slot);
  days = lay_out_days (&loader->today, offset, n_days);
  first_day = &g_array_index (days, GDate, 0);
  last_day = &g_array_index (days, GDate, days->len - 1);

  if (g_strcmp0 (status, "cancelled") != 0)
    {
      if (g_date_compare (last_day, &loader->today) < 0)
        status = "done";
      else if (g_date_compare (first_day, &loader->today) <= 0)
        status = "running";
    }

  stmt = psr_database_prepare (loader->db,
    "INSERT INTO sessions (status, uuid, curriculum_id, title, place, room, capacity,"
    " min_trainees, cancel_reason, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if (!insert_record (loader, stmt, 2, object, members, G_N_ELEMENTS (members), &id, error)
      || !insert_list (loader,
                       "INSERT INTO session_trainers (session_id, person_id) VALUES (?1, ?2)",
                       object, "trainers", id, TRUE, error))
    return FALSE;

  for (guint d = 0; d < days->len; d++)
    {
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        {
          if (!insert_slot (loader, id, &g_array_index (days, GDate, d), p, slots, error))
            return FALSE;
        }
    }

  /* A cancelled session keeps its slots, but nobody attended them. */
  if (g_strcmp0 (status, "cancelled") == 0)
    g_array_set_size (slots, 0);

  if (!enrol_trainees (loader, object, position, id, first_day, slots, error))
    return FALSE;

  /* The trainers countersigned each half-day over, as it ended. */
  trainers = psr_session_list_trainers (loader->db, id, error);
  if (trainers == NULL)
    return FALSE;
  for (guint s = 0; s < slots->len; s++)
    {
      const Slot *slot = &g_array_index (slots, Slot, s);

      for (guint t = 0; slot->past && t < trainers->len; t++)
        {
          PsrSessionPerson *trainer = g_ptr_array_index (trainers, t);

          if (!sign_slot (loader, slot, trainer->person_id, PSR_SIGNATURE_TRAINER, 3 * 60 + 25,
                          error))
            return FALSE;
        }
    }

  return record_progress (loader, id, status, slots, error);
}

static gboolean
load_all (Loader      *loader,
          JsonObject  *root,
          GError     **error)
{
  JsonObject *scale, *framework;

  if ((scale = get_object (root, "scale", error)) == NULL
      || (framework = get_object (root, "framework", error)) == NULL)
    return FALSE;

  if (json_object_has_member (root, "attendance_notes")
      && (loader->notes = get_object (root, "attendance_notes", error)) == NULL)
    return FALSE;
  if (json_object_has_member (root, "survey_comments")
      && (loader->comments = get_object (root, "survey_comments", error)) == NULL)
    return FALSE;

  return load_scale (loader, scale, error)
         && load_framework (loader, framework, error)
         && load_each (loader, root, "scenarios", TRUE, 0, load_scenario, error)
         && load_each (loader, root, "curricula", TRUE, 0, load_curriculum, error)
         && load_each (loader, root, "people", TRUE, 0, load_person, error)
         && load_each (loader, root, "sessions", TRUE, 0, load_session, error);
}

/**
 * psr_sample_load:
 * @db: an empty database
 * @today: now, in local time: the sample sessions are laid out around it
 * @error: return location for a #PsrError
 *
 * Fills an empty database with the sample data of the École de la médiation:
 * its competency framework, curricula, scenarios, trainers and trainees, and
 * sessions past, running and to come, with the attendance of the half-days
 * already over. Everything is loaded or nothing is.
 *
 * Returns: %TRUE if the data was loaded
 */
gboolean
psr_sample_load (PsrDatabase  *db,
                 GDateTime    *today,
                 GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { .db = db, .now = today, .ids = ids };
  JsonNode *root;
  gsize size;
  const char *data;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    return damaged (error, local_error->message);

  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    return damaged (error, local_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return damaged (error, SAMPLE_RESOURCE);

  g_date_clear (&loader.today, 1);
  g_date_set_dmy (&loader.today, g_date_time_get_day_of_month (today),
                  g_date_time_get_month (today), g_date_time_get_year (today));

  if (!psr_database_begin (db, error))
    return FALSE;

  /* Checked inside the transaction, which holds the write lock: nothing can
   * be added between the check and the load. */
  if (!psr_database_is_empty (db))
    {
      psr_database_rollback (db);
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_INVALID,
                           _("Sample data can only be loaded into an empty database."));
      return FALSE;
    }

  if (!load_all (&loader, json_node_get_object (root), error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}
