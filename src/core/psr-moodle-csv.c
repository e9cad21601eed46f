/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-moodle-csv.h"

/* Moodle's competency framework CSV, as its admin tool "Import competency
 * framework" (tool_lpimportcsv) writes and reads it: a header, one row for
 * the framework ("Is framework" = 1) carrying the scale, then one row per
 * competency naming its parent by ID number.
 *
 * Our frameworks have exactly three levels: Moodle's depths 1, 2 and 3 are
 * our fields, competencies and indicators, and a deeper tree is refused.
 * What Moodle has and we have not (completion rules, cross-references, a
 * scale of a single competency) is left out on import, and written on
 * export as Moodle writes it for a competency without any. */

typedef enum
{
  COLUMN_PARENT_ID_NUMBER,
  COLUMN_ID_NUMBER,
  COLUMN_SHORT_NAME,
  COLUMN_DESCRIPTION,
  COLUMN_DESCRIPTION_FORMAT,
  COLUMN_SCALE_VALUES,
  COLUMN_SCALE_CONFIGURATION,
  COLUMN_RULE_TYPE,
  COLUMN_RULE_OUTCOME,
  COLUMN_RULE_CONFIG,
  COLUMN_RELATED_ID_NUMBERS,
  COLUMN_EXPORTED_ID,
  COLUMN_IS_FRAMEWORK,
  COLUMN_TAXONOMY,
  N_COLUMNS
} Column;

/* Moodle's header in English, in its order. Moodle itself reads columns by
 * position, and older versions spelled some names differently ("Id number",
 * "Shortname"): we read them by name, whatever the case, spaces and hyphens. */
static const char * const column_names[N_COLUMNS] = {
  "Parent ID number",
  "ID number",
  "Short name",
  "Description",
  "Description format",
  "Scale values",
  "Scale configuration",
  "Rule type (optional)",
  "Rule outcome (optional)",
  "Rule config (optional)",
  "Cross-referenced competency ID numbers",
  "Exported ID (optional)",
  "Is framework",
  "Taxonomy",
};

/* Moodle's text formats: FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN and
 * FORMAT_MARKDOWN. Ours is plain text. */
#define FORMAT_MOODLE   0
#define FORMAT_HTML     1
#define FORMAT_PLAIN    2
#define FORMAT_MARKDOWN 4

/* Moodle's names for the levels of the tree, from the root. */
#define TAXONOMIES "domain,competency,indicator"

#define MAX_DEPTH 3

/* Our kinds of node, by depth in the tree. */
static const char * const kinds[MAX_DEPTH + 1] = { NULL, "field", "competency", "indicator" };

/* For messages: a value of the file, cut short when it is long. */
static char *
shorten (const char *value)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (value, -1) <= 40)
    return g_strdup (value);

  start = g_utf8_substring (value, 0, 40);
  return g_strconcat (start, "…", NULL);
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
check_size (guint64   size,
            GError  **error)
{
  if (size <= PSR_MOODLE_CSV_MAX_SIZE)
    return TRUE;

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("The file is larger than %u MiB: it is not a competency framework."),
               PSR_MOODLE_CSV_MAX_SIZE / (1024 * 1024));
  return FALSE;
}

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

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/**
 * psr_moodle_csv_find_framework:
 * @db: the database
 * @uuid: (nullable): the framework's UUID, or %NULL for the only framework
 * @error: return location for a #PsrError
 *
 * Finds the framework to export. Without a UUID, the database must have
 * exactly one framework: %PSR_ERROR_NOT_FOUND when it has none,
 * %PSR_ERROR_INVALID when it has several.
 *
 * Returns: the framework's id, or 0 with @error set
 */
gint64
psr_moodle_csv_find_framework (PsrDatabase  *db,
                               const char   *uuid,
                               GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint found = 0;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (uuid != NULL)
    stmt = psr_database_prepare (db, "SELECT id FROM frameworks WHERE uuid = ?1", error);
  else
    stmt = psr_database_prepare (db, "SELECT id FROM frameworks LIMIT 2", error);
  if (stmt == NULL)
    return 0;

  if (uuid != NULL)
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      found++;
    }
  if (!finish_rows (db, stmt, rc, error))
    return 0;

  if (found == 0 && uuid != NULL)
    g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("No framework has the UUID “%s”."),
                 uuid);
  else if (found == 0)
    g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The database has no framework."));
  else if (found > 1)
    g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                 _("The database has several frameworks: say which one by its UUID."));

  return found == 1 ? id : 0;
}

/* Export ------------------------------------------------------------------- */

typedef struct _Node Node;

struct _Node
{
  gint64  id;
  gint64  parent_id;  /* 0 for a field */
  char   *uuid;
  char   *code;       /* the ID number in the file, unique in it */
  char   *title;
  char   *description;
  Node   *parent;
};

typedef struct
{
  char      *uuid;
  char      *code;
  char      *title;
  char      *description;
  gint64     scale_id;  /* 0 when the framework has no scale */
  GString   *scale_values;
  GString   *scale_configuration;
  GPtrArray *nodes;     /* Node *, in the order of the database */
  GPtrArray *tree;      /* the same, in tree order, without archived subtrees */
} Export;

