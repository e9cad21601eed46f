/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "psr-sample.h"
#include "psr-scenario-search.h"
#include "psr-scenario.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

/* The École's twelve scenarios, in French, and three more written for
 * these tests: one about volcanoes in its title, one that names them only
 * in its sources, and one in English. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (psr_sample_load (fixture->db, today, &error));
  g_assert_no_error (error);

  psr_test_exec (fixture->db,
                 "INSERT INTO scenarios (uuid, title, theme, format, venue, duration_minutes,"
                 "                       sources, language, updated_at)"
                 " VALUES ('00000000-0000-4000-8000-000000000001', 'Les volcans d''Auvergne',"
                 "         'Géologie', 'workshop', 'outdoor', 40, 'Observatoire de physique',"
                 "         'fr', '2030-01-01T00:00:00.000Z'),"
                 "        ('00000000-0000-4000-8000-000000000002', 'Roches et cristaux',"
                 "         'Géologie', 'stand', 'exhibition', 35,"
                 "         'Observatoire des volcans, dossiers pédagogiques', 'fr',"
                 "         '2020-01-01T00:00:00.000Z'),"
                 "        ('00000000-0000-4000-8000-000000000003', 'Light and colours',"
                 "         'Optics', 'show', 'online', 15, '', 'en', '2025-06-01T00:00:00.000Z')");
  psr_test_exec (fixture->db,
                 "INSERT INTO scenario_audiences (scenario_id, audience)"
                 " SELECT id, 'families' FROM scenarios"
                 " WHERE uuid = '00000000-0000-4000-8000-000000000001'");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers ------------------------------------------------------------------ */

static GListModel *
search (Fixture                *fixture,
        const PsrScenarioQuery *query)
{
  g_autoptr(GError) error = NULL;
  GListModel *model = psr_scenario_search (fixture->db, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_true (g_list_model_get_item_type (model) == PSR_TYPE_SCENARIO);
  return model;
}

static GListModel *
search_text (Fixture    *fixture,
             const char *text)
{
  PsrScenarioQuery query = { .text = text };

  return search (fixture, &query);
}

static PsrScenario *
get_scenario (GListModel *model,
              guint       position)
{
  PsrScenario *scenario = g_list_model_get_item (model, position);

  g_assert_nonnull (scenario);
  /* The model keeps its own reference. */
  g_object_unref (scenario);
  return scenario;
}

static const char *
get_title (GListModel *model,
           guint       position)
{
  return psr_record_get_title (PSR_RECORD (get_scenario (model, position)));
}

static gboolean
has_title (GListModel *model,
           const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (get_title (model, i), title))
      return TRUE;
  return FALSE;
}

static guint
count_all (Fixture *fixture)
{
  return psr_test_query_int (fixture->db, "SELECT count(*) FROM scenarios");
}

/* Tests -------------------------------------------------------------------- */

static void
test_accents_and_case (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *lumiere[] = { "lumiere", "LUMIÈRE", "Lumière", "lumie\xcc\x80re" };

  for (guint i = 0; i < G_N_ELEMENTS (lumiere); i++)
    {
      g_autoptr(GListModel) model = search_text (fixture, lumiere[i]);

      g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
      g_assert_cmpstr (get_title (model, 0), ==, "L'odyssée de la lumière");
    }

  {
    g_autoptr(GListModel) model = search_text (fixture, "VOLCAN");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_true (has_title (model, "Les volcans d'Auvergne"));
    g_assert_true (has_title (model, "Roches et cristaux"));
  }
  {
    /* Accents typed where the text has none, or the other way round. */
    g_autoptr(GListModel) model = search_text (fixture, "ÉTINCELLES");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==, "Étincelles et cheveux qui se dressent");
  }
}

