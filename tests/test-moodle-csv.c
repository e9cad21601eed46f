/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include "psr-error.h"
#include "psr-moodle-csv.h"
#include "psr-sample.h"
#include "psr-test-utils.h"

/* Moodle's competency framework CSV, both ways, on real databases. */

#define HEADER \
  "Parent ID number,ID number,Short name,Description,Description format,Scale values," \
  "Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional)," \
  "Cross-referenced competency ID numbers,Exported ID (optional),Is framework,Taxonomy\n"
#define FRAMEWORK \
  ",F,Framework,,2,\"A,B\",\"[{\"\"scaleid\"\":\"\"1\"\"},{\"\"id\"\":2,\"\"scaledefault\"\":1," \
  "\"\"proficient\"\":1}]\",,,,,,1,\n"
#define ROW(parent, id) parent "," id ",Title " id ",,2,,,,0,null,,,,\n"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
load_sample (PsrDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  g_assert_true (psr_sample_load (db, today, &error));
  g_assert_no_error (error);
  return psr_test_query_int (db, "SELECT id FROM frameworks");
}

static char *
export_text (PsrDatabase *db,
             gint64       framework_id)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (psr_moodle_csv_export (db, framework_id, output, &error));
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gint64
import_text (PsrDatabase *db,
             const char  *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  gint64 id = psr_moodle_csv_import (db, bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* One line per row of @sql, its columns joined by '|'; ?1 is @id. */
static char *
dump (PsrDatabase *db,
      const char  *sql,
      gint64       id)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                                (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (text, FALSE);
}

/* The tree in depth-first order: depth, kind, code, title, description and
 * position of each node. */
static char *
dump_tree (PsrDatabase *db,
           gint64       framework_id)
{
  return dump (db,
               "WITH RECURSIVE tree (id, depth, path) AS ("
               "  SELECT id, 1, printf ('%06d', position) FROM competencies"
               "  WHERE framework_id = ?1 AND parent_id IS NULL"
               "  UNION ALL"
               "  SELECT c.id, t.depth + 1, t.path || '.' || printf ('%06d', c.position)"
               "  FROM competencies c JOIN tree t ON c.parent_id = t.id)"
               " SELECT t.depth, c.kind, c.code, c.title, c.description, c.position"
               " FROM tree t JOIN competencies c USING (id) ORDER BY t.path",
               framework_id);
}

static char *
dump_scale (PsrDatabase *db,
            gint64       framework_id)
{
  return dump (db,
               "SELECT l.position, l.name, l.proficient FROM scale_levels l"
               " JOIN frameworks f ON f.scale_id = l.scale_id WHERE f.id = ?1 ORDER BY l.position",
               framework_id);
}

static char *
dump_framework (PsrDatabase *db,
                gint64       framework_id)
{
  return dump (db, "SELECT code, title, description FROM frameworks WHERE id = ?1",
               framework_id);
}

static char *
read_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "moodle-framework.csv",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 original = load_sample (fixture->db);
  g_autofree char *first = export_text (fixture->db, original);
  gint64 imported = import_text (fixture->db, first);
  g_autofree char *second = export_text (fixture->db, imported);
  g_autofree char *tree = dump_tree (fixture->db, original);
  g_autofree char *imported_tree = dump_tree (fixture->db, imported);
  g_autofree char *scale = dump_scale (fixture->db, original);
  g_autofree char *imported_scale = dump_scale (fixture->db, imported);
  g_autofree char *framework = dump_framework (fixture->db, original);
  g_autofree char *imported_framework = dump_framework (fixture->db, imported);

  /* As Moodle's exporter writes: its header, quoted as PHP quotes, then
   * the framework. */
  g_assert_true (g_str_has_prefix (first,
    "\"Parent ID number\",\"ID number\",\"Short name\",Description,\"Description format\","
    "\"Scale values\",\"Scale configuration\",\"Rule type (optional)\","
    "\"Rule outcome (optional)\",\"Rule config (optional)\","
    "\"Cross-referenced competency ID numbers\",\"Exported ID (optional)\",\"Is framework\","
    "Taxonomy\n,EDM,"));
  g_assert_nonnull (strstr (first,
    ",2,\"Découverte,Application,Maîtrise,Expertise\","
    "\"[{\"\"scaleid\"\":\"\"1\"\"},{\"\"id\"\":3,\"\"scaledefault\"\":1,\"\"proficient\"\":1},"
    "{\"\"id\"\":4,\"\"scaledefault\"\":0,\"\"proficient\"\":1}]\",,,,,,1,"
    "\"domain,competency,indicator\"\n"));
  g_assert_nonnull (strstr (first, "\n1.1,1.1.1,"));
  g_assert_null (strstr (first, "\r"));

  g_assert_cmpint (imported, !=, original);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (strlen (tree), >, 1000);
  g_assert_cmpstr (tree, ==, imported_tree);
  g_assert_cmpstr (scale, ==, imported_scale);
  g_assert_cmpstr (framework, ==, imported_framework);

  /* New records, not the old ones again. */
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM scales"), ==, 2);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(DISTINCT framework_id) FROM competencies"),
                   ==, 2);
}

