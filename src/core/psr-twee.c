/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-twee.h"

/* A scenario's rehearsal in Twee 3, the text format of Twine (docs/twee.md):
 * one passage per situation or ending, named after it; endings carry the tag
 * "ending". A passage's content is the node's text, then for endings a line
 * "Debrief:" and the debrief, then the choices, one link per line, each
 * after its feedback on lines starting with "Feedback:".
 *
 * A line of text that would read as one of these (or as a passage header)
 * gets a backslash in front on export, which import takes off again, so
 * that any text goes through both ways unchanged. */

#define FEEDBACK_PREFIX "Feedback:"
#define DEBRIEF_LINE    "Debrief:"
#define ENDING_TAG      "ending"
#define STORY_FORMAT    "Harlowe"

typedef struct
{
  char  *text;
  char  *feedback;
  char  *target;
  guint  line;
} Choice;

typedef struct
{
  char      *name;
  guint      line;
  gboolean   ending;
  char      *text;
  char      *debrief;
  GPtrArray *choices;
  gint64     id;
} Node;

typedef struct
{
  GPtrArray  *nodes;
  GHashTable *by_name;    /* name → Node, of the nodes only */
  GHashTable *lines;      /* name → line of its header, of every passage */
  char       *start;
  guint       start_line; /* where the start was named, or 0 */
} Import;

static void
choice_free (Choice *choice)
{
  g_free (choice->text);
  g_free (choice->feedback);
  g_free (choice->target);
  g_free (choice);
}

static void
node_free (Node *node)
{
  g_free (node->name);
  g_free (node->text);
  g_free (node->debrief);
  g_clear_pointer (&node->choices, g_ptr_array_unref);
  g_free (node);
}

static Import *
import_new (void)
{
  Import *import = g_new0 (Import, 1);

  import->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  import->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  import->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return import;
}

static void
import_free (Import *import)
{
  g_hash_table_unref (import->by_name);
  g_hash_table_unref (import->lines);
  g_ptr_array_unref (import->nodes);
  g_free (import->start);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

/* Lines ------------------------------------------------------------------ */

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

/* A whole line "[[…]]": on return, @inner is what the brackets hold. */
static gboolean
is_link_line (const char  *line,
              char       **inner)
{
  g_autofree char *stripped = g_strstrip (g_strdup (line));
  gsize length = strlen (stripped);
  g_autofree char *content = NULL;

  if (length < 4 || !g_str_has_prefix (stripped, "[[") || !g_str_has_suffix (stripped, "]]"))
    return FALSE;

  content = g_strndup (stripped + 2, length - 4);
  if (strstr (content, "]]") != NULL)
    return FALSE;

  if (inner != NULL)
    *inner = g_steal_pointer (&content);
  return TRUE;
}

static gboolean
is_debrief_line (const char *line)
{
  g_autofree char *stripped = g_strstrip (g_strdup (line));

  return g_str_equal (stripped, DEBRIEF_LINE);
}

/* Whether a line of text would not read as text, were it written as is. */
static gboolean
is_special (const char *line)
{
  while (*line == '\\')
    line++;

  return g_str_has_prefix (line, "::")
         || g_str_has_prefix (line, FEEDBACK_PREFIX)
         || is_debrief_line (line)
         || is_link_line (line, NULL);
}

static char *
shorten (const char *value)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (value, -1) <= 40)
    return g_strdup (value);

  start = g_utf8_substring (value, 0, 40);
  return g_strconcat (start, "…", NULL);
}

/* Joins lines, leaving out blank ones at both ends. */
static char *
join_lines (GPtrArray *lines)
{
  guint first = 0;
  guint last = lines->len;
  GString *text = g_string_new (NULL);

  while (first < last && is_blank (g_ptr_array_index (lines, first)))
    first++;
  while (last > first && is_blank (g_ptr_array_index (lines, last - 1)))
    last--;

  for (guint i = first; i < last; i++)
    {
      if (i > first)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (lines, i));
    }

  return g_string_free (text, FALSE);
}

/* Reading ---------------------------------------------------------------- */

static gboolean
check_utf8 (const char  *text,
            gsize        length,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1;

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '\n')
        line++;
    }

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: not UTF-8 text. Save the file as UTF-8, then import it again."),
               line);
  return FALSE;
}