static void
node_free (Node *node)
{
  g_free (node->uuid);
  g_free (node->code);
  g_free (node->title);
  g_free (node->description);
  g_free (node);
}

static void
export_free (Export *export)
{
  g_free (export->uuid);
  g_free (export->code);
  g_free (export->title);
  g_free (export->description);
  g_string_free (export->scale_values, TRUE);
  g_string_free (export->scale_configuration, TRUE);
  g_ptr_array_unref (export->tree);
  g_ptr_array_unref (export->nodes);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static Export *
export_new (void)
{
  Export *export = g_new0 (Export, 1);

  export->scale_values = g_string_new (NULL);
  export->scale_configuration = g_string_new (NULL);
  export->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  export->tree = g_ptr_array_new ();
  return export;
}

static gboolean
read_framework (PsrDatabase  *db,
                gint64        framework_id,
                Export       *export,
                GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT uuid, code, title, description, coalesce (scale_id, 0) FROM frameworks WHERE id = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, framework_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      export->uuid = column_text (stmt, 0);
      export->code = column_text (stmt, 1);
      export->title = column_text (stmt, 2);
      export->description = column_text (stmt, 3);
      export->scale_id = sqlite3_column_int64 (stmt, 4);
      rc = SQLITE_DONE;
    }
  else if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
                   _("The framework to export does not exist."));
      return FALSE;
    }

  return finish_rows (db, stmt, rc, error);
}

/* Moodle's scale values are the names of the levels, from the lowest, joined
 * by commas. Its configuration lists the levels by rank from 1 and needs a
 * default level, which we do not have: the first proficient one, the level
 * a competency gets in Moodle when it is completed. */
static gboolean
format_scale (GPtrArray  *names,
              GArray     *proficient,
              Export     *export,
              GError    **error)
{
  guint default_rank = 1;

  if (names->len == 0)
    return TRUE;

  for (guint i = 0; i < proficient->len; i++)
    {
      if (g_array_index (proficient, gboolean, i))
        {
          default_rank = i + 1;
          break;
        }
    }

  /* Moodle puts the id of its own scale there on import: any value will
   * do, and a fixed one keeps two exports of the same framework equal. */
  g_string_append (export->scale_configuration, "[{\"scaleid\":\"1\"}");
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean is_proficient = g_array_index (proficient, gboolean, i);

      if (strchr (name, ',') != NULL)
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("The level “%s” of the scale has a comma in its name, which Moodle "
                         "cannot read. Rename the level, then export again."), name);
          return FALSE;
        }

      g_string_append_printf (export->scale_values, "%s%s", i > 0 ? "," : "", name);
      if (is_proficient || i + 1 == default_rank)
        g_string_append_printf (export->scale_configuration,
                                ",{\"id\":%u,\"scaledefault\":%d,\"proficient\":%d}",
                                i + 1, i + 1 == default_rank, is_proficient);
    }
  g_string_append_c (export->scale_configuration, ']');

  return TRUE;
}

static gboolean
read_scale (PsrDatabase  *db,
            Export       *export,
            GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) proficient = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT name, proficient FROM scale_levels WHERE scale_id = ?1 ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, export->scale_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean is_proficient = sqlite3_column_int (stmt, 1) != 0;

      g_ptr_array_add (names, column_text (stmt, 0));
      g_array_append_val (proficient, is_proficient);
    }

  return finish_rows (db, stmt, rc, error)
         && format_scale (names, proficient, export, error);
}

static void
add_subtree (GHashTable *children,
             gint64      parent_id,
             Node       *parent,
             GPtrArray  *tree)
{
  GPtrArray *nodes = g_hash_table_lookup (children, &parent_id);

  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      node->parent = parent;
      g_ptr_array_add (tree, node);
      add_subtree (children, node->id, node, tree);
    }
}

/* Archived nodes are left out with everything under them: Moodle has no way
 * to mark them, and they would come back to life on the other side. */
static gboolean
read_tree (PsrDatabase  *db,
           gint64        framework_id,
           Export       *export,
           GError      **error)
{
  g_autoptr(GHashTable) children = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT id, coalesce (parent_id, 0), uuid, code, title, description FROM competencies"
    " WHERE framework_id = ?1 AND archived = 0 ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  /* Parent id → its children, in order; the keys belong to the nodes. */
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  sqlite3_bind_int64 (stmt, 1, framework_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Node *node = g_new0 (Node, 1);
      GPtrArray *siblings;

      node->id = sqlite3_column_int64 (stmt, 0);
      node->parent_id = sqlite3_column_int64 (stmt, 1);
      node->uuid = column_text (stmt, 2);
      node->code = column_text (stmt, 3);
      node->title = column_text (stmt, 4);
      node->description = column_text (stmt, 5);
      g_ptr_array_add (export->nodes, node);

      siblings = g_hash_table_lookup (children, &node->parent_id);
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children, &node->parent_id, siblings);
        }
      g_ptr_array_add (siblings, node);
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  add_subtree (children, 0, NULL, export->tree);
  return TRUE;
}

/* Moodle links a competency to its parent by ID number, so each needs its
 * own: an empty or repeated code is replaced by the start of the UUID, the
 * same from one export to the next. */
