/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-curriculum.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-module.h"
#include "psr-scenario.h"
#include "psr-store-private.h"
#include "psr-translations.h"

/* Translations live in their own table, by the UUID of their record: the
 * record's own columns keep the original text, so everything that does not
 * know about translations (search, sheets, checks) keeps working on it. */

static const PsrTranslatableField scenario_fields[] = {
  [PSR_SCENARIO_FIELD_TITLE] = { "title", N_("Title"), FALSE },
  [PSR_SCENARIO_FIELD_THEME] = { "theme", N_("Theme"), FALSE },
  [PSR_SCENARIO_FIELD_OBJECTIVES] = { "objectives", N_("Objectives"), TRUE },
  [PSR_SCENARIO_FIELD_MATERIALS] = { "materials", N_("Materials"), TRUE },
  [PSR_SCENARIO_FIELD_ROOM_LAYOUT] = { "room_layout", N_("Room Layout"), TRUE },
  [PSR_SCENARIO_FIELD_MEDIATOR_STANCE] = { "mediator_stance", N_("Mediator Stance"), TRUE },
  [PSR_SCENARIO_FIELD_ACCESSIBILITY] = { "accessibility", N_("Accessibility Adaptations"), TRUE },
  [PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS] = { "difficult_situations", N_("Difficult Situations"),
                                                TRUE },
  [PSR_SCENARIO_FIELD_SAFETY] = { "safety", N_("Safety"), TRUE },
  [PSR_SCENARIO_FIELD_EVALUATION] = { "evaluation", N_("Evaluation"), TRUE },
  [PSR_SCENARIO_FIELD_SOURCES] = { "sources", N_("Sources"), TRUE },
};

static const PsrTranslatableField curriculum_fields[] = {
  [PSR_CURRICULUM_FIELD_TITLE] = { "title", N_("Title"), FALSE },
  [PSR_CURRICULUM_FIELD_SUMMARY] = { "summary", N_("Summary"), TRUE },
  [PSR_CURRICULUM_FIELD_AUDIENCE] = { "audience", N_("Audience"), TRUE },
  [PSR_CURRICULUM_FIELD_PREREQUISITES] = { "prerequisites", N_("Prerequisites"), TRUE },
  [PSR_CURRICULUM_FIELD_TEACHING_METHODS] = { "teaching_methods", N_("Teaching Methods"), TRUE },
  [PSR_CURRICULUM_FIELD_EVALUATION_METHODS] = { "evaluation_methods", N_("Evaluation of Skills"),
                                                TRUE },
  [PSR_CURRICULUM_FIELD_ACCESS_TERMS] = { "access_terms", N_("Access Terms"), TRUE },
  [PSR_CURRICULUM_FIELD_ACCESS_DELAY] = { "access_delay", N_("Access Delay"), FALSE },
  [PSR_CURRICULUM_FIELD_CONTACT] = { "contact", N_("Contact"), TRUE },
  [PSR_CURRICULUM_FIELD_ACCESSIBILITY] = { "accessibility", N_("Accessibility"), TRUE },
};

static const PsrTranslatableField module_fields[] = {
  [PSR_MODULE_FIELD_TITLE] = { "title", N_("Title"), FALSE },
  [PSR_MODULE_FIELD_OBJECTIVES] = { "objectives", N_("Objectives"), TRUE },
  [PSR_MODULE_FIELD_CONTENT] = { "content", N_("Content"), TRUE },
};

static const PsrTranslatableField competency_fields[] = {
  { "title", N_("Title"), FALSE },
  { "description", N_("Description"), TRUE },
};

typedef struct
{
  const char                 *kind;
  const PsrTranslatableField *fields;
  guint                       n_fields;
  /* ?1 the UUID → the original language, then each field in order. */
  const char                 *select;
  const char                 *missing;  /* translatable */
  /* ?1 the UUID; NULL when a translation does not change the record. */
  const char                 *touch;
} Kind;

