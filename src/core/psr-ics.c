/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "psr-database-private.h"
#include "psr-document.h"
#include "psr-error.h"
#include "psr-ics.h"
#include "psr-record.h"

/* The planning as iCalendar (RFC 5545), for the trainers' own calendar
 * apps: one event per half-day slot, since that is what apps show best
 * (a session's half-days are not a regular recurrence), with the slot's
 * UUID as stable UID so that importing again updates rather than doubles.
 * Slot times are the local time of the place, which is the computer's
 * time zone: they are written with its TZID and a VTIMEZONE, so that a
 * calendar elsewhere shows them at the right hour. See docs/calendar.md. */

/* The École's, when the computer's zone has no name libical knows. */
#define FALLBACK_ZONE "Europe/Paris"

/* The columns of the query in add_events (), in order. */
enum {
  COLUMN_SLOT_UUID,
  COLUMN_DAY,
  COLUMN_STARTS_AT,
  COLUMN_ENDS_AT,
  COLUMN_SESSION_UUID,
  COLUMN_TITLE,
  COLUMN_CURRICULUM,
  COLUMN_PLACE,
  COLUMN_ROOM,
  COLUMN_STATUS,
  COLUMN_CANCEL_REASON,
  COLUMN_POSITION,
  COLUMN_N_SLOTS,
  COLUMN_TRAINERS,
};

static gboolean
finish_rows (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  if (rc != SQLITE_DONE)
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* The computer's time zone, by its IANA name, and libical's data for it:
 * NULL data for UTC. */
static char *
find_zone (icaltimezone **zone)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *identifier = g_time_zone_get_identifier (local);

  if (g_strcmp0 (identifier, "UTC") == 0 || g_strcmp0 (identifier, "Etc/UTC") == 0)
    {
      *zone = NULL;
      return g_strdup ("UTC");
    }

  *zone = identifier != NULL ? icaltimezone_get_builtin_timezone (identifier) : NULL;
  if (*zone != NULL && icaltimezone_get_component (*zone) != NULL)
    return g_strdup (identifier);

  *zone = icaltimezone_get_builtin_timezone (FALLBACK_ZONE);
  return g_strdup (FALLBACK_ZONE);
}

static struct icaltimetype
make_time (const char *day,
           const char *time)
{
  struct icaltimetype t = icaltime_null_time ();
  int year = 0, month = 0, mday = 0, hour = 0, minute = 0;

  if (sscanf (day, "%d-%d-%d", &year, &month, &mday) != 3
      || sscanf (time, "%d:%d", &hour, &minute) != 2)
    return icaltime_null_time ();

  t.year = year;
  t.month = month;
  t.day = mday;
  t.hour = hour;
  t.minute = minute;
  t.is_date = 0;
  return t;
}

static icalproperty *
make_time_property (gboolean             start,
                    struct icaltimetype  t,
                    const char          *zone_name,
                    gboolean             utc)
{
  if (utc)
    {
      t.zone = icaltimezone_get_utc_timezone ();
      return start ? icalproperty_new_dtstart (t) : icalproperty_new_dtend (t);
    }

  if (start)
    return icalproperty_vanew_dtstart (t, icalparameter_new_tzid (zone_name), (void *) 0);
  return icalproperty_vanew_dtend (t, icalparameter_new_tzid (zone_name), (void *) 0);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strstrip (psr_record_column_text (stmt, column));
}

static char *
make_location (const char *place,
               const char *room)
{
  if (*place != '\0' && *room != '\0')
    /* Translators: a place and the room in it, such as "Cité des sciences,
     * Salle Jean-Perrin". */
    return g_strdup_printf (C_("place and room", "%s, %s"), place, room);
  if (*room != '\0')
    return g_strdup (room);
  return g_strdup (place);
}

static char *
make_description (sqlite3_stmt *stmt)
{
  g_autofree char *curriculum = column_text (stmt, COLUMN_CURRICULUM);
  g_autofree char *trainers = column_text (stmt, COLUMN_TRAINERS);
  g_autofree char *reason = column_text (stmt, COLUMN_CANCEL_REASON);
  guint position = sqlite3_column_int (stmt, COLUMN_POSITION);
  guint n_slots = sqlite3_column_int (stmt, COLUMN_N_SLOTS);
  GString *text = g_string_new (NULL);

  /* Translators: in a calendar event: which half-day of the session it is. */
  g_string_append_printf (text, _("Half-day %u of %u"), position, n_slots);
  g_string_append (text, "\n");
  /* Translators: in a calendar event; %s is the title of a curriculum. */
  g_string_append_printf (text, _("Curriculum: %s"), curriculum);
  if (*trainers != '\0')
    {
      g_string_append (text, "\n");
      /* Translators: in a calendar event; %s is a list of names. */
      g_string_append_printf (text, _("Trainers: %s"), trainers);
    }
  if (*reason != '\0')
    {
      g_string_append (text, "\n");
      /* Translators: in a calendar event; %s is why the session was cancelled. */
      g_string_append_printf (text, _("Cancelled: %s"), reason);
    }

  return g_string_free (text, FALSE);
}

static enum icalproperty_status
status_of (const char *status)
{
  if (g_strcmp0 (status, "cancelled") == 0)
    return ICAL_STATUS_CANCELLED;
  if (g_strcmp0 (status, "planned") == 0)
    return ICAL_STATUS_TENTATIVE;
  return ICAL_STATUS_CONFIRMED;
}