/* Takes the text up to an unescaped character of @stops, or to the end,
 * without its backslashes. */
static const char *
read_escaped (const char *p,
              const char *stops,
              GString    *value)
{
  while (*p != '\0' && strchr (stops, *p) == NULL)
    {
      if (*p == '\\')
        {
          p++;
          if (*p == '\0')
            break;
        }
      g_string_append_c (value, *p);
      p++;
    }

  return p;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* ":: Name [tags] {metadata}": the metadata is Twine's layout, left out. */
static gboolean
read_header (const char   *line,
             guint         number,
             char        **name,
             char       ***tags,
             GError      **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  const char *p = skip_spaces (line + 2);

  p = read_escaped (p, "[{", value);
  *name = g_strstrip (g_strdup (value->str));
  if (**name == '\0')
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the passage has no name. Write it after “::”."), number);
      return FALSE;
    }

  *tags = NULL;
  if (*p == '[')
    {
      g_string_truncate (value, 0);
      p = read_escaped (p + 1, "]", value);
      if (*p != ']')
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: the tags of the passage have no closing “]”."), number);
          return FALSE;
        }
      *tags = g_strsplit_set (value->str, " \t", -1);
      p = skip_spaces (p + 1);
    }

  if (*p != '\0' && *p != '{' && !is_blank (p))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: unexpected text after the name and tags of the passage."),
                   number);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_name (const char  *name,
            guint        number,
            GError     **error)
{
  g_autofree char *shown = NULL;

  if (strpbrk (name, "[]|") == NULL && strstr (name, "->") == NULL && strstr (name, "<-") == NULL)
    return TRUE;

  shown = shorten (name);
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: the passage name “%s” holds one of [ ] | -> <-, which a choice "
                 "cannot lead to. Rename the passage."),
               number, shown);
  return FALSE;
}

/* "[[text->target]]", "[[target<-text]]", "[[text|target]]" or
 * "[[target]]", as Twine reads them. */
static gboolean
read_link (const char  *inner,
           guint        number,
           Choice      *choice,
           GError     **error)
{
  const char *separator;

  if ((separator = g_strrstr (inner, "->")) != NULL)
    {
      choice->text = g_strndup (inner, separator - inner);
      choice->target = g_strdup (separator + 2);
    }
  else if ((separator = strstr (inner, "<-")) != NULL)
    {
      choice->target = g_strndup (inner, separator - inner);
      choice->text = g_strdup (separator + 2);
    }
  else if ((separator = strrchr (inner, '|')) != NULL)
    {
      choice->text = g_strndup (inner, separator - inner);
      choice->target = g_strdup (separator + 1);
    }
  else
    {
      choice->text = g_strdup (inner);
      choice->target = g_strdup (inner);
    }

  g_strstrip (choice->text);
  g_strstrip (choice->target);
  if (*choice->text == '\0')
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the choice has no text. Write it as [[text->passage]]."),
                   number);
      return FALSE;
    }

  return TRUE;
}

static gboolean
pending_feedback_error (guint    line,
                        GError **error)
{
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: a “Feedback:” line goes just before the choice it comments on, "
                 "as [[text->passage]]."),
               line);
  return FALSE;
}

/* The content of a situation or an ending: @lines from @first, @count of
 * them, @first being line number @number. */