static void
assign_codes (GPtrArray *tree)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();

  for (guint i = 0; i < tree->len; i++)
    {
      Node *node = g_ptr_array_index (tree, i);

      if (*node->code == '\0' || !g_hash_table_add (taken, node->code))
        g_ptr_array_add (unnamed, node);
    }

  for (guint i = 0; i < unnamed->len; i++)
    {
      Node *node = g_ptr_array_index (unnamed, i);

      g_free (node->code);
      node->code = g_strndup (node->uuid, 8);
      if (!g_hash_table_add (taken, node->code))
        {
          g_free (node->code);
          node->code = g_strdup (node->uuid);
          g_hash_table_add (taken, node->code);
        }
    }
}

/* Quoted as PHP's fputcsv, which Moodle writes with, quotes: with a comma,
 * a quote, a line break, a tab or a space inside. Line breaks inside are
 * written LF, as the rows end and as the import reads them. */
static void
append_field (GString    *csv,
              const char *value)
{
  if (value == NULL || strpbrk (value, ",\"\r\n\t ") == NULL)
    {
      g_string_append (csv, value != NULL ? value : "");
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (csv, "\"\"");
      else if (*p == '\r' && p[1] == '\n')
        continue;
      else if (*p == '\r')
        g_string_append_c (csv, '\n');
      else
        g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* Rows end with LF, as Moodle's. */
static void
append_row (GString            *csv,
            const char * const *fields)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_field (csv, fields[i]);
    }
  g_string_append_c (csv, '\n');
}

static GString *
format_csv (Export *export)
{
  GString *csv = g_string_new (NULL);
  const char *framework[N_COLUMNS] = {
    [COLUMN_ID_NUMBER] = export->code,
    [COLUMN_SHORT_NAME] = export->title,
    [COLUMN_DESCRIPTION] = export->description,
    [COLUMN_DESCRIPTION_FORMAT] = G_STRINGIFY (FORMAT_PLAIN),
    [COLUMN_SCALE_VALUES] = export->scale_values->str,
    [COLUMN_SCALE_CONFIGURATION] = export->scale_configuration->str,
    [COLUMN_IS_FRAMEWORK] = "1",
    [COLUMN_TAXONOMY] = TAXONOMIES,
  };

  append_row (csv, column_names);
  append_row (csv, framework);

  for (guint i = 0; i < export->tree->len; i++)
    {
      Node *node = g_ptr_array_index (export->tree, i);
      const char *competency[N_COLUMNS] = {
        [COLUMN_PARENT_ID_NUMBER] = node->parent != NULL ? node->parent->code : NULL,
        [COLUMN_ID_NUMBER] = node->code,
        [COLUMN_SHORT_NAME] = node->title,
        [COLUMN_DESCRIPTION] = node->description,
        [COLUMN_DESCRIPTION_FORMAT] = G_STRINGIFY (FORMAT_PLAIN),
        /* No completion rule, as Moodle writes it. */
        [COLUMN_RULE_OUTCOME] = "0",
        [COLUMN_RULE_CONFIG] = "null",
      };

      append_row (csv, competency);
    }

  return csv;
}

static gboolean
read_export (PsrDatabase  *db,
             gint64        framework_id,
             Export       *export,
             GError      **error)
{
  return read_framework (db, framework_id, export, error)
         && (export->scale_id == 0 || read_scale (db, export, error))
         && read_tree (db, framework_id, export, error);
}

/**
 * psr_moodle_csv_export:
 * @db: the database
 * @framework_id: the framework to export
 * @output: where to write the CSV text
 * @error: return location for a #PsrError or a #GIOError
 *
 * Writes the framework, its scale and its tree, in tree order, as Moodle's
 * competency framework CSV. Archived nodes are left out with their subtree;
 * a node without a code of its own gets one made from its UUID.
 *
 * Returns: %TRUE if the whole framework was written
 */
gboolean
psr_moodle_csv_export (PsrDatabase    *db,
                       gint64          framework_id,
                       GOutputStream  *output,
                       GError        **error)
{
  g_autoptr(Export) export = export_new ();
  g_autoptr(GString) csv = NULL;
  gboolean read;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The framework, its scale and its tree as they were at one moment,
   * though another program may be changing them. Nothing is written. */
  if (!psr_database_begin (db, error))
    return FALSE;
  read = read_export (db, framework_id, export, error);
  psr_database_rollback (db);
  if (!read)
    return FALSE;

  if (*export->code == '\0')
    {
      g_free (export->code);
      export->code = g_strndup (export->uuid, 8);
    }
  assign_codes (export->tree);

  csv = format_csv (export);
  return g_output_stream_write_all (output, csv->str, csv->len, NULL, NULL, error);
}

/* Reading CSV ------------------------------------------------------------- */

typedef struct
{
  guint      line;       /* the physical line the record starts on, from 1 */
  GPtrArray *fields;     /* char *, at least one */
  gboolean   truncated;  /* more fields follow, left unread */
} Record;

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} Reader;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Record, record_free)

/* CRLF, LF and a lone CR each end a physical line. */
static gboolean
skip_line_break (Reader *reader)
{
  if (reader->p < reader->end && *reader->p == '\r')
    {
      reader->p++;
      if (reader->p < reader->end && *reader->p == '\n')
        reader->p++;
    }
  else if (reader->p < reader->end && *reader->p == '\n')
    reader->p++;
  else
    return FALSE;

  reader->line++;
  return TRUE;
}