static const Kind kinds[] = {
  {
    "scenario", scenario_fields, G_N_ELEMENTS (scenario_fields),
    "SELECT language, title, theme, objectives, materials, room_layout, mediator_stance,"
    " accessibility, difficult_situations, safety, evaluation, sources"
    " FROM scenarios WHERE uuid = ?1",
    N_("This scenario no longer exists. It may have been deleted in another window."),
    /* Packages merge scenarios by their last change: a new translation is one. */
    "UPDATE scenarios SET updated_at = " PSR_STORE_NOW " WHERE uuid = ?1",
  },
  {
    "curriculum", curriculum_fields, G_N_ELEMENTS (curriculum_fields),
    "SELECT language, title, summary, audience, prerequisites, teaching_methods,"
    " evaluation_methods, access_terms, access_delay, contact, accessibility"
    " FROM curricula WHERE uuid = ?1",
    N_("This curriculum no longer exists. It may have been deleted in another window."),
    NULL,
  },
  {
    "module", module_fields, G_N_ELEMENTS (module_fields),
    "SELECT c.language, m.title, m.objectives, m.content"
    " FROM modules m JOIN curricula c ON c.id = m.curriculum_id WHERE m.uuid = ?1",
    N_("This module no longer exists. It may have been deleted in another window."),
    NULL,
  },
  {
    "competency", competency_fields, G_N_ELEMENTS (competency_fields),
    "SELECT f.language, c.title, c.description"
    " FROM competencies c JOIN frameworks f ON f.id = c.framework_id WHERE c.uuid = ?1",
    N_("This competency no longer exists. It may have been deleted in another window."),
    NULL,
  },
};

static const Kind *
find_kind (const char  *kind,
           GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return &kinds[i];

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("“%s” is not something that can be translated."), kind != NULL ? kind : "");
  return NULL;
}

static int
find_field (const Kind *kind,
            const char *field)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (g_strcmp0 (kind->fields[i].code, field) == 0)
      return (int) i;

  return -1;
}

/* Reads the record: its original language, and its texts into @originals
 * when not NULL. */
static gboolean
read_record (PsrDatabase  *db,
             const Kind   *kind,
             const char   *uuid,
             char        **language,
             GHashTable   *originals,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, kind->select, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid != NULL ? uuid : "", -1, SQLITE_TRANSIENT);
  if (!psr_store_step_row (db, stmt, _(kind->missing), error))
    return FALSE;

  if (language != NULL)
    *language = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  for (guint i = 0; originals != NULL && i < kind->n_fields; i++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, (int) i + 1);

      g_hash_table_insert (originals, g_strdup (kind->fields[i].code),
                           g_strdup (text != NULL ? text : ""));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* @language is one to translate into: known, and not the original one. */
static gboolean
check_language (const char  *language,
                const char  *original,
                GError     **error)
{
  if (language == NULL || !g_strv_contains (psr_languages (), language))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a language Passerelle knows. Choose one in the list."),
                   language != NULL ? language : "");
      return FALSE;
    }
  if (g_strcmp0 (language, original) == 0)
    return psr_store_invalid (error, _("The text is already in this language. Choose another "
                                       "language to translate it into."));

  return TRUE;
}

static gboolean
touch_record (PsrDatabase  *db,
              const Kind   *kind,
              const char   *uuid,
              GError      **error)
{
  sqlite3_stmt *stmt;

  if (kind->touch == NULL)
    return TRUE;

  stmt = psr_database_prepare (db, kind->touch, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (db, stmt, error);
}

const PsrTranslatableField *
psr_translation_fields (const char *kind,
                        guint      *n_fields)
{
  const Kind *found = find_kind (kind, NULL);

  if (n_fields != NULL)
    *n_fields = found != NULL ? found->n_fields : 0;

  return found != NULL ? found->fields : NULL;
}

char *
psr_translation_get_original_language (PsrDatabase  *db,
                                       const char   *kind,
                                       const char   *uuid,
                                       GError      **error)
{
  const Kind *found;
  char *language = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  found = find_kind (kind, error);
  if (found == NULL || !read_record (db, found, uuid, &language, NULL, error))
    return NULL;

  return language;
}

GHashTable *
psr_translation_get_originals (PsrDatabase  *db,
                               const char   *kind,
                               const char   *uuid,
                               GError      **error)
{
  g_autoptr(GHashTable) originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const Kind *found;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  found = find_kind (kind, error);
  if (found == NULL || !read_record (db, found, uuid, NULL, originals, error))
    return NULL;

  return g_steal_pointer (&originals);
}

GHashTable *
psr_translation_get (PsrDatabase  *db,
                     const char   *kind,
                     const char   *uuid,
                     const char   *language,
                     GError      **error)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const Kind *found;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  found = find_kind (kind, error);
  if (found == NULL || !read_record (db, found, uuid, NULL, NULL, error))
    return NULL;

  stmt = psr_database_prepare (db,
                               "SELECT field, text FROM content_translations"
                               " WHERE kind = ?1 AND record_uuid = ?2 AND language = ?3",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, found->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, language != NULL ? language : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 0);

      /* A field this version does not translate, from a newer package. */
      if (find_field (found, field) < 0)
        continue;
      g_hash_table_insert (texts, g_strdup (field),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      return NULL;
    }

  return g_steal_pointer (&texts);
}