static gboolean
read_node (Node    *node,
           char   **lines,
           guint    first,
           guint    count,
           GError **error)
{
  g_autoptr(GPtrArray) text = g_ptr_array_new ();
  g_autoptr(GPtrArray) debrief = g_ptr_array_new ();
  g_autoptr(GPtrArray) feedback = g_ptr_array_new ();
  GPtrArray *current = text;
  guint feedback_line = 0;

  node->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  for (guint i = first; i < first + count; i++)
    {
      const char *line = lines[i];
      guint number = i + 1;
      g_autofree char *inner = NULL;

      if (line[0] == '\\' && is_special (line))
        {
          if (feedback->len > 0)
            return pending_feedback_error (feedback_line, error);
          g_ptr_array_add (current, (gpointer) (line + 1));
        }
      else if (is_link_line (line, &inner))
        {
          Choice *choice = g_new0 (Choice, 1);

          choice->line = number;
          g_ptr_array_add (node->choices, choice);
          if (!read_link (inner, number, choice, error))
            return FALSE;

          g_ptr_array_add (feedback, NULL);
          choice->feedback = g_strjoinv ("\n", (char **) feedback->pdata);
          g_ptr_array_set_size (feedback, 0);
        }
      else if (g_str_has_prefix (line, FEEDBACK_PREFIX))
        {
          const char *value = line + strlen (FEEDBACK_PREFIX);

          if (*value == ' ')
            value++;
          if (feedback->len == 0)
            feedback_line = number;
          g_ptr_array_add (feedback, (gpointer) value);
        }
      else if (feedback->len > 0)
        {
          return pending_feedback_error (feedback_line, error);
        }
      else if (current == text && is_debrief_line (line))
        {
          current = debrief;
        }
      else
        {
          g_ptr_array_add (current, (gpointer) line);
        }
    }

  if (feedback->len > 0)
    return pending_feedback_error (feedback_line, error);

  node->text = join_lines (text);
  node->debrief = join_lines (debrief);
  return TRUE;
}

static gboolean
read_story_data (Import  *import,
                 char   **lines,
                 guint    header,
                 guint    first,
                 guint    count,
                 GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  g_autofree char *text = NULL;
  char *saved = lines[first + count];
  JsonNode *root;
  JsonObject *object;
  JsonNode *start;

  lines[first + count] = NULL;
  text = g_strjoinv ("\n", lines + first);
  lines[first + count] = saved;

  if (!json_parser_load_from_data (parser, text, -1, &json_error))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: StoryData is not valid JSON: %s"), header, json_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: StoryData is not a JSON object."), header);
      return FALSE;
    }

  object = json_node_get_object (root);
  start = json_object_get_member (object, "start");
  if (start == NULL)
    return TRUE;

  if (json_node_get_value_type (start) != G_TYPE_STRING)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the “start” of StoryData is not the name of a passage."), header);
      return FALSE;
    }

  g_free (import->start);
  import->start = g_strstrip (g_strdup (json_node_get_string (start)));
  import->start_line = header;
  return TRUE;
}

static gboolean
read_passage (Import  *import,
              char   **lines,
              guint    header,
              guint    count,
              GError **error)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) tags = NULL;
  gpointer first_line;
  gboolean ending = FALSE;
  Node *node;

  if (!read_header (lines[header], header + 1, &name, &tags, error))
    return FALSE;

  if (g_hash_table_lookup_extended (import->lines, name, NULL, &first_line))
    {
      g_autofree char *shown = shorten (name);

      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: a second passage is named “%s”, like the one on line %u. "
                     "Rename one of them."),
                   header + 1, shown, GPOINTER_TO_UINT (first_line));
      return FALSE;
    }
  g_hash_table_insert (import->lines, g_strdup (name), GUINT_TO_POINTER (header + 1));

  if (g_str_equal (name, "StoryTitle"))
    return TRUE;
  if (g_str_equal (name, "StoryData"))
    return read_story_data (import, lines, header + 1, header + 1, count, error);

  /* Twine's story JavaScript and stylesheet: nothing a trainee plays. */
  if (tags != NULL
      && (g_strv_contains ((const char * const *) tags, "script")
          || g_strv_contains ((const char * const *) tags, "stylesheet")))
    return TRUE;

  if (!check_name (name, header + 1, error))
    return FALSE;

  ending = tags != NULL && g_strv_contains ((const char * const *) tags, ENDING_TAG);
  node = g_new0 (Node, 1);
  node->name = g_steal_pointer (&name);
  node->line = header + 1;
  node->ending = ending;
  g_ptr_array_add (import->nodes, node);
  g_hash_table_insert (import->by_name, node->name, node);
  return read_node (node, lines, header + 1, count, error);
}

