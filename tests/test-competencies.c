/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include "psr-competencies.h"
#include "psr-error.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
  gint64       framework;
} Fixture;

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
  fixture->framework = psr_framework_create (fixture->db, "Référentiel", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->framework, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
add (Fixture    *fixture,
     gint64      parent,
     const char *title)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_competency_add (fixture->db, fixture->framework, parent, title, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* "code title" of the children of @parent, in order, joined by "|". */
static char *
children (Fixture *fixture,
          gint64   parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = psr_competency_list_children (fixture->db, fixture->framework,
                                                              parent, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsrCompetency) node = g_list_model_get_item (model, i);

      g_assert_cmpuint (psr_competency_get_position (node), ==, i);
      g_string_append_printf (text, "%s%s %s", i > 0 ? "|" : "", psr_competency_get_code (node),
                              psr_record_get_title (PSR_RECORD (node)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_children (Fixture    *fixture,
                 gint64      parent,
                 const char *expected)
{
  g_autofree char *actual = children (fixture, parent);

  g_assert_cmpstr (actual, ==, expected);
}

static void
test_scale (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM scale_levels"), ==, 4);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM scale_levels"
                                                    " WHERE proficient = 1"), ==, 2);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM frameworks"
                                                    " WHERE scale_id IS NOT NULL"), ==, 1);
}

static void
test_levels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = psr_framework_list_levels (fixture->db, fixture->framework,
                                                           &error);
  PsrScaleLevel *first;

  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 4);
  first = g_ptr_array_index (levels, 0);
  g_assert_false (first->proficient);
  g_assert_true (((PsrScaleLevel *) g_ptr_array_index (levels, 3))->proficient);

  g_assert_true (psr_scale_level_update (fixture->db, first->id, " Découverte ", TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&levels, g_ptr_array_unref);
  levels = psr_framework_list_levels (fixture->db, fixture->framework, &error);
  first = g_ptr_array_index (levels, 0);
  g_assert_cmpstr (first->name, ==, "Découverte");
  g_assert_true (first->proficient);

  /* Names that Moodle could not read, or none, are refused. */
  g_assert_false (psr_scale_level_update (fixture->db, first->id, "Débutant, curieux", FALSE,
                                          &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_scale_level_update (fixture->db, first->id, " ", FALSE, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_scale_level_update (fixture->db, 999, "x", FALSE, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 field = add (fixture, 0, "Animer");
  gint64 competency = add (fixture, field, "Accueillir les publics");
  gint64 indicator = add (fixture, competency, "Salue chaque visiteur");
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(PsrCompetency) node = NULL;

  add (fixture, 0, "Concevoir");
  add (fixture, field, "Adapter son discours");

  assert_children (fixture, 0, "1 Animer|2 Concevoir");
  assert_children (fixture, field, "1.1 Accueillir les publics|1.2 Adapter son discours");
  assert_children (fixture, competency, "1.1.1 Salue chaque visiteur");

  fields = psr_competency_list_children (fixture->db, fixture->framework, 0, &error);
  node = g_list_model_get_item (fields, 0);
  g_assert_cmpint (psr_competency_get_kind (node), ==, PSR_COMPETENCY_FIELD);
  g_assert_cmpuint (psr_competency_get_n_children (node), ==, 2);
  g_assert_cmpint (psr_competency_get_parent_id (node), ==, 0);

  /* Nothing goes under an indicator; a title is needed. */
  g_assert_cmpint (psr_competency_add (fixture->db, fixture->framework, indicator, "x", &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (psr_competency_add (fixture->db, fixture->framework, field, "  ", &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM competencies"), ==, 5);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 field = add (fixture, 0, "Animer");
  gint64 other = add (fixture, 0, "Concevoir");

  g_assert_true (psr_competency_update (fixture->db, field, "A", "Animer des activités",
                                        "Avec tous les publics", &error));
  g_assert_no_error (error);
  assert_children (fixture, 0, "A Animer des activités|2 Concevoir");

  /* Codes are unique in a framework, and never empty. */
  g_assert_false (psr_competency_update (fixture->db, other, "A", "Concevoir", "", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_competency_update (fixture->db, other, "", "Concevoir", "", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_competency_update (fixture->db, 999, "Z", "Z", "", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  assert_children (fixture, 0, "A Animer des activités|2 Concevoir");
}

static void
test_move (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 animer = add (fixture, 0, "Animer");
  gint64 concevoir = add (fixture, 0, "Concevoir");
  gint64 a = add (fixture, animer, "A");
  gint64 b = add (fixture, animer, "B");
  gint64 c = add (fixture, animer, "C");

  /* Within the parent: last to first, first to last, clamped. */
  g_assert_true (psr_competency_move (fixture->db, c, animer, 0, &error));
  assert_children (fixture, animer, "1.3 C|1.1 A|1.2 B");
  g_assert_true (psr_competency_move (fixture->db, c, animer, 99, &error));
  assert_children (fixture, animer, "1.1 A|1.2 B|1.3 C");
  g_assert_true (psr_competency_move (fixture->db, a, animer, 1, &error));
  assert_children (fixture, animer, "1.2 B|1.1 A|1.3 C");

  /* To another field: both sides stay numbered without gaps. */
  g_assert_true (psr_competency_move (fixture->db, b, concevoir, 0, &error));
  g_assert_no_error (error);
  assert_children (fixture, animer, "1.1 A|1.3 C");
  assert_children (fixture, concevoir, "1.2 B");

  /* A competency never becomes a field, nor goes under a competency. */
  g_assert_false (psr_competency_move (fixture->db, b, 0, 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_competency_move (fixture->db, b, a, 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  assert_children (fixture, concevoir, "1.2 B");
}

static void
test_archive_and_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 field = add (fixture, 0, "Animer");
  gint64 used = add (fixture, field, "Accueillir");
  gint64 indicator = add (fixture, used, "Salue");
  gint64 unused = add (fixture, field, "Adapter");

  add (fixture, unused, "Reformule");
  psr_test_exec (fixture->db, "INSERT INTO scenarios (id, uuid, title) VALUES"
                              " (1, '00000000-0000-4000-8000-000000000001', 'Volcans')");
  {
    sqlite3_stmt *stmt = psr_database_prepare (fixture->db,
      "INSERT INTO scenario_competencies (scenario_id, competency_id) VALUES (1, ?1)", NULL);

    sqlite3_bind_int64 (stmt, 1, indicator);
    g_assert_true (psr_database_step_done (fixture->db, stmt, NULL));
  }

  /* In use below: the whole branch is kept, and the message says why. */
  g_assert_cmpuint (psr_competency_count_uses (fixture->db, field, &error), ==, 1);
  g_assert_false (psr_competency_delete (fixture->db, field, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Animer"));
  g_clear_error (&error);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM competencies"), ==, 5);

  /* Archiving covers the subtree. */
  g_assert_true (psr_competency_set_archived (fixture->db, used, TRUE, &error));
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM competencies"
                                                    " WHERE archived = 1"), ==, 2);

  /* Unused: gone with its indicator, the others renumbered. */
  g_assert_true (psr_competency_move (fixture->db, unused, field, 0, &error));
  g_assert_true (psr_competency_delete (fixture->db, unused, &error));
  g_assert_no_error (error);
  assert_children (fixture, field, "1.1 Accueillir");
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM competencies"), ==, 3);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 field = add (fixture, 0, "Animer des activités");
  g_autoptr(GListModel) found = NULL;
  g_autoptr(PsrCompetency) first = NULL;

  add (fixture, field, "Gérer un groupe difficile");
  add (fixture, 0, "Concevoir");

  /* Accents and case do not matter; codes match by prefix. */
  found = psr_competency_search (fixture->db, fixture->framework, "activites", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&found);

  found = psr_competency_search (fixture->db, fixture->framework, "GERER", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  first = g_list_model_get_item (found, 0);
  g_assert_cmpstr (psr_competency_get_code (first), ==, "1.1");
  g_clear_object (&found);

  found = psr_competency_search (fixture->db, fixture->framework, "1", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 2);
  g_clear_object (&found);

  found = psr_competency_search (fixture->db, fixture->framework, "volcan", &error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/competencies/scale", test_scale);
  ADD ("/competencies/levels", test_levels);
  ADD ("/competencies/add", test_add);
  ADD ("/competencies/update", test_update);
  ADD ("/competencies/move", test_move);
  ADD ("/competencies/archive-and-delete", test_archive_and_delete);
  ADD ("/competencies/search", test_search);

#undef ADD

  return g_test_run ();
}
