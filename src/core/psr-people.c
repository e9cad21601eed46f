/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-people.h"
#include "psr-record.h"
#include "psr-store-private.h"

static const char person_missing[] =
  N_("This person no longer exists. Choose another one in the list of trainees.");

/* The person's timestamp is touched in the same statement. */
static const PsrTextField person_fields[PSR_PERSON_N_FIELDS] = {
  [PSR_PERSON_FIELD_GIVEN_NAME] = {
    "UPDATE people SET given_name = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_FAMILY_NAME] = {
    "UPDATE people SET family_name = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_EMAIL] = {
    "UPDATE people SET email = nullif (?2, ''), updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_PHONE] = {
    "UPDATE people SET phone = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_ORGANISATION] = {
    "UPDATE people SET organisation = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_JOB] = {
    "UPDATE people SET job = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_COUNTRY] = {
    "UPDATE people SET country = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
  [PSR_PERSON_FIELD_LANGUAGE] = {
    "UPDATE people SET language = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1",
    N_("A person needs a preferred language. Choose one in the list of languages."),
  },
  [PSR_PERSON_FIELD_NOTES] = {
    "UPDATE people SET notes = ?2, updated_at = " PSR_STORE_NOW " WHERE id = ?1", NULL,
  },
};

const char *
psr_person_field_label (PsrPersonField field)
{
  static const char * const labels[PSR_PERSON_N_FIELDS] = {
    [PSR_PERSON_FIELD_GIVEN_NAME] = N_("Given name"),
    [PSR_PERSON_FIELD_FAMILY_NAME] = N_("Family name"),
    [PSR_PERSON_FIELD_EMAIL] = N_("Email"),
    [PSR_PERSON_FIELD_PHONE] = N_("Phone"),
    [PSR_PERSON_FIELD_ORGANISATION] = N_("Organisation"),
    [PSR_PERSON_FIELD_JOB] = N_("Job"),
    [PSR_PERSON_FIELD_COUNTRY] = N_("Country"),
    [PSR_PERSON_FIELD_LANGUAGE] = N_("Preferred language"),
    [PSR_PERSON_FIELD_NOTES] = N_("Notes"),
  };

  g_return_val_if_fail (field < PSR_PERSON_N_FIELDS, NULL);

  return _(labels[field]);
}

/* Boxed types -------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (PsrPersonDetails, psr_person_details,
                     psr_person_details_copy, psr_person_details_free)

PsrPersonDetails *
psr_person_details_copy (const PsrPersonDetails *details)
{
  PsrPersonDetails *copy;

  g_return_val_if_fail (details != NULL, NULL);

  copy = g_memdup2 (details, sizeof *details);
  copy->uuid = g_strdup (details->uuid);
  copy->given_name = g_strdup (details->given_name);
  copy->family_name = g_strdup (details->family_name);
  copy->display_name = g_strdup (details->display_name);
  copy->email = g_strdup (details->email);
  copy->phone = g_strdup (details->phone);
  copy->organisation = g_strdup (details->organisation);
  copy->job = g_strdup (details->job);
  copy->country = g_strdup (details->country);
  copy->language = g_strdup (details->language);
  copy->accessibility_needs = g_strdup (details->accessibility_needs);
  copy->notes = g_strdup (details->notes);
  if (details->accessibility_consent_at != NULL)
    copy->accessibility_consent_at = g_date_time_ref (details->accessibility_consent_at);
  if (details->created_at != NULL)
    copy->created_at = g_date_time_ref (details->created_at);
  if (details->updated_at != NULL)
    copy->updated_at = g_date_time_ref (details->updated_at);
  return copy;
}

void
psr_person_details_free (PsrPersonDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->uuid);
  g_free (details->given_name);
  g_free (details->family_name);
  g_free (details->display_name);
  g_free (details->email);
  g_free (details->phone);
  g_free (details->organisation);
  g_free (details->job);
  g_free (details->country);
  g_free (details->language);
  g_free (details->accessibility_needs);
  g_free (details->notes);
  g_clear_pointer (&details->accessibility_consent_at, g_date_time_unref);
  g_clear_pointer (&details->created_at, g_date_time_unref);
  g_clear_pointer (&details->updated_at, g_date_time_unref);
  g_free (details);
}

/* Checks ------------------------------------------------------------------- */

gboolean
psr_person_email_is_valid (const char *email)
{
  g_autofree char *text = NULL;
  const char *at;
  const char *dot;

  if (email == NULL)
    return FALSE;

  text = g_strstrip (g_strdup (email));
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>' || *p == '"')
      return FALSE;

  /* A domain with a dot that neither starts nor ends it. */
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot != at + 1 && dot[1] != '\0' && at[1] != '.';
}

static gboolean
check_names (const char  *given_name,
             const char  *family_name,
             GError     **error)
{
  if (!psr_store_is_blank (given_name) || !psr_store_is_blank (family_name))
    return TRUE;

  return psr_store_invalid (error, _("A person needs a given name or a family name. Type one, "
                                     "then try again."));
}

static gboolean
check_language (const char  *code,
                GError     **error)
{
  if (g_strv_contains (psr_languages (), code))
    return TRUE;

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("“%s” is not a language Passerelle knows. Choose one in the list of languages."),
               code);
  return FALSE;
}