GStrv
psr_translation_list_languages (PsrDatabase  *db,
                                const char   *kind,
                                const char   *uuid,
                                GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) present = g_ptr_array_new_with_free_func (g_free);
  const char * const *languages = psr_languages ();
  const Kind *found;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  found = find_kind (kind, error);
  if (found == NULL || !read_record (db, found, uuid, NULL, NULL, error))
    return NULL;

  stmt = psr_database_prepare (db,
                               "SELECT DISTINCT language FROM content_translations"
                               " WHERE kind = ?1 AND record_uuid = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, found->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (present, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      return NULL;
    }

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_ptr_array_find_with_equal_func (present, languages[i], g_str_equal, NULL))
      g_strv_builder_add (builder, languages[i]);

  return g_strv_builder_end (builder);
}

gboolean
psr_translation_set (PsrDatabase  *db,
                     const char   *kind,
                     const char   *uuid,
                     const char   *language,
                     const char   *field,
                     const char   *text,
                     GError      **error)
{
  g_autofree char *original = NULL;
  const Kind *found;
  sqlite3_stmt *stmt;
  gboolean clear;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  found = find_kind (kind, error);
  if (found == NULL || !psr_store_check_text (text, error))
    return FALSE;
  if (find_field (found, field) < 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a field that can be translated."), field != NULL ? field : "");
      return FALSE;
    }

  if (!psr_database_begin (db, error))
    return FALSE;
  if (!read_record (db, found, uuid, &original, NULL, error)
      || !check_language (language, original, error))
    goto failed;

  clear = text == NULL || psr_store_is_blank (text);
  if (clear)
    stmt = psr_database_prepare (db,
                                 "DELETE FROM content_translations"
                                 " WHERE kind = ?1 AND record_uuid = ?2 AND language = ?3"
                                 " AND field = ?4",
                                 error);
  else
    stmt = psr_database_prepare (db,
                                 "INSERT INTO content_translations"
                                 " (kind, record_uuid, language, field, text)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)"
                                 " ON CONFLICT (kind, record_uuid, language, field)"
                                 " DO UPDATE SET text = excluded.text,"
                                 " updated_at = " PSR_STORE_NOW " WHERE text IS NOT excluded.text",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, found->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
  if (!clear)
    sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    goto failed;

  if (sqlite3_changes (psr_database_get_handle (db)) > 0
      && !touch_record (db, found, uuid, error))
    goto failed;

  return psr_database_commit (db, error);

failed:
  psr_database_rollback (db);
  return FALSE;
}

gboolean
psr_translation_remove_language (PsrDatabase  *db,
                                 const char   *kind,
                                 const char   *uuid,
                                 const char   *language,
                                 GError      **error)
{
  const Kind *found;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  found = find_kind (kind, error);
  if (found == NULL || !psr_database_begin (db, error))
    return FALSE;
  if (!read_record (db, found, uuid, NULL, NULL, error))
    goto failed;

  stmt = psr_database_prepare (db,
                               "DELETE FROM content_translations"
                               " WHERE kind = ?1 AND record_uuid = ?2 AND language = ?3",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, found->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, language != NULL ? language : "", -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    goto failed;

  if (sqlite3_changes (psr_database_get_handle (db)) > 0
      && !touch_record (db, found, uuid, error))
    goto failed;

  return psr_database_commit (db, error);

failed:
  psr_database_rollback (db);
  return FALSE;
}

char *
psr_translation_resolve (PsrDatabase  *db,
                         const char   *kind,
                         const char   *uuid,
                         const char   *field,
                         const char   *language,
                         gboolean     *is_fallback,
                         GError      **error)
{
  g_autoptr(GHashTable) originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *original = NULL;
  const Kind *found;
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (is_fallback != NULL)
    *is_fallback = FALSE;

  found = find_kind (kind, error);
  if (found == NULL || !read_record (db, found, uuid, &original, originals, error))
    return NULL;
  if (find_field (found, field) < 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a field that can be translated."), field != NULL ? field : "");
      return NULL;
    }

  if (language == NULL || g_strcmp0 (language, original) == 0)
    return g_strdup (g_hash_table_lookup (originals, field));

  stmt = psr_database_prepare (db,
                               "SELECT text FROM content_translations"
                               " WHERE kind = ?1 AND record_uuid = ?2 AND language = ?3"
                               " AND field = ?4",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, found->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      return NULL;
    }

  if (text != NULL)
    return text;

  if (is_fallback != NULL)
    *is_fallback = TRUE;
  return g_strdup (g_hash_table_lookup (originals, field));
}