static void
test_prefix (Fixture       *fixture,
             gconstpointer  data)
{
  const char *prefixes[] = { "v", "vo", "volc", "volca", "volcans" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(GListModel) model = search_text (fixture, prefixes[i]);

      g_assert_true (has_title (model, "Les volcans d'Auvergne"));
      g_assert_true (has_title (model, "Roches et cristaux"));
    }

  {
    g_autoptr(GListModel) model = search_text (fixture, "volcanologie");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
  {
    /* A prefix matches the start of a word, not its middle. */
    g_autoptr(GListModel) model = search_text (fixture, "olcan");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
}

static void
test_several_words (Fixture       *fixture,
                    gconstpointer  data)
{
  {
    g_autoptr(GListModel) model = search_text (fixture, "volc auvergne");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==, "Les volcans d'Auvergne");
  }
  {
    /* Every word must match, whatever separates them. */
    g_autoptr(GListModel) model = search_text (fixture, "  lumière,,volcan  ");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
  {
    g_autoptr(GListModel) model = search_text (fixture, "odyssée lumi");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }
  {
    /* "l'odyssée" is two words to the index, and to the search. */
    g_autoptr(GListModel) model = search_text (fixture, "l'odyssée");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }
}

static void
test_hostile_text (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *texts[] = {
    "\"", "\"\"", "'", "''", "l'air", "*", "**", "volc*", "-", "-volc", "volc -son", "NEAR(",
    "NEAR(volc son)", "volc NEAR son", "AND", "OR", "NOT", "volc OR son", "volc AND", "NOT son",
    "title:volc", "{title}: volc", "^volc", "(", ")", "()", "+", ":", "\\", "%", "_", ";",
    "'; DROP TABLE scenarios; --", "\" OR 1=1 --", "x' OR '1'='1", "\xcc\x80", "\xff\xfe volc",
    "😀", "volc😀", "\t\n", "　", "€", "½", "٣", "中文", "عربي",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GListModel) model = search_text (fixture, texts[i]);

      /* Touch every result: each one is a real scenario. */
      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        get_scenario (model, j);
    }

  g_assert_cmpuint (count_all (fixture), ==, 15);

  {
    /* Operators are words like any other: "NEAR(volc" looks for both. */
    g_autoptr(GListModel) model = search_text (fixture, "NEAR(volc");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
  {
    g_autoptr(GListModel) model = search_text (fixture, "\"volc*");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  }
  {
    /* Nothing but punctuation: no words, no text filter. */
    g_autoptr(GListModel) model = search_text (fixture, "\"'*-(");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 15);
  }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 competency = psr_test_query_int (fixture->db,
                                          "SELECT id FROM competencies"
                                          " WHERE uuid = 'e730cdeb-d2e9-4ef4-86a7-dce8859bf05d'");

  {
    PsrScenarioQuery query = { .audience = "families" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                      psr_test_query_int (fixture->db,
                                          "SELECT count(*) FROM scenario_audiences"
                                          " WHERE audience = 'families'"));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
    g_assert_true (has_title (model, "Les volcans d'Auvergne"));
  }
  {
    PsrScenarioQuery query = { .format = "demonstration" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpstr (psr_scenario_get_format (get_scenario (model, i)), ==, "demonstration");
  }
  {
    PsrScenarioQuery query = { .venue = "outdoor" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (psr_scenario_get_venue (get_scenario (model, i)), ==, "outdoor");
  }
  {
    PsrScenarioQuery query = { .min_minutes = 60 };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
    for (guint i = 0; i < 6; i++)
      g_assert_cmpuint (psr_scenario_get_duration_minutes (get_scenario (model, i)), >=, 60);
  }
  {
    PsrScenarioQuery query = { .max_minutes = 30 };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
    for (guint i = 0; i < 4; i++)
      g_assert_cmpuint (psr_scenario_get_duration_minutes (get_scenario (model, i)), <=, 30);
  }
  {
    PsrScenarioQuery query = { .min_minutes = 45, .max_minutes = 60 };
    g_autoptr(GListModel) model = search (fixture, &query);

    /* Bounds included: 45, 50 and four of 60 minutes. */
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  }
  {
    PsrScenarioQuery query = { .competency_id = competency };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
    g_assert_true (has_title (model, "L'odyssée de la lumière"));
  }
  {
    PsrScenarioQuery query = { .language = "en" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==, "Light and colours");
  }
  {
    /* Empty strings mean "any", as NULL does. */
    PsrScenarioQuery query = { .text = "", .audience = "", .format = "", .venue = "",
                               .language = "" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 15);
  }
  {
    PsrScenarioQuery query = { .audience = "nobody" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
}

static void
test_filters_combined (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 competency = psr_test_query_int (fixture->db,
                                          "SELECT id FROM competencies"
                                          " WHERE uuid = 'e730cdeb-d2e9-4ef4-86a7-dce8859bf05d'");

  {
    PsrScenarioQuery query = { .audience = "families", .format = "demonstration" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  }
  {
    PsrScenarioQuery query = { .audience = "families", .format = "demonstration",
                               .max_minutes = 25 };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==, "Étincelles et cheveux qui se dressent");
  }
  {
    PsrScenarioQuery query = { .venue = "exhibition", .min_minutes = 60, .language = "fr" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  }
  {
    PsrScenarioQuery query = { .competency_id = competency, .format = "debate",
                               .audience = "seniors" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==,
                     "Débat mouvant\u00a0: l'intelligence artificielle et nous");
  }
  {
    /* Text and filters together. */
    PsrScenarioQuery query = { .text = "volc", .venue = "outdoor" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==, "Les volcans d'Auvergne");
  }
  {
    PsrScenarioQuery query = { .text = "lumière", .competency_id = competency,
                               .audience = "teenagers", .language = "fr",
                               .min_minutes = 60, .max_minutes = 60 };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_cmpstr (get_title (model, 0), ==, "L'odyssée de la lumière");
  }
  {
    PsrScenarioQuery query = { .text = "lumière", .language = "en" };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  const char *texts[] = { "volcan", "volc", "VOLCANS" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GListModel) model = search_text (fixture, texts[i]);

      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
      g_assert_cmpstr (get_title (model, 0), ==, "Les volcans d'Auvergne");
      g_assert_cmpstr (get_title (model, 1), ==, "Roches et cristaux");
    }

  {
    /* The sample's bees: in the title of one scenario, in the text of none
     * other; the title comes first. */
    g_autoptr(GListModel) model = search_text (fixture, "abeilles");

    g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
    g_assert_cmpstr (get_title (model, 0), ==,
                     "Enquête au rucher\u00a0: où sont passées les abeilles\u202f?");
  }
  {
    /* A title word beats the same word repeated in long texts. */
    g_autoptr(GListModel) model = search_text (fixture, "nuage");

    g_assert_cmpstr (get_title (model, 0), ==, "Fabrique ton nuage en bouteille");
  }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  const char *texts[] = { NULL, "le" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      PsrScenarioQuery query = { .text = texts[t] };
      guint n_items;

      query.sort = PSR_SCENARIO_SORT_TITLE;
      {
        g_autoptr(GListModel) model = search (fixture, &query);

        n_items = g_list_model_get_n_items (model);
        g_assert_cmpuint (n_items, >=, 3);
        for (guint i = 1; i < n_items; i++)
          g_assert_cmpint (g_ascii_strcasecmp (get_title (model, i - 1), get_title (model, i)),
                           <=, 0);
      }

      query.sort = PSR_SCENARIO_SORT_DURATION;
      {
        g_autoptr(GListModel) model = search (fixture, &query);

        g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items);
        for (guint i = 1; i < n_items; i++)
          g_assert_cmpuint (psr_scenario_get_duration_minutes (get_scenario (model, i - 1)), <=,
                            psr_scenario_get_duration_minutes (get_scenario (model, i)));
      }

      query.sort = PSR_SCENARIO_SORT_UPDATED;
      {
        g_autoptr(GListModel) model = search (fixture, &query);

        g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items);
        for (guint i = 1; i < n_items; i++)
          g_assert_cmpstr (psr_record_get_updated_at (PSR_RECORD (get_scenario (model, i - 1))),
                           >=,
                           psr_record_get_updated_at (PSR_RECORD (get_scenario (model, i))));
      }
    }

  {
    /* Newest first, oldest last. */
    PsrScenarioQuery query = { .sort = PSR_SCENARIO_SORT_UPDATED };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpstr (get_title (model, 0), ==, "Les volcans d'Auvergne");
    g_assert_cmpstr (get_title (model, 14), ==, "Roches et cristaux");
  }
  {
    PsrScenarioQuery query = { .sort = PSR_SCENARIO_SORT_DURATION };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpstr (get_title (model, 0), ==, "Light and colours");
    g_assert_cmpstr (get_title (model, 14), ==,
                     "Faut-il lâcher des moustiques génétiquement modifiés\u202f?");
  }
  {
    /* Without text, relevance has nothing to rank by: by title. */
    PsrScenarioQuery relevance = { .sort = PSR_SCENARIO_SORT_RELEVANCE };
    PsrScenarioQuery title = { .sort = PSR_SCENARIO_SORT_TITLE };
    g_autoptr(GListModel) by_relevance = search (fixture, &relevance);
    g_autoptr(GListModel) by_title = search (fixture, &title);

    for (guint i = 0; i < 15; i++)
      g_assert_true (get_scenario (by_relevance, i) == get_scenario (by_title, i)
                     || g_str_equal (get_title (by_relevance, i), get_title (by_title, i)));
  }
  {
    /* With text, another order keeps the same results. */
    PsrScenarioQuery query = { .text = "volc", .sort = PSR_SCENARIO_SORT_UPDATED };
    g_autoptr(GListModel) model = search (fixture, &query);

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_cmpstr (get_title (model, 0), ==, "Les volcans d'Auvergne");
    query.sort = PSR_SCENARIO_SORT_TITLE;
    g_clear_object (&model);
    model = search (fixture, &query);
    g_assert_cmpstr (get_title (model, 0), ==, "Les volcans d'Auvergne");
    g_assert_cmpstr (get_title (model, 1), ==, "Roches et cristaux");
  }
}

static void
test_empty_query (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *texts[] = { NULL, "", " ", "\t \n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GListModel) model = search_text (fixture, texts[i]);

      g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_all (fixture));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 15);
    }
}

/* The index follows the table: a renamed scenario is found by its new
 * title only, a deleted one not at all. */
static void
test_follows_changes (Fixture       *fixture,
                      gconstpointer  data)
{
  psr_test_exec (fixture->db,
                 "UPDATE scenarios SET title = 'Les geysers d''Islande'"
                 " WHERE uuid = '00000000-0000-4000-8000-000000000001'");
  {
    g_autoptr(GListModel) model = search_text (fixture, "geyser");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }
  {
    g_autoptr(GListModel) model = search_text (fixture, "auvergne");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }

  psr_test_exec (fixture->db,
                 "DELETE FROM scenarios WHERE uuid = '00000000-0000-4000-8000-000000000002'");
  {
    g_autoptr(GListModel) model = search_text (fixture, "volc");

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/scenario-search/accents-and-case", Fixture, NULL, fixture_set_up,
              test_accents_and_case, fixture_tear_down);
  g_test_add ("/scenario-search/prefix", Fixture, NULL, fixture_set_up, test_prefix,
              fixture_tear_down);
  g_test_add ("/scenario-search/several-words", Fixture, NULL, fixture_set_up,
              test_several_words, fixture_tear_down);
  g_test_add ("/scenario-search/hostile-text", Fixture, NULL, fixture_set_up, test_hostile_text,
              fixture_tear_down);
  g_test_add ("/scenario-search/filters", Fixture, NULL, fixture_set_up, test_filters,
              fixture_tear_down);
  g_test_add ("/scenario-search/filters-combined", Fixture, NULL, fixture_set_up,
              test_filters_combined, fixture_tear_down);
  g_test_add ("/scenario-search/ranking", Fixture, NULL, fixture_set_up, test_ranking,
              fixture_tear_down);
  g_test_add ("/scenario-search/sort", Fixture, NULL, fixture_set_up, test_sort,
              fixture_tear_down);
  g_test_add ("/scenario-search/empty-query", Fixture, NULL, fixture_set_up, test_empty_query,
              fixture_tear_down);
  g_test_add ("/scenario-search/follows-changes", Fixture, NULL, fixture_set_up,
              test_follows_changes, fixture_tear_down);

  return g_test_run ();
}