/* Codes are what links the rows: those missing or repeated are made from
 * the UUID, the same at every export, and text of any kind survives. */
static void
test_generated_codes (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 original = load_sample (fixture->db);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *repeated = NULL;
  g_autofree char *blank_row = NULL;
  g_autofree char *repeated_row = NULL;
  gint64 imported;

  psr_test_exec (fixture->db, "UPDATE frameworks SET code = ''");
  psr_test_exec (fixture->db, "UPDATE competencies SET code = '' WHERE code = '1.1'");
  psr_test_exec (fixture->db, "UPDATE competencies SET code = '1.2.1' WHERE code = '1.2.2'");
  psr_test_exec (fixture->db,
                 "UPDATE competencies SET title = 'Dit « bonjour », puis \"attend\",\r\nencore',"
                 " description = ' espaces, virgules\ttabulations ' WHERE code = '1.1.1'");
  psr_test_exec (fixture->db, "UPDATE competencies SET archived = 1 WHERE code = '4'");

  first = export_text (fixture->db, original);
  blank = dump (fixture->db, "SELECT substr (uuid, 1, 8) FROM competencies WHERE code = ''",
                original);
  blank_row = g_strconcat ("\n1,", g_strstrip (blank), ",", NULL);
  g_assert_nonnull (strstr (first, blank_row));
  repeated = dump (fixture->db, "SELECT substr (uuid, 1, 8) FROM competencies"
                                " WHERE code = '1.2.1' ORDER BY position DESC LIMIT 1", original);
  repeated_row = g_strconcat ("\n1.2,", g_strstrip (repeated), ",", NULL);
  g_assert_nonnull (strstr (first, repeated_row));

  imported = import_text (fixture->db, first);
  second = export_text (fixture->db, imported);
  g_assert_cmpstr (first, ==, second);

  /* The archived field is left out with all it holds. */
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM competencies WHERE framework_id = 2"),
                   ==,
                   psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM competencies WHERE framework_id = 1"
                                       " AND code NOT LIKE '4%'"));
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM competencies WHERE framework_id = 2"
                                       " AND title = 'Dit « bonjour », puis \"attend\",\nencore'"
                                       " AND description = ' espaces, virgules\ttabulations '"),
                   ==, 1);
}

static void
assert_moodle_file (PsrDatabase *db,
                    gint64       id)
{
  g_autofree char *tree = dump_tree (db, id);
  g_autofree char *scale = dump_scale (db, id);
  g_autofree char *framework = dump_framework (db, id);

  g_assert_cmpstr (framework, ==,
                   "MED-SCI|Médiation scientifique|Compétences des médiateurs et des médiatrices "
                   "scientifiques.\n");
  g_assert_cmpstr (scale, ==, "0|Non acquis|0\n1|En cours|0\n2|Acquis|1\n3|Expert|1\n");
  g_assert_cmpstr (tree, ==,
                   "1|field|ANIM|Animer des activités|Face aux publics,\nen temps réel.|0\n"
                   "2|competency|ANIM-1|Accueillir les publics|"
                   "Créer les conditions d'une participation sereine.|0\n"
                   "3|indicator|ANIM-1-1|Se présente et annonce le déroulé|"
                   "Dès l'accueil\u00a0: durée, règles & consignes.|0\n"
                   "3|indicator|ANIM-1-2|Établit un contact avec chaque participant||1\n"
                   "2|competency|ANIM-2|Faire participer|"
                   "Questionner, faire manipuler, relancer.\n\nAdapter le rythme.|1\n"
                   "1|field|CONC|Concevoir des activités||1\n"
                   "2|competency|CONC-1|Concevoir un atelier|**Markdown** kept|0\n"
                   "3|indicator|CONC-1-1|Formule des objectifs observables|"
                   "Texte brut, sans balises.|0\n");
}

/* A file as Moodle writes it: HTML descriptions, rules, cross-references,
 * a competency's own scale, and rows before their parent's. */
static void
test_moodle_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *text = read_fixture ();

  assert_moodle_file (fixture->db, import_text (fixture->db, text));
}

