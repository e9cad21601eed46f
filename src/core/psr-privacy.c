/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-privacy.h"
#include "psr-store-private.h"

/* Changes when the export's members change meaning. */
#define EXPORT_FORMAT "passerelle-person-1"

static const char person_missing[] =
  N_("This person no longer exists. Choose another one in the list of trainees.");

/* Each list of the export: a member, and the rows of a statement whose
 * columns (by their names) become the members of each object. ?1 is the
 * person. */
typedef struct
{
  const char *member;
  const char *sql;
} Section;

static const Section sections[] = {
  { "enrollments",
    "SELECT e.uuid, s.uuid AS session_uuid,"
    " coalesce (nullif (s.title, ''), c.title) AS session_title,"
    " s.starts_on AS session_starts_on, s.ends_on AS session_ends_on, e.status,"
    " e.waiting_position, e.cancel_reason, e.enrolled_at, e.updated_at"
    " FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " JOIN curricula c ON c.id = s.curriculum_id"
    " WHERE e.person_id = ?1 ORDER BY s.starts_on, e.id" },
  { "trainer_of",
    "SELECT s.uuid AS session_uuid, coalesce (nullif (s.title, ''), c.title) AS session_title,"
    " s.starts_on AS session_starts_on, s.ends_on AS session_ends_on"
    " FROM session_trainers t JOIN sessions s ON s.id = t.session_id"
    " JOIN curricula c ON c.id = s.curriculum_id"
    " WHERE t.person_id = ?1 ORDER BY s.starts_on, s.id" },
  { "attendance",
    "SELECT a.uuid, s.uuid AS session_uuid, sl.day, sl.period, sl.starts_at, sl.ends_at,"
    " a.status, a.note, a.recorded_at"
    " FROM attendance a JOIN session_slots sl ON sl.id = a.slot_id"
    " JOIN sessions s ON s.id = sl.session_id"
    " WHERE a.person_id = ?1 ORDER BY sl.day, sl.period, a.id" },
  { "signatures",
    "SELECT g.uuid, s.uuid AS session_uuid, sl.day, sl.period, g.role, g.signed_at,"
    " g.late_reason, g.hash, g.strokes"
    " FROM signatures g JOIN session_slots sl ON sl.id = g.slot_id"
    " JOIN sessions s ON s.id = g.session_id"
    " WHERE g.person_id = ?1 ORDER BY g.id" },
  { "positionings",
    "SELECT p.uuid, s.uuid AS session_uuid, co.code AS competency_code,"
    " co.title AS competency, p.moment, p.rater, l.name AS level, l.position AS level_position,"
    " p.rated_at"
    " FROM positionings p JOIN sessions s ON s.id = p.session_id"
    " JOIN competencies co ON co.id = p.competency_id"
    " JOIN scale_levels l ON l.id = p.level_id"
    " WHERE p.person_id = ?1 ORDER BY p.id" },
  { "module_progress",
    "SELECT mp.uuid, c.title AS curriculum, m.title AS module, s.uuid AS session_uuid,"
    " mp.status, mp.completed_at, mp.evidence, mp.updated_at"
    " FROM module_progress mp JOIN modules m ON m.id = mp.module_id"
    " JOIN curricula c ON c.id = m.curriculum_id"
    " LEFT JOIN sessions s ON s.id = mp.session_id"
    " WHERE mp.person_id = ?1 ORDER BY mp.id" },
  { "rehearsal_runs",
    "SELECT r.uuid, sc.uuid AS scenario_uuid, sc.title AS scenario, r.started_at,"
    " r.finished_at, r.path"
    " FROM rehearsal_runs r JOIN scenarios sc ON sc.id = r.scenario_id"
    " WHERE r.person_id = ?1 ORDER BY r.started_at, r.id" },
  { "attachments",
    "SELECT a.uuid, s.uuid AS session_uuid, a.kind, a.filename, a.mime_type,"
    " length (a.data) AS size, a.created_at"
    " FROM attachments a LEFT JOIN sessions s ON s.id = a.session_id"
    " WHERE a.person_id = ?1 ORDER BY a.id" },
};

/* Export ------------------------------------------------------------------- */

/* Columns that hold JSON (strokes, rehearsal paths) are embedded as JSON. */
static void
add_column (JsonBuilder  *builder,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *name = sqlite3_column_name (stmt, column);

  json_builder_set_member_name (builder, name);
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
      break;

    case SQLITE_FLOAT:
      json_builder_add_double_value (builder, sqlite3_column_double (stmt, column));
      break;

    case SQLITE_NULL:
      json_builder_add_null_value (builder);
      break;

    case SQLITE_TEXT:
    case SQLITE_BLOB:
    default:
      {
        g_autofree char *text = g_strndup ((const char *) sqlite3_column_text (stmt, column),
                                           sqlite3_column_bytes (stmt, column));
        g_autoptr(JsonNode) node = NULL;

        if (strcmp (name, "strokes") == 0 || strcmp (name, "path") == 0)
          node = json_from_string (text, NULL);

        if (node != NULL)
          json_builder_add_value (builder, g_steal_pointer (&node));
        else if (g_utf8_validate (text, -1, NULL))
          json_builder_add_string_value (builder, text);
        else
          json_builder_add_null_value (builder);
      }
      break;
    }
}