static gboolean
check_links (Import  *import,
             GError **error)
{
  for (guint i = 0; i < import->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (import->nodes, i);

      for (guint j = 0; j < node->choices->len; j++)
        {
          Choice *choice = g_ptr_array_index (node->choices, j);
          g_autofree char *shown = NULL;

          if (g_hash_table_contains (import->by_name, choice->target))
            continue;

          shown = shorten (choice->target);
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: the choice leads to “%s”, which is not a situation or an "
                         "ending of the file."),
                       choice->line, shown);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_start (Import  *import,
             guint    last_line,
             GError **error)
{
  g_autofree char *shown = NULL;

  if (import->start == NULL)
    {
      /* Twee's default start, when StoryData names none. */
      if (g_hash_table_contains (import->by_name, "Start"))
        {
          import->start = g_strdup ("Start");
          return TRUE;
        }

      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: no start passage. Give its name as “start” in StoryData, or call "
                     "a passage “Start”."),
                   last_line);
      return FALSE;
    }

  if (g_hash_table_contains (import->by_name, import->start))
    return TRUE;

  shown = shorten (import->start);
  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("Line %u: the start passage “%s” is not a situation of the file."),
               import->start_line, shown);
  return FALSE;
}

static gboolean
read_import (Import      *import,
             const char  *text,
             gsize        length,
             GError     **error)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  guint n_lines = g_strv_length (lines);
  gint header = -1;

  /* Every carriage return that ends a line goes, not only that of CRLF:
   * one kept there would be written back as CRLF, and read the next time
   * as nothing. */
  for (guint i = 0; i < n_lines; i++)
    {
      gsize line_length = strlen (lines[i]);

      while (line_length > 0 && lines[i][line_length - 1] == '\r')
        lines[i][--line_length] = '\0';
    }

  for (guint i = 0; i <= n_lines; i++)
    {
      if (i < n_lines && !g_str_has_prefix (lines[i], "::"))
        {
          if (header < 0 && !is_blank (lines[i]))
            {
              g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                           _("Line %u: text before the first passage. A passage starts with "
                             "a line “:: Name”."),
                           i + 1);
              return FALSE;
            }
          continue;
        }

      if (header >= 0 && !read_passage (import, lines, header, i - header - 1, error))
        return FALSE;
      header = i;
    }

  /* The last line, not the nothing after its line break. */
  if (n_lines > 1 && *lines[n_lines - 1] == '\0')
    n_lines--;
  n_lines = MAX (n_lines, 1);

  if (import->nodes->len == 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Line %u: the file has no situation. Each starts with a line “:: Name”."),
                   n_lines);
      return FALSE;
    }

  return check_start (import, n_lines, error) && check_links (import, error);
}

/* Writing ---------------------------------------------------------------- */

static gboolean
check_scenario (PsrDatabase  *db,
                gint64        scenario_id,
                char        **uuid,
                char        **title,
                GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT uuid, title FROM scenarios WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (uuid != NULL)
        *uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (title != NULL)
        *title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
      return TRUE;
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The scenario does not exist."));
  return FALSE;
}

/* The UUIDs of the nodes there now, by name: a node kept under its name
 * keeps its UUID, so rehearsal runs still find it. */