/* As a spreadsheet saves it: a byte order mark and CRLF. */
static void
test_bom_crlf (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = read_fixture ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *crlf = g_strjoinv ("\r\n", lines);
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", crlf, NULL);

  assert_moodle_file (fixture->db, import_text (fixture->db, bom));
}

/* Older Moodles spelled some columns differently. */
static void
test_old_header (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *text = read_fixture ();
  g_autofree char *old = g_strconcat (
    "\"Parent id number\",\"Id number\",Shortname,Description,\"Description format\","
    "\"Scale values\",\"Scale configuration\",\"Rule type (optional)\","
    "\"Rule outcome (optional)\",\"Rule config (optional)\","
    "\"Cross referenced competency id numbers\",\"Exported id (optional)\",\"Is framework\","
    "Taxonomy", strchr (text, '\n'), NULL);

  assert_moodle_file (fixture->db, import_text (fixture->db, old));
}

/* HTML becomes the plain text a browser would show. */
static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 id = import_text (fixture->db,
                           HEADER ",F,Framework,\"<p>Un <b>mot</b> &amp; l&#8217;autre<br/>ligne"
                           "</p>\n<ul><li>un</li><li>deux</li></ul> &bogus; 1 < 2\",1,,,,,,,,1,\n");
  g_autofree char *framework = dump_framework (fixture->db, id);

  g_assert_cmpstr (framework, ==,
                   "F|Framework|Un mot & l’autre\nligne\n\nun\ndeux\n\n&bogus; 1 < 2\n");
}

/* A framework already there with the same code: another one beside it,
 * unchanged. */
static void
test_same_code (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *text = read_fixture ();
  gint64 first = import_text (fixture->db, text);
  gint64 second = import_text (fixture->db, text);
  g_autofree char *first_framework = dump_framework (fixture->db, first);
  g_autofree char *second_framework = dump_framework (fixture->db, second);

  g_assert_cmpint (first, !=, second);
  g_assert_cmpstr (first_framework, ==, second_framework);
  assert_moodle_file (fixture->db, second);
}