static gboolean
at_field_end (Reader *reader)
{
  return reader->p == reader->end || *reader->p == ',' || *reader->p == '\r' || *reader->p == '\n';
}

static gboolean
check_utf8 (const char  *text,
            gsize        length,
            GError     **error)
{
  Reader reader = { text, NULL, 1 };

  if (g_utf8_validate_len (text, length, &reader.end))
    return TRUE;

  while (reader.p < reader.end)
    {
      if (!skip_line_break (&reader))
        reader.p++;
    }

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: not UTF-8 text. Save the file as UTF-8, then import it again."),
               reader.line);
  return FALSE;
}

/* From the opening quote to the closing one; quotes inside are doubled, and
 * line breaks inside become LF. */
static gboolean
read_quoted_field (Reader   *reader,
                   GString  *field,
                   GError  **error)
{
  guint opened = reader->line;

  reader->p++;
  for (;;)
    {
      if (reader->p == reader->end)
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: a field opens with a quote that is never closed."), opened);
          return FALSE;
        }

      if (*reader->p == '"' && reader->p + 1 < reader->end && reader->p[1] == '"')
        {
          g_string_append_c (field, '"');
          reader->p += 2;
        }
      else if (*reader->p == '"')
        {
          reader->p++;
          break;
        }
      else if (skip_line_break (reader))
        g_string_append_c (field, '\n');
      else
        g_string_append_c (field, *reader->p++);
    }

  if (!at_field_end (reader))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: text follows the closing quote of a field. Quotes inside a "
                     "quoted field must be doubled."), reader->line);
      return FALSE;
    }

  return TRUE;
}

/* Reads at most @max_fields fields: a record longer than the header is
 * refused without being read to its end. */
static Record *
read_record (Reader  *reader,
             guint    max_fields,
             GError **error)
{
  g_autoptr(Record) record = g_new0 (Record, 1);

  record->line = reader->line;
  record->fields = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (reader->p < reader->end && *reader->p == '"')
        {
          if (!read_quoted_field (reader, field, error))
            return NULL;
        }
      else
        {
          const char *start = reader->p;

          while (!at_field_end (reader))
            reader->p++;
          g_string_append_len (field, start, reader->p - start);
        }

      g_ptr_array_add (record->fields, g_string_free (g_steal_pointer (&field), FALSE));
      if (reader->p == reader->end || *reader->p != ',')
        break;

      if (record->fields->len == max_fields)
        {
          record->truncated = TRUE;
          return g_steal_pointer (&record);
        }
      reader->p++;
    }
  skip_line_break (reader);

  return g_steal_pointer (&record);
}

/* The next record, skipping blank lines as Moodle does: FALSE on an error,
 * TRUE with *record set to NULL at the end. */
static gboolean
next_record (Reader  *reader,
             guint    max_fields,
             Record **record,
             GError **error)
{
  *record = NULL;
  while (reader->p < reader->end)
    {
      g_autoptr(Record) next = read_record (reader, max_fields, error);

      if (next == NULL)
        return FALSE;

      if (next->fields->len > 1 || *(char *) g_ptr_array_index (next->fields, 0) != '\0')
        {
          *record = g_steal_pointer (&next);
          return TRUE;
        }
    }

  return TRUE;
}

/* Import ------------------------------------------------------------------- */

typedef struct _Row Row;

struct _Row
{
  guint      line;
  char      *id_number;
  char      *parent_id_number;
  char      *short_name;
  char      *description;  /* as we keep it: plain text */
  Row       *parent;
  GPtrArray *children;     /* Row *, in file order, or NULL */
  guint      depth;        /* 1 for a field; 0 while unknown */
  gboolean   visiting;     /* while its depth is being found */
  gint64     id;
};

typedef struct
{
  char     *name;
  gboolean  proficient;
} Level;

typedef struct
{
  GPtrArray *rows;          /* Row *, in file order */
  Row       *framework;
  GPtrArray *competencies;  /* Row *, in file order */
  GPtrArray *roots;         /* Row *: the fields, in file order */
  GPtrArray *levels;        /* Level *: the scale, from its lowest level */
} Import;

static void
row_free (Row *row)
{
  g_free (row->id_number);
  g_free (row->parent_id_number);
  g_free (row->short_name);
  g_free (row->description);
  g_clear_pointer (&row->children, g_ptr_array_unref);
  g_free (row);
}

static void
level_free (Level *level)
{
  g_free (level->name);
  g_free (level);
}

static Import *
import_new (void)
{
  Import *import = g_new0 (Import, 1);

  import->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  import->competencies = g_ptr_array_new ();
  import->roots = g_ptr_array_new ();
  import->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_free);
  return import;
}

static void
import_free (Import *import)
{
  g_ptr_array_unref (import->competencies);
  g_ptr_array_unref (import->roots);
  g_ptr_array_unref (import->levels);
  g_ptr_array_unref (import->rows);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

/* Lower case, without spaces or hyphens: "Cross-referenced competency ID
 * numbers" and the older "Cross referenced competency id numbers" match. */
static char *
column_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p != ' ' && *p != '-' && *p != '\t')
        g_string_append_c (key, g_ascii_tolower (*p));
    }

  return g_string_free (key, FALSE);
}