static gboolean
read_old_uuids (PsrDatabase  *db,
                gint64        scenario_id,
                GHashTable   *uuids,
                GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT name, uuid FROM rehearsal_nodes WHERE scenario_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (uuids,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static gboolean
write_import (PsrDatabase  *db,
              gint64        scenario_id,
              Import       *import,
              GError      **error)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;

  if (!check_scenario (db, scenario_id, NULL, NULL, error)
      || !read_old_uuids (db, scenario_id, uuids, error))
    return FALSE;

  /* The choices go with their nodes. */
  stmt = psr_database_prepare (db, "DELETE FROM rehearsal_nodes WHERE scenario_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario_id);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < import->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (import->nodes, i);
      const char *old_uuid = g_hash_table_lookup (uuids, node->name);
      g_autofree char *uuid = old_uuid != NULL ? g_strdup (old_uuid) : psr_uuid_new ();

      stmt = psr_database_prepare (db,
        "INSERT INTO rehearsal_nodes (uuid, scenario_id, name, kind, is_start, text, debrief,"
        " position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, scenario_id);
      sqlite3_bind_text (stmt, 3, node->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, node->ending ? "ending" : "situation", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, g_str_equal (node->name, import->start));
      sqlite3_bind_text (stmt, 6, node->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, node->debrief, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 8, i);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;

      node->id = psr_database_last_id (db);
    }

  for (guint i = 0; i < import->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (import->nodes, i);

      for (guint j = 0; j < node->choices->len; j++)
        {
          Choice *choice = g_ptr_array_index (node->choices, j);
          Node *target = g_hash_table_lookup (import->by_name, choice->target);
          g_autofree char *uuid = psr_uuid_new ();

          stmt = psr_database_prepare (db,
            "INSERT INTO rehearsal_choices (uuid, node_id, position, text, feedback,"
            " target_node_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
          if (stmt == NULL)
            return FALSE;

          sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, node->id);
          sqlite3_bind_int (stmt, 3, j);
          sqlite3_bind_text (stmt, 4, choice->text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 5, choice->feedback, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 6, target->id);
          if (!psr_database_step_done (db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * psr_twee_import:
 * @db: the database
 * @scenario_id: the scenario whose rehearsal the file replaces
 * @contents: a rehearsal in Twee 3, in UTF-8
 * @error: return location for a #PsrError
 *
 * Replaces the scenario's rehearsal by the one of the file, in one
 * transaction. The whole file is checked first: on the first problem,
 * reported with its line, nothing changes. Nodes named as before keep
 * their UUIDs.
 *
 * Returns: %TRUE on success
 */
gboolean
psr_twee_import (PsrDatabase  *db,
                 gint64        scenario_id,
                 GBytes       *contents,
                 GError      **error)
{
  g_autoptr(Import) import = import_new ();
  const char *text;
  gsize length;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = g_bytes_get_data (contents, &length);
  if (text == NULL)
    text = "";
  if (length > PSR_TWEE_MAX_SIZE)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The file is larger than %u MiB: it is not a rehearsal."),
                   PSR_TWEE_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (!check_utf8 (text, length, error)
      || !read_import (import, text, length, error))
    return FALSE;

  if (!psr_database_begin (db, error))
    return FALSE;

  if (!write_import (db, scenario_id, import, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/**
 * psr_twee_import_file:
 * @db: the database
 * @scenario_id: the scenario whose rehearsal the file replaces
 * @file: a rehearsal in Twee 3, in UTF-8
 * @error: return location for a #PsrError or a #GIOError
 *
 * As psr_twee_import(), from a file: one too large is refused before it is
 * read.
 *
 * Returns: %TRUE on success
 */
gboolean
psr_twee_import_file (PsrDatabase  *db,
                      gint64        scenario_id,
                      GFile        *file,
                      GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_size (info) > PSR_TWEE_MAX_SIZE)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The file is larger than %u MiB: it is not a rehearsal."),
                   PSR_TWEE_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  contents = g_file_load_bytes (file, NULL, NULL, error);
  if (contents == NULL)
    return FALSE;

  return psr_twee_import (db, scenario_id, contents, error);
}

/* Export ----------------------------------------------------------------- */

typedef struct
{
  gint64    id;
  char     *name;
  gboolean  ending;
  gboolean  start;
  char     *text;
  char     *debrief;
} Row;

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row->text);
  g_free (row->debrief);
  g_free (row);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/* On one line: line breaks become spaces. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\r\n", ' ');
  return g_strstrip (line);
}

static void
append_escaped_name (GString    *out,
                     const char *name)
{
  g_autofree char *line = one_line (name);

  for (const char *p = line; *p != '\0'; p++)
    {
      if (strchr ("\\[]{}", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
append_json_string (GString    *out,
                    const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *json = NULL;

  json_node_set_string (node, value);
  json = json_to_string (node, FALSE);
  g_string_append (out, json);
}

/* Text as import reads it back: without blank lines at both ends, and
 * with a backslash before the lines that would not read as text. */
static void
append_text (GString    *out,
             const char *text)
{
  g_auto(GStrv) split = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree char *trimmed = NULL;
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (lines, split[i]);
  trimmed = join_lines (lines);
  if (*trimmed == '\0')
    return;

  kept = g_strsplit (trimmed, "\n", -1);
  for (guint i = 0; kept[i] != NULL; i++)
    {
      if (is_special (kept[i]))
        g_string_append_c (out, '\\');
      g_string_append (out, kept[i]);
      g_string_append_c (out, '\n');
    }
}

static gboolean
read_rows (PsrDatabase  *db,
           gint64        scenario_id,
           GPtrArray    *rows,
           GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT id, name, kind = 'ending', is_start, text, debrief FROM rehearsal_nodes"
    " WHERE scenario_id = ?1 ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->name = column_text (stmt, 1);
      row->ending = sqlite3_column_int (stmt, 2);
      row->start = sqlite3_column_int (stmt, 3);
      row->text = column_text (stmt, 4);
      row->debrief = column_text (stmt, 5);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

/* A choice whose target was deleted leads nowhere: Twine has no such link,
 * so it is left out. */
static gboolean
append_choices (PsrDatabase  *db,
                gint64        node_id,
                GString      *out,
                GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT c.text, c.feedback, t.name FROM rehearsal_choices c"
    " JOIN rehearsal_nodes t ON t.id = c.target_node_id"
    " WHERE c.node_id = ?1 ORDER BY c.position, c.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, node_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *text = one_line ((const char *) sqlite3_column_text (stmt, 0));
      const char *feedback = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *target = one_line ((const char *) sqlite3_column_text (stmt, 2));

      if (feedback != NULL && *feedback != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (feedback, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            g_string_append_printf (out, FEEDBACK_PREFIX " %s\n", lines[i]);
        }
      g_string_append_printf (out, "[[%s->%s]]\n", text, target);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static gboolean
append_node (PsrDatabase  *db,
             Row          *row,
             GString      *out,
             GError      **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) choices = g_string_new (NULL);

  g_string_append (out, ":: ");
  append_escaped_name (out, row->name);
  if (row->ending)
    g_string_append (out, " [" ENDING_TAG "]");
  g_string_append_c (out, '\n');

  append_text (body, row->text);
  if (row->ending || !is_blank (row->debrief))
    {
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, DEBRIEF_LINE "\n");
      append_text (body, row->debrief);
    }

  if (!append_choices (db, row->id, choices, error))
    return FALSE;
  if (body->len > 0 && choices->len > 0)
    g_string_append_c (body, '\n');
  g_string_append_len (body, choices->str, choices->len);

  g_string_append_len (out, body->str, body->len);
  g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
write_export (PsrDatabase  *db,
              gint64        scenario_id,
              GString      *out,
              GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *ifid = NULL;
  g_autofree char *title_line = NULL;
  const char *start = NULL;

  if (!check_scenario (db, scenario_id, &uuid, &title, error)
      || !read_rows (db, scenario_id, rows, error))
    return FALSE;

  /* Twine writes its IFIDs in capitals. */
  ifid = g_ascii_strup (uuid, -1);
  title_line = one_line (title);
  g_string_append_printf (out, ":: StoryTitle\n%s\n\n", title_line);

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      if (row->start)
        start = row->name;
    }

  g_string_append (out, ":: StoryData\n{\n  \"ifid\": ");
  append_json_string (out, ifid);
  g_string_append (out, ",\n  \"format\": ");
  append_json_string (out, STORY_FORMAT);
  if (start != NULL)
    {
      g_autofree char *start_line = one_line (start);

      g_string_append (out, ",\n  \"start\": ");
      append_json_string (out, start_line);
    }
  g_string_append (out, "\n}\n\n");

  for (guint i = 0; i < rows->len; i++)
    {
      if (!append_node (db, g_ptr_array_index (rows, i), out, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * psr_twee_export:
 * @db: the database
 * @scenario_id: the scenario whose rehearsal to write
 * @output: where to write it
 * @error: return location for a #PsrError or a #GIOError
 *
 * Writes the scenario's rehearsal in Twee 3, for Twine: its title, its
 * StoryData with the scenario's UUID as IFID, then one passage per
 * situation or ending.
 *
 * Returns: %TRUE on success
 */
gboolean
psr_twee_export (PsrDatabase    *db,
                 gint64          scenario_id,
                 GOutputStream  *output,
                 GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean read;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The rehearsal as it was at one moment. Nothing is written. */
  if (!psr_database_begin (db, error))
    return FALSE;
  read = write_export (db, scenario_id, out, error);
  psr_database_rollback (db);
  if (!read)
    return FALSE;

  return g_output_stream_write_all (output, out->str, out->len, NULL, NULL, error);
}