static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "moodle-framework.csv",
                                                 NULL);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = psr_moodle_csv_import_file (fixture->db, file, &error);
  g_assert_no_error (error);
  assert_moodle_file (fixture->db, id);

  g_assert_cmpint (psr_moodle_csv_import_file (fixture->db, missing, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *name;
  const char *text;
  guint       line;
} Malformed;

static const Malformed malformed[] = {
  { "empty", "", 1 },
  { "byte-order-mark-only", "\xef\xbb\xbf\n\n", 1 },
  { "wrong-header", "Parent,ID number,Short name\n" FRAMEWORK, 1 },
  { "missing-column",
    "Parent ID number,ID number,Short name,Description,Description format,Scale values,"
    "Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional),"
    "Cross-referenced competency ID numbers,Exported ID (optional),Is framework\n"
    ",F,Framework,,2,,,,,,,,1\n", 1 },
  { "repeated-column", "Taxonomy," HEADER, 1 },
  { "no-framework", HEADER ROW ("", "A"), 2 },
  { "two-frameworks", HEADER FRAMEWORK ROW ("", "A") FRAMEWORK, 4 },
  { "unknown-parent", HEADER FRAMEWORK ROW ("", "A") ROW ("X", "B"), 4 },
  { "cycle", HEADER FRAMEWORK ROW ("", "A") ROW ("C", "B") ROW ("B", "C"), 4 },
  { "own-parent", HEADER FRAMEWORK ROW ("A", "A"), 3 },
  { "duplicate-id-number", HEADER FRAMEWORK ROW ("", "A") ROW ("A", "B") ROW ("", "A"), 5 },
  { "empty-id-number", HEADER FRAMEWORK ROW ("", ""), 3 },
  { "depth-4", HEADER FRAMEWORK ROW ("C", "D") ROW ("", "A") ROW ("A", "B") ROW ("B", "C"), 3 },
  { "latin-1", HEADER FRAMEWORK ",A,Acc\xe8s,,2,,,,0,null,,,,\n", 3 },
  { "unterminated-quote",
    HEADER FRAMEWORK ROW ("", "A") ",B,\"Title B,,2,,,,0,null,,,,\n" ROW ("", "C"), 4 },
  { "text-after-quote", HEADER FRAMEWORK ",A,\"Title\" A,,2,,,,0,null,,,,\n", 3 },
  { "fewer-fields", HEADER FRAMEWORK ROW ("", "A") ",B,Title B,,2\n", 4 },
  { "more-fields", HEADER FRAMEWORK ",A,Title A,,2,,,,0,null,,,,,,,,\n", 3 },
  { "empty-short-name", HEADER FRAMEWORK ",A, ,,2,,,,0,null,,,,\n", 3 },
  { "description-format", HEADER FRAMEWORK ",A,Title A,,3,,,,0,null,,,,\n", 3 },
  { "is-framework", HEADER FRAMEWORK ",A,Title A,,2,,,,0,null,,,yes,\n", 3 },
  { "empty-level", HEADER ",F,Framework,,2,\"A,,B\",,,,,,,1,\n", 2 },
  { "scale-configuration", HEADER ",F,Framework,,2,\"A,B\",\"[{\"\"id\"\":3}]\",,,,,,1,\n", 2 },
  { "deep-configuration", HEADER ",F,Framework,,2,A,[[[[[[[[[[]]]]]]]]]],,,,,,1,\n", 2 },
  /* Lines are physical lines, whatever the line breaks inside fields. */
  { "lines-in-fields",
    HEADER ",F,Framework,\"one\ntwo\r\nthree\rfour\",2,,,,,,,,1,\n" ROW ("X", "A"), 6 },
  { "lines-crlf", "\r\n" HEADER FRAMEWORK "\r\n" ROW ("", "A") "\r\n" ROW ("X", "B"), 7 },
};

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  const Malformed *test = data;
  const char *counts = "SELECT (SELECT count(*) FROM frameworks) || '/'"
                       " || (SELECT count(*) FROM competencies) || '/'"
                       " || (SELECT count(*) FROM scales) || '/'"
                       " || (SELECT count(*) FROM scale_levels)";
  g_autoptr(GBytes) bytes = g_bytes_new_static (test->text, strlen (test->text));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("Line %u: ", test->line);

  load_sample (fixture->db);
  before = dump (fixture->db, counts, 0);
  g_assert_cmpint (psr_moodle_csv_import (fixture->db, bytes, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  after = dump (fixture->db, counts, 0);
  g_assert_cmpstr (before, ==, after);
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  gsize size = PSR_MOODLE_CSV_MAX_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (psr_moodle_csv_import (fixture->db, bytes, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM frameworks"), ==, 0);
}

static void
test_find_framework (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = read_fixture ();
  g_autofree char *uuid = NULL;
  gint64 sample;
  gint64 imported;

  g_assert_cmpint (psr_moodle_csv_find_framework (fixture->db, NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sample = load_sample (fixture->db);
  g_assert_cmpint (psr_moodle_csv_find_framework (fixture->db, NULL, &error), ==, sample);
  g_assert_no_error (error);

  imported = import_text (fixture->db, text);
  g_assert_cmpint (psr_moodle_csv_find_framework (fixture->db, NULL, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  uuid = dump (fixture->db, "SELECT uuid FROM frameworks WHERE id = ?1", imported);
  g_strstrip (uuid);
  g_assert_cmpint (psr_moodle_csv_find_framework (fixture->db, uuid, &error), ==, imported);
  g_assert_no_error (error);
  g_assert_cmpint (psr_moodle_csv_find_framework (fixture->db,
                                                  "00000000-0000-4000-8000-000000000000", &error),
                   ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (psr_moodle_csv_export (fixture->db, imported + 1, output, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* Moodle separates the levels of a scale with commas. */
static void
test_comma_in_level (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gint64 id = load_sample (fixture->db);

  psr_test_exec (fixture->db, "UPDATE scale_levels SET name = 'Maîtrise, partielle'"
                              " WHERE position = 1");
  g_assert_false (psr_moodle_csv_export (fixture->db, id, output, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/moodle-csv/round-trip", test_round_trip, NULL);
  ADD ("/moodle-csv/generated-codes", test_generated_codes, NULL);
  ADD ("/moodle-csv/moodle-file", test_moodle_file, NULL);
  ADD ("/moodle-csv/bom-crlf", test_bom_crlf, NULL);
  ADD ("/moodle-csv/old-header", test_old_header, NULL);
  ADD ("/moodle-csv/html", test_html, NULL);
  ADD ("/moodle-csv/same-code", test_same_code, NULL);
  ADD ("/moodle-csv/import-file", test_import_file, NULL);
  ADD ("/moodle-csv/too-large", test_too_large, NULL);
  ADD ("/moodle-csv/find-framework", test_find_framework, NULL);
  ADD ("/moodle-csv/comma-in-level", test_comma_in_level, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *name = g_strconcat ("/moodle-csv/malformed/", malformed[i].name, NULL);

      ADD (name, test_malformed, &malformed[i]);
    }

#undef ADD

  return g_test_run ();
}