/* Another person (not @id) with @email, ignoring case, is refused with a
 * message naming them. */
static gboolean
check_email_free (PsrDatabase  *db,
                  gint64        id,
                  const char   *email,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
    "SELECT trim(given_name || ' ' || family_name) FROM people"
    " WHERE email = ?2 COLLATE NOCASE AND email != '' AND id != ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, email, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("%s already has the email “%s”. Two people cannot share an email: "
                     "check which one it is, or leave it empty."),
                   (const char *) sqlite3_column_text (stmt, 0), email);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

/* Changes ------------------------------------------------------------------ */

/* Opens the transaction of a change to the person, once they are known to
 * exist; the two names are read for the rule that keeps one of them. */
static gboolean
begin_change (PsrDatabase   *db,
              gint64         id,
              char         **given_name,
              char         **family_name,
              GError       **error)
{
  sqlite3_stmt *stmt;

  if (!psr_database_begin (db, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db, "SELECT given_name, family_name FROM people WHERE id = ?1",
                                    id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(person_missing), error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  if (given_name != NULL)
    *given_name = psr_record_column_text (stmt, 0);
  if (family_name != NULL)
    *family_name = psr_record_column_text (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
end_change (PsrDatabase  *db,
            gboolean      done,
            GError      **error)
{
  if (!done)
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

gint64
psr_person_create (PsrDatabase  *db,
                   const char   *given_name,
                   const char   *family_name,
                   GError      **error)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!psr_store_check_text (given_name, error) || !psr_store_check_text (family_name, error))
    return 0;

  given = g_strstrip (g_strdup (given_name != NULL ? given_name : ""));
  family = g_strstrip (g_strdup (family_name != NULL ? family_name : ""));
  if (!check_names (given, family, error))
    return 0;

  /* One statement: a transaction of its own. */
  stmt = psr_database_prepare (db,
    "INSERT INTO people (uuid, given_name, family_name, language) VALUES (?1, ?2, ?3, 'fr')",
    error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, given, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, family, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return 0;

  return psr_database_last_id (db);
}

/* @text stripped: whether the field may take it, in the person @id whose
 * names are @given_name and @family_name. */
static gboolean
check_field (PsrDatabase     *db,
             gint64           id,
             PsrPersonField   field,
             const char      *text,
             const char      *given_name,
             const char      *family_name,
             GError         **error)
{
  switch (field)
    {
    case PSR_PERSON_FIELD_GIVEN_NAME:
      return check_names (text, family_name, error);

    case PSR_PERSON_FIELD_FAMILY_NAME:
      return check_names (given_name, text, error);

    case PSR_PERSON_FIELD_EMAIL:
      if (*text == '\0')
        return TRUE;
      if (!psr_person_email_is_valid (text))
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("“%s” is not an email address. Type one like name@example.org, or "
                         "leave it empty."), text);
          return FALSE;
        }
      return check_email_free (db, id, text, error);

    case PSR_PERSON_FIELD_LANGUAGE:
      return check_language (text, error);

    case PSR_PERSON_FIELD_PHONE:
    case PSR_PERSON_FIELD_ORGANISATION:
    case PSR_PERSON_FIELD_JOB:
    case PSR_PERSON_FIELD_COUNTRY:
    case PSR_PERSON_FIELD_NOTES:
    case PSR_PERSON_N_FIELDS:
    default:
      return TRUE;
    }
}

gboolean
psr_person_set_field (PsrDatabase     *db,
                      gint64           id,
                      PsrPersonField   field,
                      const char      *value,
                      GError         **error)
{
  g_autofree char *text = NULL;
  g_autofree char *given_name = NULL;
  g_autofree char *family_name = NULL;
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (field < PSR_PERSON_N_FIELDS, FALSE);

  text = psr_store_text_for_field (&person_fields[field], value, error);
  if (text == NULL)
    return FALSE;
  g_strstrip (text);

  if (!begin_change (db, id, &given_name, &family_name, error))
    return FALSE;

  done = check_field (db, id, field, text, given_name, family_name, error)
         && (stmt = psr_store_prepare_with_id (db, person_fields[field].sql, id, error)) != NULL;
  if (done)
    {
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      done = psr_database_step_done (db, stmt, error);
    }

  return end_change (db, done, error);
}

gboolean
psr_person_set_trainer (PsrDatabase  *db,
                        gint64        id,
                        gboolean      is_trainer,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, id, NULL, NULL, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db,
    "UPDATE people SET is_trainer = ?2, updated_at = " PSR_STORE_NOW
    " WHERE id = ?1 AND is_trainer != ?2", id, error);
  done = stmt != NULL;
  if (done)
    {
      sqlite3_bind_int (stmt, 2, is_trainer ? 1 : 0);
      done = psr_database_step_done (db, stmt, error);
    }

  return end_change (db, done, error);
}

gboolean
psr_person_set_accessibility_needs (PsrDatabase  *db,
                                    gint64        id,
                                    const char   *needs,
                                    GError      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!psr_store_check_text (needs, error))
    return FALSE;

  text = g_strstrip (g_strdup (needs != NULL ? needs : ""));
  if (!begin_change (db, id, NULL, NULL, error))
    return FALSE;

  /* The needs and the consent go together: the schema refuses needs
   * without a date of consent. */
  stmt = psr_store_prepare_with_id (db,
    "UPDATE people SET accessibility_needs = ?2, accessibility_consent_at = ?3,"
    " updated_at = " PSR_STORE_NOW " WHERE id = ?1", id, error);
  done = stmt != NULL;
  if (done)
    {
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      if (*text != '\0')
        {
          now = psr_now_iso8601 ();
          sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_null (stmt, 3);
      done = psr_database_step_done (db, stmt, error);
    }

  return end_change (db, done, error);
}

static gboolean
query_count (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             guint        *count,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, NULL, error))
    return FALSE;

  *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Sessions and their signatures are evidence for the funders: what points
 * at them must stay. */