static void
add_row_object (JsonBuilder  *builder,
                sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    add_column (builder, stmt, i);
  json_builder_end_object (builder);
}

static gboolean
add_section (JsonBuilder    *builder,
             PsrDatabase    *db,
             const Section  *section,
             gint64          person_id,
             GError        **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, section->sql, person_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  json_builder_set_member_name (builder, section->member);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row_object (builder, stmt);
  json_builder_end_array (builder);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static gboolean
add_answers (JsonBuilder  *builder,
             PsrDatabase  *db,
             gint64        response_id,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db,
    "SELECT question, subject_id, rating, comment FROM satisfaction_answers"
    " WHERE response_id = ?1 ORDER BY question, subject_id", response_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row_object (builder, stmt);
  json_builder_end_array (builder);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

/* Each response with its answers. */
static gboolean
add_responses (JsonBuilder  *builder,
               PsrDatabase  *db,
               gint64        person_id,
               GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = psr_store_prepare_with_id (db,
    "SELECT id FROM satisfaction_responses WHERE person_id = ?1 ORDER BY id", person_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, psr_store_append_id, ids, error))
    return FALSE;

  json_builder_set_member_name (builder, "satisfaction_responses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      stmt = psr_store_prepare_with_id (db,
        "SELECT r.uuid, s.uuid AS session_uuid, r.kind, r.submitted_at"
        " FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
        " WHERE r.id = ?1", id, error);
      if (stmt == NULL || !psr_store_step_row (db, stmt, _(person_missing), error))
        return FALSE;

      json_builder_begin_object (builder);
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        add_column (builder, stmt, c);
      sqlite3_reset (stmt);
      if (!add_answers (builder, db, id, error))
        return FALSE;
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return TRUE;
}

static gboolean
add_person (JsonBuilder  *builder,
            PsrDatabase  *db,
            gint64        person_id,
            GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db,
    "SELECT uuid, given_name, family_name, email, phone, organisation, job, country, language,"
    " is_trainer, accessibility_needs, accessibility_consent_at, notes, created_at, updated_at"
    " FROM people WHERE id = ?1", person_id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, _(person_missing), error))
    return FALSE;

  json_builder_set_member_name (builder, "person");
  add_row_object (builder, stmt);
  sqlite3_reset (stmt);
  return TRUE;
}