static Column
lookup_column (const char *name)
{
  g_autofree char *key = column_key (name);
  Column column;

  for (column = 0; column < N_COLUMNS; column++)
    {
      g_autofree char *known = column_key (column_names[column]);

      if (g_str_equal (key, known))
        break;
    }

  return column;
}

static gboolean
map_columns (Record  *header,
             guint    indexes[N_COLUMNS],
             GError **error)
{
  for (guint column = 0; column < N_COLUMNS; column++)
    indexes[column] = G_MAXUINT;

  for (guint i = 0; i < header->fields->len; i++)
    {
      const char *name = g_ptr_array_index (header->fields, i);
      Column column = lookup_column (name);

      if (column == N_COLUMNS || indexes[column] != G_MAXUINT)
        {
          g_autofree char *shown = shorten (name);

          if (column == N_COLUMNS)
            g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                         _("Line %u: unknown column “%s”. Is this a competency framework "
                           "exported from Moodle?"), header->line, shown);
          else
            g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                         _("Line %u: the column “%s” appears twice."), header->line, shown);
          return FALSE;
        }

      indexes[column] = i;
    }

  for (guint column = 0; column < N_COLUMNS; column++)
    {
      if (indexes[column] == G_MAXUINT)
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: the column “%s” is missing."), header->line,
                       column_names[column]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_is_framework (const char  *value,
                    guint        line,
                    gboolean    *is_framework,
                    GError     **error)
{
  g_autofree char *shown = NULL;

  /* Moodle writes 1 for the framework and nothing for a competency. */
  *is_framework = g_str_equal (value, "1");
  if (*is_framework || *value == '\0' || g_str_equal (value, "0"))
    return TRUE;

  shown = shorten (value);
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               /* Translators: “Is framework” is a column of Moodle's file, in English. */
               _("Line %u: “Is framework” is “%s”; it must be 1 for the framework and empty "
                 "for a competency."), line, shown);
  return FALSE;
}

/* Compares the ends only: a text of a million paragraphs stays linear. */
static void
ensure_ending (GString    *text,
               const char *ending)
{
  gsize length = strlen (ending);

  if (text->len == 0)
    return;

  while (text->len < length || memcmp (text->str + text->len - length, ending, length) != 0)
    g_string_append_c (text, '\n');
}

/* The breaks a tag makes in the text: a line for <br> and list items, a
 * blank line around paragraphs and other blocks. */
static void
append_tag_break (GString    *text,
                  const char *tag,
                  gsize       length)
{
  static const char * const blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", NULL
  };
  g_autofree char *name = NULL;
  gsize start = length > 0 && tag[0] == '/' ? 1 : 0;
  gsize end = start;

  while (end < length && g_ascii_isalnum (tag[end]))
    end++;
  name = g_ascii_strdown (tag + start, end - start);

  if (g_str_equal (name, "br"))
    g_string_append_c (text, '\n');
  else if (g_str_equal (name, "li") || g_str_equal (name, "tr"))
    ensure_ending (text, "\n");
  else if (g_strv_contains (blocks, name))
    ensure_ending (text, "\n\n");
}

/* Decodes the entity at *p, if it is one we know, and moves past it. */
static gboolean
append_entity (GString     *text,
               const char **p)
{
  static const struct
  {
    const char *name;
    gunichar    character;
  } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0x00a0 },
  };
  const char *start = *p + 1;
  const char *end = start;
  g_autofree char *name = NULL;
  gunichar character = 0;
  guint64 value;

  while (end - start < 10 && (g_ascii_isalnum (*end) || (end == start && *end == '#')))
    end++;
  if (*end != ';' || end == start)
    return FALSE;

  name = g_strndup (start, end - start);
  if (name[0] == '#' && (name[1] == 'x' || name[1] == 'X'))
    character = g_ascii_string_to_unsigned (name + 2, 16, 1, 0x10ffff, &value, NULL) ? value : 0;
  else if (name[0] == '#')
    character = g_ascii_string_to_unsigned (name + 1, 10, 1, 0x10ffff, &value, NULL) ? value : 0;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      if (g_str_equal (name, named[i].name))
        character = named[i].character;
    }

  /* Control characters, line breaks included, come from tags only. */
  if (character == 0 || !g_unichar_validate (character) || g_unichar_iscntrl (character))
    return FALSE;

  g_string_append_unichar (text, character);
  *p = end + 1;
  return TRUE;
}

/* Moodle's descriptions are mostly HTML, ours plain text: the tags go, the
 * breaks they made stay, the common entities are decoded, and runs of white
 * space become one space, as a browser shows them. */