static gboolean
refuse_if_kept (PsrDatabase  *db,
                gint64        id,
                GError      **error)
{
  guint n_sessions;
  guint n_signatures;

  if (!query_count (db, "SELECT count(*) FROM session_trainers WHERE person_id = ?1",
                    id, &n_sessions, error)
      || !query_count (db, "SELECT count(*) FROM signatures WHERE person_id = ?1",
                       id, &n_signatures, error))
    return FALSE;

  if (n_sessions > 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This person is a trainer of %u session, so they cannot be "
                                "deleted. Remove them from its trainers first, or erase their "
                                "personal data instead.",
                                "This person is a trainer of %u sessions, so they cannot be "
                                "deleted. Remove them from their trainers first, or erase their "
                                "personal data instead.",
                                n_sessions),
                   n_sessions);
      return FALSE;
    }

  if (n_signatures > 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This person signed %u slot: the signature is evidence of the "
                                "training and must stay. Erase their personal data instead.",
                                "This person signed %u slots: the signatures are evidence of the "
                                "training and must stay. Erase their personal data instead.",
                                n_signatures),
                   n_signatures);
      return FALSE;
    }

  return TRUE;
}

gboolean
psr_person_delete (PsrDatabase  *db,
                   gint64        id,
                   GError      **error)
{
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, id, NULL, NULL, error))
    return FALSE;

  done = refuse_if_kept (db, id, error)
         && psr_store_run_with_id (db, "DELETE FROM people WHERE id = ?1", id, error);
  return end_change (db, done, error);
}

gint64
psr_person_find_by_email (PsrDatabase  *db,
                          const char   *email,
                          GError      **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (email == NULL)
    return 0;

  text = g_strstrip (g_strdup (email));
  if (*text == '\0')
    return 0;

  stmt = psr_database_prepare (db,
    "SELECT id FROM people WHERE email = ?1 COLLATE NOCASE AND email != ''", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return id;
}

/* Details ------------------------------------------------------------------ */

static GDateTime *
column_instant (sqlite3_stmt *stmt,
                int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

PsrPersonDetails *
psr_person_get_details (PsrDatabase  *db,
                        gint64        id,
                        GError      **error)
{
  g_autoptr(PsrPersonDetails) details = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT uuid, given_name, family_name, trim(given_name || ' ' || family_name),"
    " coalesce(email, ''), phone, organisation, job, country, language, is_trainer,"
    " accessibility_needs, accessibility_consent_at, notes, created_at, updated_at,"
    " (SELECT count(*) FROM enrollments WHERE person_id = p.id),"
    " (SELECT count(*) FROM session_trainers WHERE person_id = p.id),"
    " (SELECT count(*) FROM signatures WHERE person_id = p.id)"
    " FROM people p WHERE id = ?1", id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(person_missing), error))
    return NULL;

  details = g_new0 (PsrPersonDetails, 1);
  details->id = id;
  details->uuid = psr_record_column_text (stmt, 0);
  details->given_name = psr_record_column_text (stmt, 1);
  details->family_name = psr_record_column_text (stmt, 2);
  details->display_name = psr_record_column_text (stmt, 3);
  details->email = psr_record_column_text (stmt, 4);
  details->phone = psr_record_column_text (stmt, 5);
  details->organisation = psr_record_column_text (stmt, 6);
  details->job = psr_record_column_text (stmt, 7);
  details->country = psr_record_column_text (stmt, 8);
  details->language = psr_record_column_text (stmt, 9);
  details->is_trainer = sqlite3_column_int (stmt, 10) != 0;
  details->accessibility_needs = psr_record_column_text (stmt, 11);
  details->accessibility_consent_at = column_instant (stmt, 12);
  details->notes = psr_record_column_text (stmt, 13);
  details->created_at = column_instant (stmt, 14);
  details->updated_at = column_instant (stmt, 15);
  details->n_enrollments = (guint) sqlite3_column_int64 (stmt, 16);
  details->n_sessions_trained = (guint) sqlite3_column_int64 (stmt, 17);
  details->n_signatures = (guint) sqlite3_column_int64 (stmt, 18);
  sqlite3_reset (stmt);

  return g_steal_pointer (&details);
}