JsonNode *
psr_privacy_export_person (PsrDatabase  *db,
                           gint64        person_id,
                           GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = NULL;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  /* One read transaction: the lists agree with each other. */
  if (!psr_database_begin (db, error))
    return NULL;

  now = psr_now_iso8601 ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, EXPORT_FORMAT);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, now);

  done = add_person (builder, db, person_id, error);
  for (guint i = 0; done && i < G_N_ELEMENTS (sections); i++)
    done = add_section (builder, db, &sections[i], person_id, error);
  done = done && add_responses (builder, db, person_id, error);

  psr_database_rollback (db);
  if (!done)
    return NULL;

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
make_folder (GFile   *folder,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (folder, NULL, &local_error)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A file name that stays in its folder and that no other attachment of the
 * person takes: the start of the attachment's UUID, then its own name. */
static char *
document_name (const char *uuid,
               const char *filename)
{
  g_autofree char *base = g_path_get_basename (filename);
  GString *name = g_string_new (NULL);

  g_string_append_len (name, uuid, 8);
  g_string_append_c (name, '-');
  for (const char *p = base; *p != '\0'; p++)
    g_string_append_c (name, (*p == '/' || *p == '\\' || (guchar) *p < 0x20) ? '_' : *p);

  return g_string_free (name, FALSE);
}

/* Writes the attachments into @documents, and names each one's file in the
 * matching object of @attachments. */
static gboolean
write_documents (PsrDatabase  *db,
                 gint64        person_id,
                 JsonArray    *attachments,
                 GFile        *documents,
                 GFile        *json_folder,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  guint index = 0;
  int rc;

  if (json_array_get_length (attachments) == 0)
    return TRUE;

  if (!make_folder (documents, error))
    return FALSE;

  /* In the order of the "attachments" section. */
  stmt = psr_store_prepare_with_id (db,
    "SELECT uuid, filename, data FROM attachments WHERE person_id = ?1 ORDER BY id",
    person_id, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && index < json_array_get_length (attachments))
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *name = document_name (uuid, (const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(GFile) file = g_file_get_child (documents, name);
      g_autofree char *relative = NULL;
      JsonObject *object = json_array_get_object_element (attachments, index++);

      if (!g_file_replace_contents (file, sqlite3_column_blob (stmt, 2),
                                    sqlite3_column_bytes (stmt, 2), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      relative = json_folder != NULL ? g_file_get_relative_path (json_folder, file) : NULL;
      if (relative == NULL)
        relative = g_file_get_path (file);
      json_object_set_string_member (object, "file", relative);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

gboolean
psr_privacy_export_to_file (PsrDatabase  *db,
                            gint64        person_id,
                            GFile        *json_file,
                            GFile        *documents,
                            GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GFile) json_folder = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_FILE (json_file), FALSE);
  g_return_val_if_fail (documents == NULL || G_IS_FILE (documents), FALSE);

  root = psr_privacy_export_person (db, person_id, error);
  if (root == NULL)
    return FALSE;

  json_folder = g_file_get_parent (json_file);
  if (documents != NULL
      && !write_documents (db, person_id,
                           json_object_get_array_member (json_node_get_object (root), "attachments"),
                           documents, json_folder, error))
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  /* Private: it is everything about someone. */
  return g_file_replace_contents (json_file, text, length, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

gboolean
psr_privacy_export_to_folder (PsrDatabase  *db,
                              gint64        person_id,
                              GFile        *folder,
                              GError      **error)
{
  g_autoptr(GFile) json_file = NULL;
  g_autoptr(GFile) documents = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (!make_folder (folder, error))
    return FALSE;

  json_file = g_file_get_child (folder, "person.json");
  documents = g_file_get_child (folder, "documents");
  return psr_privacy_export_to_file (db, person_id, json_file, documents, error);
}

/* Erasure ------------------------------------------------------------------ */

/* In the order they run, ?1 the person. What the statistics count is kept
 * anonymously first; then the signatures lose what identifies the signer;
 * then the person goes, and with them (by the schema's cascades) their
 * enrollments, attendance, progress, rehearsal runs, positionings and
 * attachments; their positionings of others and their satisfaction
 * responses lose their link to them. The search index follows through the
 * schema's triggers. */
static const char * const erase_sql[] = {
  "INSERT INTO anonymous_attendance (session_id, slot_id, status, count)"
  " SELECT sl.session_id, a.slot_id, a.status, count(*)"
  " FROM attendance a JOIN session_slots sl ON sl.id = a.slot_id"
  " WHERE a.person_id = ?1 GROUP BY a.slot_id, a.status"
  " ON CONFLICT (slot_id, status) DO UPDATE SET count = count + excluded.count",

  "INSERT INTO anonymous_enrollments (session_id, status, count)"
  " SELECT session_id, status, count(*) FROM enrollments"
  " WHERE person_id = ?1 GROUP BY session_id, status"
  " ON CONFLICT (session_id, status) DO UPDATE SET count = count + excluded.count",

  "UPDATE signatures SET strokes = X'', person_uuid = '', late_reason = '', person_id = NULL,"
  " erased_at = " PSR_STORE_NOW ", updated_at = " PSR_STORE_NOW " WHERE person_id = ?1",

  "DELETE FROM session_trainers WHERE person_id = ?1",

  "DELETE FROM people WHERE id = ?1",
};

static gboolean
checkpoint (PsrDatabase  *db,
            gboolean     *complete,
            GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, "PRAGMA wal_checkpoint (TRUNCATE)", error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, NULL, error))
    return FALSE;

  /* busy, frames in the log, frames checkpointed (-1 when not in WAL). */
  *complete = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
psr_privacy_scrub_file (PsrDatabase  *db,
                        GError      **error)
{
  gboolean complete = FALSE;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (psr_database_get_handle (db)), FALSE);

  /* A deletion leaves its words in older segments of the index until they
   * are merged; VACUUM then rewrites the file without free pages, and the
   * log is emptied so that the old pages leave it too. */
  if (!psr_database_exec (db, "INSERT INTO people_fts (people_fts) VALUES ('optimize')", error)
      || !checkpoint (db, &complete, error)
      || !psr_database_exec (db, "VACUUM", error)
      || !checkpoint (db, &complete, error))
    return FALSE;

  if (!complete)
    {
      g_set_error_literal (error, PSR_ERROR, PSR_ERROR_BUSY,
                           _("Another program is reading the database, so its file may still "
                             "hold traces of erased data. Close the other windows and programs "
                             "using it, then try again."));
      return FALSE;
    }

  return TRUE;
}

gboolean
psr_privacy_erase_person (PsrDatabase  *db,
                          gint64        person_id,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (psr_database_get_handle (db)), FALSE);

  if (!psr_database_begin (db, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db, "SELECT id FROM people WHERE id = ?1", person_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(person_missing), error))
    {
      psr_database_rollback (db);
      return FALSE;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (erase_sql); i++)
    if (!psr_store_run_with_id (db, erase_sql[i], person_id, error))
      {
        psr_database_rollback (db);
        return FALSE;
      }

  if (!psr_database_commit (db, error))
    return FALSE;

  return psr_privacy_scrub_file (db, error);
}
