/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>

#include "psr-person.h"
#include "psr-planning.h"
#include "psr-record.h"
#include "psr-session.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
  GDate        today;
} Fixture;

/* Three sessions around 11 March 2026, one without slots, and four people,
 * two of them trainers. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_date_set_dmy (&fixture->today, 11, 3, 2026);

  psr_test_exec (fixture->db,
                 "INSERT INTO curricula (id, uuid, lineage_uuid, title)"
                 " VALUES (1, '00000000-0000-4000-8000-0000000000c1',"
                 "         '00000000-0000-4000-8000-0000000000c2', 'Médiation au jardin')");
  psr_test_exec (fixture->db,
                 "INSERT INTO sessions (id, uuid, curriculum_id, title, place, room) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000001', 1, '', 'Cité des sciences', 'Salle 100%'),"
                 " (2, '00000000-0000-4000-8000-000000000002', 1, 'Printemps', 'Palais', 'Verte'),"
                 " (3, '00000000-0000-4000-8000-000000000003', 1, 'Hiver', 'Palais', 'Bleue'),"
                 " (4, '00000000-0000-4000-8000-000000000004', 1, 'Sans date', '', '')");
  psr_test_exec (fixture->db,
                 "INSERT INTO session_slots (uuid, session_id, day, period, starts_at, ends_at) VALUES"
                 " ('00000000-0000-4000-8000-000000000101', 1, '2026-03-10', 'morning', '09:00', '12:30'),"
                 " ('00000000-0000-4000-8000-000000000102', 1, '2026-03-11', 'morning', '09:00', '12:30'),"
                 " ('00000000-0000-4000-8000-000000000103', 2, '2026-04-02', 'morning', '09:00', '12:30'),"
                 " ('00000000-0000-4000-8000-000000000104', 3, '2026-01-15', 'morning', '09:00', '12:30')");
  psr_test_exec (fixture->db,
                 "INSERT INTO people (uuid, given_name, family_name, email, is_trainer) VALUES"
                 " ('00000000-0000-4000-8000-000000000201', 'Élodie', 'Zéphyr', 'ez@example.org', 1),"
                 " ('00000000-0000-4000-8000-000000000202', 'Amina', 'Benali', NULL, 0),"
                 " ('00000000-0000-4000-8000-000000000203', 'Éric', 'Arnaud', NULL, 1),"
                 " ('00000000-0000-4000-8000-000000000204', 'Elias', 'Martin', NULL, 0)");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
titles (GListModel *model)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsrRecord) record = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (text, " | ");
      g_string_append (text, psr_record_get_title (record));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_sessions (Fixture          *fixture,
                PsrPlanningRange  range,
                const char       *search,
                const char       *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autofree char *found = NULL;

  model = psr_planning_list_sessions (fixture->db, range, &fixture->today, search, &error);
  g_assert_no_error (error);
  found = titles (model);
  g_assert_cmpstr (found, ==, expected);
}

/* A session still running today is upcoming; one without slots comes
 * first, to be scheduled. */
static void
test_sessions_ranges (Fixture       *fixture,
                      gconstpointer  data)
{
  check_sessions (fixture, PSR_PLANNING_UPCOMING, NULL,
                  "Sans date | Médiation au jardin | Printemps");
  check_sessions (fixture, PSR_PLANNING_PAST, "", "Hiver");
}

/* Every word, anywhere in the title, curriculum, place or room; LIKE's
 * own characters are plain text. */
static void
test_sessions_search (Fixture       *fixture,
                      gconstpointer  data)
{
  check_sessions (fixture, PSR_PLANNING_UPCOMING, "palais VERTE", "Printemps");
  check_sessions (fixture, PSR_PLANNING_UPCOMING, "jardin",
                  "Sans date | Médiation au jardin | Printemps");
  check_sessions (fixture, PSR_PLANNING_UPCOMING, "100%", "Médiation au jardin");
  check_sessions (fixture, PSR_PLANNING_UPCOMING, "1_0", "");
  check_sessions (fixture, PSR_PLANNING_PAST, "verte", "");
}

static void
check_people (Fixture    *fixture,
              const char *search,
              gboolean    trainers_only,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autofree char *found = NULL;

  model = psr_planning_search_people (fixture->db, search, trainers_only, &error);
  g_assert_no_error (error);
  found = titles (model);
  g_assert_cmpstr (found, ==, expected);
}

/* By family name; prefixes, without case or accents; operators typed in
 * the entry are plain words. */
static void
test_people_search (Fixture       *fixture,
                    gconstpointer  data)
{
  check_people (fixture, NULL, FALSE, "Éric Arnaud | Amina Benali | Elias Martin | Élodie Zéphyr");
  check_people (fixture, "", TRUE, "Éric Arnaud | Élodie Zéphyr");
  check_people (fixture, "el", FALSE, "Elias Martin | Élodie Zéphyr");
  check_people (fixture, "EL", TRUE, "Élodie Zéphyr");
  check_people (fixture, "zeph elo", FALSE, "Élodie Zéphyr");
  check_people (fixture, "ez@example", FALSE, "Élodie Zéphyr");
  check_people (fixture, "NOT OR \"*", FALSE, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/planning/sessions/ranges", Fixture, NULL, fixture_set_up, test_sessions_ranges,
              fixture_tear_down);
  g_test_add ("/planning/sessions/search", Fixture, NULL, fixture_set_up, test_sessions_search,
              fixture_tear_down);
  g_test_add ("/planning/people/search", Fixture, NULL, fixture_set_up, test_people_search,
              fixture_tear_down);

  return g_test_run ();
}