static char *
html_to_text (const char *html)
{
  GString *text = g_string_new (NULL);
  const char *close = strchr (html, '>');
  gboolean space = FALSE;
  const char *p = html;

  while (*p != '\0')
    {
      /* The next '>' is searched for again only once passed, so that a
       * text full of '<' costs no more than another. */
      if (close != NULL && close < p)
        close = strchr (p, '>');

      if (*p == '<' && close != NULL)
        {
          /* A space before or after a tag stays: "a <b>bold</b> word". */
          append_tag_break (text, p + 1, close - p - 1);
          p = close + 1;
        }
      else if (g_ascii_isspace (*p))
        {
          space = TRUE;
          p++;
        }
      else
        {
          if (space && text->len > 0 && text->str[text->len - 1] != '\n')
            g_string_append_c (text, ' ');
          space = FALSE;
          if (*p != '&' || !append_entity (text, &p))
            g_string_append_c (text, *p++);
        }
    }

  while (text->len > 0 && g_ascii_isspace (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, FALSE);
}

/* Plain text, Markdown and Moodle's own format are kept as they are. */
static gboolean
parse_description (const char  *text,
                   const char  *format,
                   guint        line,
                   char       **description,
                   GError     **error)
{
  g_autofree char *shown = NULL;
  guint64 value = FORMAT_MOODLE;

  /* Moodle reads an empty format as 0. */
  if (*format != '\0' && !g_ascii_string_to_unsigned (format, 10, 0, G_MAXUINT, &value, NULL))
    value = G_MAXUINT64;

  switch (value)
    {
    case FORMAT_HTML:
      *description = html_to_text (text);
      return TRUE;

    case FORMAT_MOODLE:
    case FORMAT_PLAIN:
    case FORMAT_MARKDOWN:
      *description = g_strdup (text);
      return TRUE;

    default:
      break;
    }

  shown = shorten (format);
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: unknown description format “%s”: Moodle’s are 0, 1, 2 and 4."),
               line, shown);
  return FALSE;
}

static gboolean
bad_scale_configuration (guint    line,
                         GError **error)
{
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               /* Translators: the example is Moodle's JSON: keep it as it is. */
               _("Line %u: the scale configuration is not valid. It must be as Moodle writes "
                 "it, for example [{\"scaleid\":\"1\"},{\"id\":2,\"scaledefault\":1,"
                 "\"proficient\":1}]."), line);
  return FALSE;
}

/* json-glib parses nested arrays and objects by recursion: a field of
 * millions of brackets must not exhaust the stack. A scale configuration is
 * two levels deep. */
static gboolean
json_is_shallow (const char *json)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string && *p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '"')
        in_string = !in_string;
      else if (!in_string && (*p == '[' || *p == '{') && ++depth > 4)
        return FALSE;
      else if (!in_string && (*p == ']' || *p == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* Moodle writes numbers, and some versions strings of digits. */
static gboolean
get_json_int (JsonObject *object,
              const char *name,
              gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    *value = json_node_get_boolean (node);
  else if (json_node_get_value_type (node) != G_TYPE_STRING
           || !g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                         value, NULL))
    return FALSE;

  return TRUE;
}

/* [{"scaleid":"…"},{"id":2,"scaledefault":1,"proficient":1},…]: the ids are
 * ranks in the scale values, from 1, and the levels not listed are not
 * proficient. The default level has no equivalent here. */
static gboolean
parse_scale_configuration (const char  *json,
                           guint        line,
                           GPtrArray   *levels,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonArray *array;
  JsonNode *first;

  if (!json_is_shallow (json) || !json_parser_load_from_data (parser, json, -1, NULL))
    return bad_scale_configuration (line, error);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return bad_scale_configuration (line, error);

  array = json_node_get_array (root);
  first = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
  if (first == NULL || !JSON_NODE_HOLDS_OBJECT (first)
      || !json_object_has_member (json_node_get_object (first), "scaleid"))
    return bad_scale_configuration (line, error);

  for (guint i = 1; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 rank, proficient;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !get_json_int (json_node_get_object (node), "id", &rank)
          || rank < 1 || rank > levels->len)
        return bad_scale_configuration (line, error);

      if (get_json_int (json_node_get_object (node), "proficient", &proficient))
        ((Level *) g_ptr_array_index (levels, rank - 1))->proficient = proficient != 0;
    }

  return TRUE;
}

/* A framework without a scale is allowed here, though not in Moodle. */
static gboolean
parse_scale (const char  *values,
             const char  *configuration,
             guint        line,
             GPtrArray   *levels,
             GError     **error)
{
  g_auto(GStrv) names = NULL;

  if (is_blank (values))
    return TRUE;

  names = g_strsplit (values, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      Level *level;

      if (is_blank (names[i]))
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: a level of the scale values is empty."), line);
          return FALSE;
        }

      level = g_new0 (Level, 1);
      level->name = g_strdup (g_strstrip (names[i]));
      g_ptr_array_add (levels, level);
    }

  return is_blank (configuration)
         || parse_scale_configuration (configuration, line, levels, error);
}

static gboolean
set_framework (Import      *import,
               Row         *row,
               const char  *scale_values,
               const char  *scale_configuration,
               GError     **error)
{
  if (import->framework != NULL)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: a second framework row, where a file holds only one framework "
                     "(its row is line %u)."), row->line, import->framework->line);
      return FALSE;
    }

  import->framework = row;
  return parse_scale (scale_values, scale_configuration, row->line, import->levels, error);
}

static gboolean
add_competency (Import      *import,
                GHashTable  *by_id_number,
                Row         *row,
                GError     **error)
{
  Row *other;

  if (*row->id_number == '\0')
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the ID number is empty; every competency needs one."), row->line);
      return FALSE;
    }

  other = g_hash_table_lookup (by_id_number, row->id_number);
  if (other != NULL)
    {
      g_autofree char *shown = shorten (row->id_number);

      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the ID number “%s” is already used on line %u."), row->line,
                   shown, other->line);
      return FALSE;
    }

  g_hash_table_insert (by_id_number, (gpointer) row->id_number, row);
  g_ptr_array_add (import->competencies, row);
  return TRUE;
}

