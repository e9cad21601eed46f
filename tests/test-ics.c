/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <libical/ical.h>
#include <locale.h>
#include <string.h>

#include "psr-error.h"
#include "psr-ics.h"
#include "psr-test-utils.h"

/* The planning as iCalendar, read back with libical. The tests run with
 * TZ=Europe/Paris: slot times are that zone's, winter and summer. */

typedef struct
{
  char        *dir;
  char        *path;
  PsrDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = psr_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (fixture->path, &error);
  g_assert_no_error (error);

  psr_test_exec (fixture->db,
                 "INSERT INTO curricula (id, uuid, lineage_uuid, title) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000001', "
                 "  '00000000-0000-4000-8000-000000000002',"
                 "  'Animer un atelier scientifique');"
                 "INSERT INTO people (id, uuid, given_name, family_name, is_trainer) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000011', 'Karim', 'Benali', 1);"
                 "INSERT INTO sessions (id, uuid, curriculum_id, title, place, room, status,"
                 "                      cancel_reason) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000021', 1, '', 'Cité des sciences',"
                 "  'Salle Jean-Perrin', 'confirmed', ''),"
                 " (2, '00000000-0000-4000-8000-000000000022', "
                 "  1, 'Atelier d’été', 'Palais de la"
                 " découverte', '', 'planned', ''),"
                 " (3, '00000000-0000-4000-8000-000000000023', 1, 'Annulée', '', '', 'cancelled',"
                 "  'Trop peu d’inscrits');"
                 "INSERT INTO session_trainers (session_id, person_id) VALUES (1, 1);"
                 "INSERT INTO session_slots (uuid, session_id, day, period, starts_at, ends_at)"
                 " VALUES"
                 " ('00000000-0000-4000-8000-000000000031', "
                 "  1, '2026-03-10', 'morning', '09:00', '12:30'),"
                 " ('00000000-0000-4000-8000-000000000032', "
                 "  1, '2026-03-10', 'afternoon', '13:30', '17:00'),"
                 " ('00000000-0000-4000-8000-000000000033', "
                 "  2, '2026-07-07', 'morning', '09:30', '12:00'),"
                 " ('00000000-0000-4000-8000-000000000034', 3, '2026-04-01', 'morning',"
                 "  '09:00', '12:30');");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static icalcomponent *
parse (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  return calendar;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;

  g_error ("No event has the UID %s", uid);
}

/* The event's start or end, as a UTC instant "YYYYMMDDTHHMMSSZ", through
 * the calendar's own VTIMEZONE; checks that the time carries the zone. */
static char *
utc_of (icalcomponent    *calendar,
        icalcomponent    *event,
        icalproperty_kind kind)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);
  icalparameter *tzid = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  icaltimezone *zone;
  struct icaltimetype t;

  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Europe/Paris");
  zone = icalcomponent_get_timezone (calendar, "Europe/Paris");
  g_assert_nonnull (zone);

  t = kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart (property)
                                    : icalproperty_get_dtend (property);
  t = icaltime_convert_to_zone (icaltime_set_timezone (&t, zone),
                                icaltimezone_get_utc_timezone ());
  return g_strdup (icaltime_as_ical_string (t));
}

static guint
count_events (icalcomponent *calendar)
{
  return icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT);
}

static void
test_planning (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = psr_ics_export (fixture->db, 0, &error);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *summer = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icalcomponent *timezone;
  icalproperty *version;

  g_assert_no_error (error);
  calendar = parse (text);

  /* One event per half-day of the sessions not cancelled. */
  g_assert_cmpuint (count_events (calendar), ==, 3);
  g_assert_cmpuint (icalcomponent_count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  timezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (timezone,
                                                                            ICAL_TZID_PROPERTY)),
                   ==, "Europe/Paris");
  version = icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY);
  g_assert_cmpstr (icalproperty_get_version (version), ==, "2.0");

  /* Winter: Paris is one hour ahead of UTC. */
  event = find_event (calendar, "00000000-0000-4000-8000-000000000031@passerelle");
  start = utc_of (calendar, event, ICAL_DTSTART_PROPERTY);
  end = utc_of (calendar, event, ICAL_DTEND_PROPERTY);
  g_assert_cmpstr (start, ==, "20260310T080000Z");
  g_assert_cmpstr (end, ==, "20260310T113000Z");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Animer un atelier scientifique");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Cité des sciences, Salle Jean-Perrin");
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "Karim Benali"));
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "1"));
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_false (icaltime_is_null_time (icalcomponent_get_dtstamp (event)));
  g_assert_true (icaltime_is_utc (icalcomponent_get_dtstamp (event)));

  find_event (calendar, "00000000-0000-4000-8000-000000000032@passerelle");

  /* Summer: two hours. A planned session is tentative; its own title wins. */
  event = find_event (calendar, "00000000-0000-4000-8000-000000000033@passerelle");
  summer = utc_of (calendar, event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (summer, ==, "20260707T073000Z");
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Atelier d’été");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Palais de la découverte");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);

  icalcomponent_free (calendar);
}

