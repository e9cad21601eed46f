/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-error.h"
#include "psr-store-private.h"

/* What the stores of curricula and scenarios share: rows read through a
 * callback, one-row lookups, statements bound to an id, the text of a
 * field checked before it is written. */

PsrCheck *
psr_check_new (PsrCheckSeverity  severity,
           char             *message)
{
  PsrCheck *check = g_new0 (PsrCheck, 1);

  check->severity = severity;
  check->message = message;
  return check;
}

/* Steps @stmt through its rows, then resets it. */
gboolean
psr_store_foreach_row (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             PsrRowFunc        func,
             gpointer       data,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

/* Steps @stmt to its one row, left for the caller to read and reset; on
 * error or without a row, resets it. */
gboolean
psr_store_step_row (PsrDatabase   *db,
          sqlite3_stmt  *stmt,
          const char    *missing,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, missing);
  else
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return FALSE;
}

gboolean
psr_store_invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, PSR_ERROR, PSR_ERROR_INVALID, message);
  return FALSE;
}

gboolean
psr_store_is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

sqlite3_stmt *
psr_store_prepare_with_id (PsrDatabase  *db,
                 const char   *sql,
                 gint64        id,
                 GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);

  return stmt;
}

gboolean
psr_store_run_with_id (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  return stmt != NULL && psr_database_step_done (db, stmt, error);
}

void
psr_store_append_id (sqlite3_stmt *stmt,
           gpointer      data)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) data, id);
}

/* Text that is not UTF-8 is never stored: it could be neither shown, nor
 * searched, nor exported. NULL is fine. */
gboolean
psr_store_check_text (const char  *text,
                      GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  return psr_store_invalid (error,
                            _("This text has characters that cannot be read (it is not UTF-8). "
                              "Type it again, or paste it from another program."));
}

/* A copy of @value to store in @field, stripped of spaces around it when
 * the field may not be empty; NULL when it is, or when it is not UTF-8. */
char *
psr_store_text_for_field (const PsrTextField  *field,
                const char       *value,
                GError          **error)
{
  g_autofree char *text = NULL;

  if (!psr_store_check_text (value, error))
    return NULL;

  text = g_strdup (value != NULL ? value : "");
  if (field->required == NULL)
    return g_steal_pointer (&text);

  g_strstrip (text);
  if (psr_store_is_blank (text))
    {
      psr_store_invalid (error, _(field->required));
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* Full-text search ------------------------------------------------------------ */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c)
         || g_unichar_ismark (c)
         || g_unichar_type (c) == G_UNICODE_PRIVATE_USE;
}

static void
append_word (GString    *match,
             const char *start,
             const char *end)
{
  if (match->len > 0)
    g_string_append (match, " AND ");

  /* A quoted string is always a plain phrase to FTS5: nothing the person
   * typed can be read as an operator. The words hold no quote, but a
   * doubled quote keeps the string safe whatever is_word_char() becomes. */
  g_string_append_c (match, '"');
  for (const char *p = start; p < end; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append (match, "\"*");
}

/* Turns typed text into an FTS5 query that every word must match as a
 * prefix: "lumi volc" → "lumi"* AND "volc"*. Returns NULL when the text
 * holds no word at all. */
char *
psr_store_fts_match (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *composed = NULL;
  g_autoptr(GString) match = NULL;
  const char *word = NULL;
  gboolean has_alnum = FALSE;
  const char *p;

  if (text == NULL || *text == '\0')
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  composed = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (composed == NULL)
    return NULL;

  match = g_string_new (NULL);
  for (p = composed;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (word == NULL)
            word = p;
          has_alnum |= g_unichar_isalnum (c);
          continue;
        }

      /* Marks alone are no word: the tokenizer would strip them to nothing. */
      if (word != NULL && has_alnum)
        append_word (match, word, p);
      word = NULL;
      has_alnum = FALSE;

      if (c == 0)
        break;
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}