static gboolean
parse_row (Import      *import,
           Record      *record,
           guint        n_fields,
           const guint  columns[N_COLUMNS],
           GHashTable  *by_id_number,
           GError     **error)
{
  const char *fields[N_COLUMNS];
  gboolean is_framework;
  Row *row;

  if (record->truncated)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the row has more fields than the header."), record->line);
      return FALSE;
    }

  if (record->fields->len < n_fields)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the row has fewer fields than the header."), record->line);
      return FALSE;
    }

  for (guint column = 0; column < N_COLUMNS; column++)
    fields[column] = g_ptr_array_index (record->fields, columns[column]);

  /* The row keeps what it needs: the record goes once read. */
  row = g_new0 (Row, 1);
  g_ptr_array_add (import->rows, row);
  row->line = record->line;
  row->id_number = g_strdup (fields[COLUMN_ID_NUMBER]);
  row->parent_id_number = g_strdup (fields[COLUMN_PARENT_ID_NUMBER]);
  row->short_name = g_strdup (fields[COLUMN_SHORT_NAME]);
  if (is_blank (row->short_name))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID, _("Line %u: the short name is empty."),
                   row->line);
      return FALSE;
    }

  if (!parse_is_framework (fields[COLUMN_IS_FRAMEWORK], row->line, &is_framework, error)
      || !parse_description (fields[COLUMN_DESCRIPTION], fields[COLUMN_DESCRIPTION_FORMAT],
                             row->line, &row->description, error))
    return FALSE;

  if (is_framework)
    return set_framework (import, row, fields[COLUMN_SCALE_VALUES],
                          fields[COLUMN_SCALE_CONFIGURATION], error);

  return add_competency (import, by_id_number, row, error);
}

static gboolean
link_parent (GHashTable  *by_id_number,
             Row         *row,
             GError     **error)
{
  g_autofree char *shown = NULL;

  if (*row->parent_id_number == '\0')
    return TRUE;

  row->parent = g_hash_table_lookup (by_id_number, row->parent_id_number);
  if (row->parent != NULL)
    return TRUE;

  shown = shorten (row->parent_id_number);
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: the parent ID number “%s” is not the ID number of any competency "
                 "in the file."), row->line, shown);
  return FALSE;
}

/* Walks up to the first ancestor of known depth, then numbers the rows on
 * the way down: each row is walked through once, whatever the file. */
static gboolean
find_depth (Row     *row,
            GError **error)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  Row *ancestor;
  guint depth;

  for (ancestor = row; ancestor != NULL && ancestor->depth == 0; ancestor = ancestor->parent)
    {
      if (ancestor->visiting)
        {
          g_autofree char *shown = shorten (ancestor->id_number);

          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: “%s” is its own ancestor: its parent ID numbers loop back "
                         "to it."), ancestor->line, shown);
          return FALSE;
        }

      ancestor->visiting = TRUE;
      g_ptr_array_add (path, ancestor);
    }

  depth = ancestor != NULL ? ancestor->depth : 0;
  for (guint i = path->len; i > 0; i--)
    {
      Row *step = g_ptr_array_index (path, i - 1);

      step->depth = ++depth;
      step->visiting = FALSE;
    }

  if (row->depth > MAX_DEPTH)
    {
      g_autofree char *shown = shorten (row->id_number);

      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: “%s” is on level %u of the tree, but a framework has three "
                     "levels: fields, competencies and indicators."), row->line, shown, row->depth);
      return FALSE;
    }

  return TRUE;
}

/* Each check goes through the rows in file order, so that the problem
 * reported is the first of its kind. Siblings keep the order of the file. */
static gboolean
build_tree (Import      *import,
            GHashTable  *by_id_number,
            GError     **error)
{
  GPtrArray *competencies = import->competencies;

  for (guint i = 0; i < competencies->len; i++)
    {
      if (!link_parent (by_id_number, g_ptr_array_index (competencies, i), error))
        return FALSE;
    }

  for (guint i = 0; i < competencies->len; i++)
    {
      if (!find_depth (g_ptr_array_index (competencies, i), error))
        return FALSE;
    }

  for (guint i = 0; i < competencies->len; i++)
    {
      Row *row = g_ptr_array_index (competencies, i);
      GPtrArray *siblings = import->roots;

      if (row->parent != NULL)
        {
          if (row->parent->children == NULL)
            row->parent->children = g_ptr_array_new ();
          siblings = row->parent->children;
        }
      g_ptr_array_add (siblings, row);
    }

  return TRUE;
}

/* The header first: a file of another kind is refused at its first line,
 * without reading the rest. Then each row as it comes. */