/* A cancelled session exported alone says so. */
static void
test_cancelled_session (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = psr_ics_export (fixture->db, 3, &error);
  icalcomponent *calendar;
  icalcomponent *event;

  g_assert_no_error (error);
  calendar = parse (text);
  g_assert_cmpuint (count_events (calendar), ==, 1);
  event = find_event (calendar, "00000000-0000-4000-8000-000000000034@passerelle");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "Trop peu d’inscrits"));
  g_assert_null (icalcomponent_get_first_property (event, ICAL_LOCATION_PROPERTY));
  icalcomponent_free (calendar);
}

/* The same slots give the same UIDs, so that a calendar app updates its
 * events rather than doubling them. */
static void
test_stable (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "planning.ics", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  icalcomponent *calendar;

  g_assert_true (psr_ics_write (fixture->db, 1, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
  psr_test_exec (fixture->db, "UPDATE sessions SET place = 'Ailleurs' WHERE id = 1");
  g_assert_true (psr_ics_write (fixture->db, 1, path, &error));
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));

  calendar = parse (second);
  g_assert_cmpuint (count_events (calendar), ==, 2);
  g_assert_cmpstr (icalcomponent_get_location (find_event (calendar,
                                                           "00000000-0000-4000-8000-000000000031"
                                                           "@passerelle")),
                   ==, "Ailleurs, Salle Jean-Perrin");
  g_assert_nonnull (strstr (first, "UID:00000000-0000-4000-8000-000000000031@passerelle"));
  icalcomponent_free (calendar);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "planning.ics", NULL);
  g_autofree char *text = NULL;

  text = psr_ics_export (fixture->db, 99, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_assert_null (text);
  g_clear_error (&error);

  g_assert_false (psr_ics_write (fixture->db, 0, path, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CANT_OPEN);
  g_clear_error (&error);

  /* An empty planning is still a calendar. */
  psr_test_exec (fixture->db, "DELETE FROM session_slots");
  text = psr_ics_export (fixture->db, 0, &error);
  g_assert_no_error (error);
  icalcomponent_free (parse (text));
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("PASSERELLE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* passerelle-cli session ics [UUID] FILE and session doc. */
static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *planning = g_build_filename (fixture->dir, "planning.ics", NULL);
  g_autofree char *one = g_build_filename (fixture->dir, "one.ics", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "documents", NULL);
  g_autofree char *sheet = g_build_filename (folder, "attendance-sheet.pdf", NULL);
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  if (g_getenv ("PASSERELLE_CLI") == NULL)
    {
      g_test_skip ("PASSERELLE_CLI is not set");
      return;
    }

  /* Every spawned process has its own strings. */
  g_clear_object (&fixture->db);

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--database", fixture->path, "session", "ics", planning, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (planning, &text, NULL, NULL));
    calendar = parse (text);
    g_assert_cmpuint (count_events (calendar), ==, 3);
    icalcomponent_free (calendar);
    g_clear_pointer (&text, g_free);
  }

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--database", fixture->path, "session", "ics",
                           "00000000-0000-4000-8000-000000000023", one, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (one, &text, NULL, NULL));
    calendar = parse (text);
    g_assert_cmpuint (count_events (calendar), ==, 1);
    icalcomponent_free (calendar);
  }

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--database", fixture->path, "session", "doc",
                           "00000000-0000-4000-8000-000000000021", "sheet", folder,
                           "--bring", "Un carnet", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_test (sheet, G_FILE_TEST_IS_REGULAR));
    g_assert_nonnull (strstr (out, "attendance-sheet.pdf"));
  }

  {
    /* No trainee: nothing to make, an error. */
    g_autofree char *out = NULL, *err = NULL;
    const char *args[] = { "--database", fixture->path, "session", "doc",
                           "00000000-0000-4000-8000-000000000021", "convocation", folder, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    g_assert_cmpstr (err, !=, "");
  }

  {
    g_autofree char *out = NULL, *err = NULL;
    const char *wrong_kind[] = { "--database", fixture->path, "session", "doc",
                                 "00000000-0000-4000-8000-000000000021", "letters", folder, NULL };
    const char *wrong_option[] = { "--database", fixture->path, "session", "doc",
                                   "00000000-0000-4000-8000-000000000021", "sheet", folder,
                                   "--colour", "blue", NULL };
    const char *too_many[] = { "--database", fixture->path, "session", "ics", "a", "b", "c", NULL };
    const char *unknown[] = { "--database", fixture->path, "session", "ics",
                              "00000000-0000-4000-8000-000000000099", one, NULL };

    g_assert_cmpint (run_cli (wrong_kind, NULL, NULL), ==, 2);
    g_assert_cmpint (run_cli (wrong_option, NULL, NULL), ==, 2);
    g_assert_cmpint (run_cli (too_many, NULL, NULL), ==, 2);
    g_assert_cmpint (run_cli (unknown, &out, &err), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ics/planning", test_planning);
  ADD ("/ics/cancelled-session", test_cancelled_session);
  ADD ("/ics/stable", test_stable);
  ADD ("/ics/errors", test_errors);
  ADD ("/ics/cli", test_cli);
#undef ADD

  return g_test_run ();
}