static gboolean
add_events (PsrDatabase    *db,
            gint64          session_id,
            icalcomponent  *calendar,
            const char     *zone_name,
            gboolean        utc,
            GError        **error)
{
  struct icaltimetype now = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT sl.uuid, sl.day, sl.starts_at, sl.ends_at, s.uuid,"
                               " coalesce(nullif(trim(s.title), ''), c.title), c.title,"
                               " s.place, s.room, s.status, s.cancel_reason,"
                               " (SELECT count(*) FROM session_slots x WHERE x.session_id = s.id"
                               "  AND (x.day < sl.day"
                               "       OR (x.day = sl.day AND x.starts_at < sl.starts_at)))"
                               " + 1,"
                               " (SELECT count(*) FROM session_slots x WHERE x.session_id = s.id),"
                               " (SELECT group_concat(trim(p.given_name || ' ' || p.family_name),"
                               "                      ', ')"
                               "  FROM session_trainers t JOIN people p ON p.id = t.person_id"
                               "  WHERE t.session_id = s.id)"
                               " FROM session_slots sl"
                               " JOIN sessions s ON s.id = sl.session_id"
                               " JOIN curricula c ON c.id = s.curriculum_id"
                               " WHERE (?1 = 0 AND s.status != 'cancelled') OR s.id = ?1"
                               " ORDER BY sl.day, sl.starts_at, s.id, sl.id",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *slot_uuid = column_text (stmt, COLUMN_SLOT_UUID);
      g_autofree char *uid = g_strconcat (slot_uuid, "@" PSR_ICS_UID_DOMAIN, NULL);
      g_autofree char *day = column_text (stmt, COLUMN_DAY);
      g_autofree char *starts_at = column_text (stmt, COLUMN_STARTS_AT);
      g_autofree char *ends_at = column_text (stmt, COLUMN_ENDS_AT);
      g_autofree char *title = column_text (stmt, COLUMN_TITLE);
      g_autofree char *place = column_text (stmt, COLUMN_PLACE);
      g_autofree char *room = column_text (stmt, COLUMN_ROOM);
      g_autofree char *status = column_text (stmt, COLUMN_STATUS);
      g_autofree char *location = make_location (place, room);
      g_autofree char *description = make_description (stmt);
      icalcomponent *event = icalcomponent_new (ICAL_VEVENT_COMPONENT);

      icalcomponent_add_property (event, icalproperty_new_uid (uid));
      icalcomponent_add_property (event, icalproperty_new_dtstamp (now));
      icalcomponent_add_property (event, make_time_property (TRUE, make_time (day, starts_at),
                                                             zone_name, utc));
      icalcomponent_add_property (event, make_time_property (FALSE, make_time (day, ends_at),
                                                             zone_name, utc));
      icalcomponent_add_property (event, icalproperty_new_summary (title));
      if (*location != '\0')
        icalcomponent_add_property (event, icalproperty_new_location (location));
      icalcomponent_add_property (event, icalproperty_new_description (description));
      icalcomponent_add_property (event, icalproperty_new_status (status_of (status)));
      icalcomponent_add_component (calendar, event);
    }

  return finish_rows (db, stmt, rc, error);
}

static gboolean
session_exists (PsrDatabase  *db,
                gint64        session_id,
                GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, "SELECT 1 FROM sessions WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The session no longer exists."));
  else
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
  return FALSE;
}

/**
 * psr_ics_export:
 * @db: the store
 * @session_id: a session's row id, or 0 for the whole planning (every
 *   session that is not cancelled)
 * @error: return location for a #PSR_ERROR
 *
 * Writes the half-days of one session, or of the whole planning, as an
 * iCalendar object: one VEVENT per half-day slot, with the UID
 * "<slot UUID>@passerelle", times in the computer's time zone with its
 * VTIMEZONE, the session's title as SUMMARY, its place and room as
 * LOCATION, and STATUS:CANCELLED for a cancelled session.
 *
 * Returns: (transfer full): the iCalendar text, or %NULL with @error set
 */
char *
psr_ics_export (PsrDatabase  *db,
                gint64        session_id,
                GError      **error)
{
  icaltimezone *zone = NULL;
  g_autofree char *zone_name = find_zone (&zone);
  icalcomponent *calendar;
  char *text;
  char *result;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (session_id != 0 && !session_exists (db, session_id, error))
    return NULL;

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Universcience//Passerelle "
                                                           PACKAGE_VERSION "//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                  (void *) 0);

  if (zone != NULL)
    {
      icalcomponent *timezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
      icalproperty *tzid = icalcomponent_get_first_property (timezone, ICAL_TZID_PROPERTY);

      /* libical names the zones of the system's data with a prefix of its
       * own; calendar apps know them by their IANA name. */
      if (tzid != NULL)
        icalproperty_set_tzid (tzid, zone_name);
      icalcomponent_add_component (calendar, timezone);
    }

  if (!add_events (db, session_id, calendar, zone_name, zone == NULL, error))
    {
      icalcomponent_free (calendar);
      return NULL;
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}

/**
 * psr_ics_write:
 * @db: the store
 * @session_id: a session's row id, or 0 for the whole planning
 * @path: the .ics file to write
 * @error: return location for a #PSR_ERROR
 *
 * Writes psr_ics_export() to @path, replacing it in one step.
 *
 * Returns: whether the file was written
 */
gboolean
psr_ics_write (PsrDatabase  *db,
               gint64        session_id,
               const char   *path,
               GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_val_if_fail (path != NULL, FALSE);

  text = psr_ics_export (db, session_id, error);
  if (text == NULL)
    return FALSE;

  bytes = g_bytes_new_take (text, strlen (text));
  return psr_document_save_file (bytes, path, error);
}