static gboolean
read_import (Import      *import,
             const char  *text,
             gsize        length,
             GError     **error)
{
  g_autoptr(GHashTable) by_id_number = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(Record) header = NULL;
  Reader reader = { text, text + length, 1 };
  guint columns[N_COLUMNS];

  /* One column more than Moodle's is enough to find the unknown or
   * repeated one. */
  if (!next_record (&reader, N_COLUMNS + 1, &header, error))
    return FALSE;

  if (header == NULL)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID, _("Line %u: the file is empty."), 1);
      return FALSE;
    }

  if (!map_columns (header, columns, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(Record) record = NULL;

      if (!next_record (&reader, header->fields->len, &record, error))
        return FALSE;
      if (record == NULL)
        break;
      if (!parse_row (import, record, header->fields->len, columns, by_id_number, error))
        return FALSE;
    }

  if (import->framework == NULL)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   /* Translators: “Is framework” is a column of Moodle's file, in English. */
                   _("Line %u: the framework row, with “Is framework” set to 1, is missing."),
                   header->line + 1);
      return FALSE;
    }

  return build_tree (import, by_id_number, error);
}

/* Writing ------------------------------------------------------------------ */

static gboolean
insert_scale (PsrDatabase  *db,
              Import       *import,
              gint64       *scale_id,
              GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  /* Translators: the name given to the scale of an imported framework, which
   * Moodle's file does not carry; %s is the framework's title. */
  g_autofree char *name = g_strdup_printf (_("Scale of “%s”"), import->framework->short_name);
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "INSERT INTO scales (uuid, name) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  *scale_id = psr_database_last_id (db);
  for (guint i = 0; i < import->levels->len; i++)
    {
      Level *level = g_ptr_array_index (import->levels, i);
      g_autofree char *level_uuid = psr_uuid_new ();

      stmt = psr_database_prepare (db,
        "INSERT INTO scale_levels (uuid, scale_id, position, name, proficient)"
        " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, level_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, *scale_id);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, level->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, level->proficient);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_framework (PsrDatabase  *db,
                  Row          *row,
                  gint64        scale_id,
                  gint64       *framework_id,
                  GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "INSERT INTO frameworks (uuid, code, title, description, scale_id)"
    " VALUES (?1, ?2, ?3, ?4, nullif (?5, 0))", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->id_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->short_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, scale_id);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  *framework_id = psr_database_last_id (db);
  return TRUE;
}

/* Parents first, as the schema's triggers want them. */
static gboolean
insert_rows (PsrDatabase  *db,
             gint64        framework_id,
             GPtrArray    *rows,
             GError      **error)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *uuid = psr_uuid_new ();
      sqlite3_stmt *stmt = psr_database_prepare (db,
        "INSERT INTO competencies (uuid, framework_id, parent_id, kind, code, title, description,"
        " position) VALUES (?1, ?2, nullif (?3, 0), ?4, ?5, ?6, ?7, ?8)", error);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, framework_id);
      sqlite3_bind_int64 (stmt, 3, row->parent != NULL ? row->parent->id : 0);
      sqlite3_bind_text (stmt, 4, kinds[row->depth], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, row->id_number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, row->short_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, row->description, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 8, i);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;

      row->id = psr_database_last_id (db);
      if (!insert_rows (db, framework_id, row->children, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_import (PsrDatabase  *db,
               Import       *import,
               gint64       *framework_id,
               GError      **error)
{
  gint64 scale_id = 0;

  return (import->levels->len == 0 || insert_scale (db, import, &scale_id, error))
         && insert_framework (db, import->framework, scale_id, framework_id, error)
         && insert_rows (db, *framework_id, import->roots, error);
}

/**
 * psr_moodle_csv_import:
 * @db: the database
 * @contents: a competency framework in Moodle's CSV, in UTF-8
 * @error: return location for a #PsrError
 *
 * Adds the framework of the file, its scale and its tree, with new UUIDs.
 * The whole file is checked first: on the first problem, reported with its
 * line, nothing is written. A framework with the same code as one already
 * there is added beside it, unchanged.
 *
 * Returns: the new framework's id, or 0 with @error set
 */
gint64
psr_moodle_csv_import (PsrDatabase  *db,
                       GBytes       *contents,
                       GError      **error)
{
  g_autoptr(Import) import = import_new ();
  const char *text;
  gsize length;
  gint64 framework_id = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (contents != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  text = g_bytes_get_data (contents, &length);
  if (text == NULL)
    text = "";
  if (!check_size (length, error))
    return 0;

  /* Moodle writes no byte order mark, but spreadsheets saving UTF-8 do. */
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (!check_utf8 (text, length, error)
      || !read_import (import, text, length, error))
    return 0;

  if (!psr_database_begin (db, error))
    return 0;

  if (!insert_import (db, import, &framework_id, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  if (!psr_database_commit (db, error))
    return 0;

  return framework_id;
}

/**
 * psr_moodle_csv_import_file:
 * @db: the database
 * @file: a competency framework in Moodle's CSV, in UTF-8
 * @error: return location for a #PsrError or a #GIOError
 *
 * As psr_moodle_csv_import(), from a file: one too large is refused before
 * it is read.
 *
 * Returns: the new framework's id, or 0 with @error set
 */
gint64
psr_moodle_csv_import_file (PsrDatabase  *db,
                            GFile        *file,
                            GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL || !check_size (g_file_info_get_size (info), error))
    return 0;

  contents = g_file_load_bytes (file, NULL, NULL, error);
  if (contents == NULL)
    return 0;

  return psr_moodle_csv_import (db, contents, error);
}
