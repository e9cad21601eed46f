/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "psr-error.h"
#include "psr-people-csv.h"
#include "psr-people.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

static PsrDatabase *
open_database (const char *dir,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PsrDatabase *db = psr_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = psr_test_make_dir ();
  fixture->db = open_database (fixture->dir, "passerelle.db");
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

static PsrPeopleCsv *
read_data (PsrDatabase *db,
           const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PsrPeopleCsv *csv = psr_people_csv_read_file (db, file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static PsrPeopleCsv *
read_text (PsrDatabase *db,
           const char  *text,
           gssize       length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return psr_people_csv_read (db, bytes, error);
}

static void
apply (PsrPeopleCsv *csv,
       guint         added,
       guint         merged,
       guint         kept)
{
  g_autoptr(GError) error = NULL;
  PsrPeopleCsvCounts counts = { 99, 99, 99 };

  g_assert_true (psr_people_csv_apply (csv, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, added);
  g_assert_cmpuint (counts.merged, ==, merged);
  g_assert_cmpuint (counts.kept, ==, kept);
}

/* The person with @email as "given|family|phone|organisation|job|country|
 * language|notes". */
static char *
person_row (PsrDatabase *db,
            const char  *email)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT given_name || '|' || family_name || '|' || phone || '|' || organisation || '|' || job"
    " || '|' || country || '|' || language || '|' || notes"
    " FROM people WHERE email = ?1 COLLATE NOCASE", &error);
  char *text = NULL;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static gint64
count_people (PsrDatabase *db)
{
  return psr_test_query_int (db, "SELECT count(*) FROM people");
}

static void
assert_mapping (PsrPeopleCsv *csv,
                const int    *expected,
                guint         n_expected)
{
  g_assert_cmpuint (psr_people_csv_get_n_columns (csv), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (psr_people_csv_get_mapping (csv, i), ==, expected[i]);
}

static char *
export_text (PsrDatabase  *db,
             const gint64 *ids,
             guint         n_ids)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (psr_people_csv_export (db, ids, n_ids, output, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Reading the corpus --------------------------------------------------------- */

static void
test_excel_fr (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) csv = read_data (fixture->db, "excel-fr-utf8-bom.csv");
  g_autofree char *helene = NULL;
  g_autofree char *amal = NULL;
  g_autofree char *jean_loup = NULL;
  const int mapping[] = {
    PSR_PERSON_FIELD_GIVEN_NAME, PSR_PERSON_FIELD_FAMILY_NAME, PSR_PERSON_FIELD_EMAIL,
    PSR_PERSON_FIELD_PHONE, PSR_PERSON_FIELD_ORGANISATION, PSR_PERSON_FIELD_JOB,
    PSR_PERSON_FIELD_COUNTRY, PSR_PERSON_FIELD_LANGUAGE,
  };

  assert_mapping (csv, mapping, G_N_ELEMENTS (mapping));
  g_assert_cmpstr (psr_people_csv_get_header (csv, 0), ==, "Prénom");
  /* The blank row ";;;;;;;" is no row. */
  g_assert_cmpuint (psr_people_csv_get_n_rows (csv), ==, 3);
  g_assert_cmpstr (psr_people_csv_get_cell (csv, 0, 4), ==, "Musée des Arts; et Métiers");
  g_assert_cmpuint (psr_people_csv_get_row_line (csv, 2), ==, 4);
  g_assert_cmpuint (psr_people_csv_get_problems (csv)->len, ==, 0);
  g_assert_cmpuint (psr_people_csv_get_matches (csv)->len, ==, 0);

  apply (csv, 3, 0, 0);
  helene = person_row (fixture->db, "helene.lefevre@example.fr");
  g_assert_cmpstr (helene, ==, "Hélène|Lefèvre|+33 6 12 34 56 78|Musée des Arts; et Métiers|"
                               "Médiatrice|France|fr|");
  amal = person_row (fixture->db, "amal.haddad@example.ma");
  g_assert_cmpstr (amal, ==, "Amal|Haddad||Musée Mohammed VI|Guide|Maroc|ar|");
  jean_loup = person_row (fixture->db, "jl.dubois@example.fr");
  g_assert_cmpstr (jean_loup, ==, "Jean-Loup|Dubois|01 23 45 67 89|Cité des sciences|Animateur|"
                                  "France|fr|");
}

static void
test_cp1252 (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) csv = read_data (fixture->db, "excel-fr-cp1252.csv");
  g_autofree char *zoe = NULL;
  const int mapping[] = {
    PSR_PERSON_FIELD_GIVEN_NAME, PSR_PERSON_FIELD_FAMILY_NAME, PSR_PERSON_FIELD_EMAIL,
    PSR_PERSON_FIELD_ORGANISATION, PSR_PERSON_FIELD_JOB,
  };

  assert_mapping (csv, mapping, G_N_ELEMENTS (mapping));
  g_assert_cmpstr (psr_people_csv_get_header (csv, 3), ==, "Établissement");
  g_assert_cmpstr (psr_people_csv_get_cell (csv, 0, 0), ==, "Françoise");
  g_assert_cmpstr (psr_people_csv_get_cell (csv, 0, 3), ==, "Université de Besançon");

  apply (csv, 2, 0, 0);
  zoe = person_row (fixture->db, "zoe.noel@example.fr");
  g_assert_cmpstr (zoe, ==, "Zoë|Noël||Œuvre des « Petits Débrouillards »|Coût 50 €||fr|");
}

static void
test_quoted (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) csv = read_data (fixture->db, "quoted-newlines.csv");

  g_assert_cmpuint (psr_people_csv_get_n_rows (csv), ==, 3);
  g_assert_cmpstr (psr_people_csv_get_cell (csv, 0, 3), ==,
                   "Prefers mornings.\nAsks for the \"advanced\" track, please.");
  g_assert_cmpstr (psr_people_csv_get_cell (csv, 1, 3), ==, "Line one\nLine two\nLine three");
  g_assert_cmpstr (psr_people_csv_get_cell (csv, 2, 0), ==, "Katherine");
  /* Physical lines: the quoted line breaks count. */
  g_assert_cmpuint (psr_people_csv_get_row_line (csv, 0), ==, 2);
  g_assert_cmpuint (psr_people_csv_get_row_line (csv, 1), ==, 4);
  g_assert_cmpuint (psr_people_csv_get_row_line (csv, 2), ==, 7);
  g_assert_cmpint (psr_people_csv_get_mapping (csv, 3), ==, PSR_PERSON_FIELD_NOTES);
  apply (csv, 3, 0, 0);
}

static void
test_line_ends (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) mac = read_data (fixture->db, "mac-cr.csv");
  g_autoptr(PsrPeopleCsv) sheets = read_data (fixture->db, "google-sheets.csv");
  g_autofree char *lise = NULL;
  const int mapping[] = {
    PSR_PERSON_FIELD_GIVEN_NAME, PSR_PERSON_FIELD_FAMILY_NAME, PSR_PERSON_FIELD_EMAIL,
    PSR_PERSON_FIELD_PHONE, PSR_PERSON_FIELD_ORGANISATION, PSR_PERSON_FIELD_JOB,
    PSR_PERSON_FIELD_COUNTRY, PSR_PERSON_FIELD_LANGUAGE, PSR_PEOPLE_CSV_IGNORED,
  };

  g_assert_cmpuint (psr_people_csv_get_n_rows (mac), ==, 2);
  g_assert_cmpuint (psr_people_csv_get_row_line (mac, 1), ==, 3);
  g_assert_cmpstr (psr_people_csv_get_cell (mac, 1, 1), ==, "Franklin");
  apply (mac, 2, 0, 0);

  assert_mapping (sheets, mapping, G_N_ELEMENTS (mapping));
  g_assert_cmpuint (psr_people_csv_get_n_rows (sheets), ==, 2);
  apply (sheets, 2, 0, 0);
  lise = person_row (fixture->db, "lise@example.at");
  g_assert_cmpstr (lise, ==, "Lise|Meitner||Universität Wien|Physicist|Austria|de|");
  g_assert_cmpint (count_people (fixture->db), ==, 4);
}

static void
test_encodings (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPeopleCsv) utf16 = NULL;
  g_autoptr(PsrPeopleCsv) tabs = NULL;
  g_autofree char *text16 = NULL;
  gsize length16 = 0;

  /* Excel's “Unicode text”: UTF-16 with a BOM, tab separated. */
  text16 = g_convert ("\xEF\xBB\xBFPrénom\tNom\nLéa\tSeydoux\n", -1, "UTF-16LE", "UTF-8",
                      NULL, &length16, &error);
  g_assert_no_error (error);
  utf16 = read_text (fixture->db, text16, length16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_people_csv_get_n_columns (utf16), ==, 2);
  g_assert_cmpstr (psr_people_csv_get_cell (utf16, 0, 0), ==, "Léa");

  /* A separator inside quotes does not count when guessing. */
  tabs = read_text (fixture->db, "\"Nom;Prénom\",Email\nCurie,marie@example.fr\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_people_csv_get_n_columns (tabs), ==, 2);
  g_assert_cmpint (psr_people_csv_get_mapping (tabs, 1), ==, PSR_PERSON_FIELD_EMAIL);
}

static void
test_refused_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) huge = NULL;
  gpointer zeros;
  const char binary[] = "PK\x03\x04\x00\x00binary";

  g_assert_null (read_text (fixture->db, "", 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (read_text (fixture->db, "\r\n\r\n;;;\n", -1, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (read_text (fixture->db, binary, sizeof binary, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (read_text (fixture->db, "Nom,Prénom\nCurie,\"Marie\nPierre,Curie\n", -1,
                            &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  /* Too large is refused without being read. */
  zeros = g_malloc0 (PSR_PEOPLE_CSV_MAX_SIZE + 1);
  huge = g_bytes_new_take (zeros, PSR_PEOPLE_CSV_MAX_SIZE + 1);
  g_assert_null (psr_people_csv_read (fixture->db, huge, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "50"));

  g_assert_cmpint (count_people (fixture->db), ==, 0);
}

/* Bad rows, mapping ---------------------------------------------------------- */

static void
test_bad_rows (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPeopleCsv) csv = read_data (fixture->db, "bad-rows.csv");
  GPtrArray *problems = psr_people_csv_get_problems (csv);
  const guint lines[] = { 4, 5, 6, 7, 8 };
  const char *reasons[] = { "no name", "not an email", "klingon", "line 2", "more cells" };

  g_assert_cmpuint (psr_people_csv_get_n_rows (csv), ==, 7);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (lines));
  for (guint i = 0; i < problems->len; i++)
    {
      PsrPeopleCsvProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->line, ==, lines[i]);
      g_assert_cmpuint (psr_people_csv_get_row_line (csv, problem->row), ==, lines[i]);
      if (strstr (problem->message, reasons[i]) == NULL)
        g_error ("line %u: “%s” does not say “%s”", lines[i], problem->message, reasons[i]);
    }

  /* All or nothing. */
  g_assert_false (psr_people_csv_apply (csv, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 4"));
  g_assert_cmpint (count_people (fixture->db), ==, 0);
}

static void
test_remap (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPeopleCsv) csv = read_data (fixture->db, "bad-rows.csv");

  /* Without the language column, the unknown language is no problem. */
  g_assert_true (psr_people_csv_set_mapping (csv, 3, PSR_PEOPLE_CSV_IGNORED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (psr_people_csv_get_problems (csv)->len, ==, 4);

  /* Without the email column, neither is the duplicate nor the bad email. */
  g_assert_true (psr_people_csv_set_mapping (csv, 2, PSR_PEOPLE_CSV_IGNORED, &error));
  g_assert_cmpuint (psr_people_csv_get_problems (csv)->len, ==, 2);

  /* A field takes one column: mapping the notes to the family name frees
   * the family name's column. */
  g_assert_true (psr_people_csv_set_mapping (csv, 4, PSR_PERSON_FIELD_FAMILY_NAME, &error));
  g_assert_cmpint (psr_people_csv_get_mapping (csv, 1), ==, PSR_PEOPLE_CSV_IGNORED);
  g_assert_cmpint (psr_people_csv_get_mapping (csv, 4), ==, PSR_PERSON_FIELD_FAMILY_NAME);

  /* No names at all: nothing to import. */
  g_assert_true (psr_people_csv_set_mapping (csv, 0, PSR_PEOPLE_CSV_IGNORED, &error));
  g_assert_true (psr_people_csv_set_mapping (csv, 4, PSR_PEOPLE_CSV_IGNORED, &error));
  g_assert_false (psr_people_csv_apply (csv, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpint (count_people (fixture->db), ==, 0);
}

/* Merge ---------------------------------------------------------------------- */

static gint64
add_person (PsrDatabase *db,
            const char  *given_name,
            const char  *family_name,
            const char  *email,
            const char  *job)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_person_create (db, given_name, family_name, &error);

  g_assert_no_error (error);
  psr_person_set_field (db, id, PSR_PERSON_FIELD_EMAIL, email, &error);
  g_assert_no_error (error);
  psr_person_set_field (db, id, PSR_PERSON_FIELD_JOB, job, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) csv = NULL;
  g_autofree char *marie = NULL;
  g_autofree char *pierre = NULL;
  g_autofree char *added = NULL;
  GPtrArray *matches;
  PsrPeopleCsvMatch *first;

  add_person (fixture->db, "Marie", "Curie", "marie@example.fr", "Physicienne");
  add_person (fixture->db, "Pierre", "Curie", "Pierre@Example.fr", "Physicien");

  csv = read_data (fixture->db, "merge.csv");
  matches = psr_people_csv_get_matches (csv);
  g_assert_cmpuint (matches->len, ==, 2);
  first = g_ptr_array_index (matches, 0);
  g_assert_cmpuint (first->line, ==, 2);
  g_assert_cmpstr (first->person_name, ==, "Marie Curie");
  g_assert_cmpstr (first->email, ==, "marie@example.fr");
  g_assert_cmpint (first->decision, ==, PSR_PEOPLE_CSV_KEEP);

  /* Marie takes the file's values; Pierre stays as he is. */
  psr_people_csv_set_decision (csv, 0, PSR_PEOPLE_CSV_MERGE);
  apply (csv, 1, 1, 1);

  g_assert_cmpint (count_people (fixture->db), ==, 3);
  marie = person_row (fixture->db, "marie@example.fr");
  g_assert_cmpstr (marie, ==, "Marie|Curie||Institut du Radium|Directrice||fr|");
  pierre = person_row (fixture->db, "pierre@example.fr");
  g_assert_cmpstr (pierre, ==, "Pierre|Curie|||Physicien||fr|");
  added = person_row (fixture->db, "new@example.fr");
  g_assert_cmpstr (added, ==, "Nouvelle|Personne|||||fr|");
  /* The email keeps the existing person's case. */
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people WHERE email = 'Pierre@Example.fr'"),
                   ==, 1);
}

static void
test_merge_keeps_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) csv = NULL;
  g_autofree char *pierre = NULL;

  add_person (fixture->db, "Pierre", "Curie", "pierre@example.fr", "Physicien");
  csv = read_data (fixture->db, "merge.csv");
  psr_people_csv_set_all_decisions (csv, PSR_PEOPLE_CSV_MERGE);
  apply (csv, 2, 1, 0);

  /* The file's empty job does not erase his. */
  pierre = person_row (fixture->db, "pierre@example.fr");
  g_assert_cmpstr (pierre, ==, "Pierre|Curie||ESPCI|Physicien||fr|");
}

/* Someone with the email added between the preview and the import: kept,
 * never duplicated. */
static void
test_match_after_read (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PsrPeopleCsv) csv = read_data (fixture->db, "merge.csv");

  g_assert_cmpuint (psr_people_csv_get_matches (csv)->len, ==, 0);
  add_person (fixture->db, "Marie", "Curie", "marie@example.fr", "Physicienne");
  apply (csv, 2, 0, 1);
  g_assert_cmpint (count_people (fixture->db), ==, 3);
}

/* Export --------------------------------------------------------------------- */

static void
test_export_formulas (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 id = add_person (fixture->db, "=HYPERLINK(\"http://evil\")", "Curie",
                          "marie@example.fr", "@SUM(A1)");

  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_PHONE, "+33 1 23", &error);
  g_assert_no_error (error);
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_ORGANISATION, "-2+3", &error);
  g_assert_no_error (error);
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_NOTES, "Safe, with comma", &error);
  g_assert_no_error (error);

  text = export_text (fixture->db, NULL, 0);
  expected = g_strconcat ("\xEF\xBB\xBF"
                          "Given name,Family name,Email,Phone,Organisation,Job,Country,Language,Notes\r\n"
                          "\"'=HYPERLINK(\"\"http://evil\"\")\",Curie,marie@example.fr,'+33 1 23,'-2+3,"
                          "'@SUM(A1),,fr,\"Safe, with comma\"\r\n", NULL);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_export_ids (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *all = NULL;
  g_autofree char *some = NULL;
  g_autofree char *none = NULL;
  gint64 ids[2];

  ids[0] = add_person (fixture->db, "Zoé", "Zola", "zoe@example.fr", "");
  add_person (fixture->db, "Marie", "Curie", "marie@example.fr", "");
  ids[1] = add_person (fixture->db, "Ada", "Byron", "ada@example.fr", "");

  all = export_text (fixture->db, NULL, 0);
  g_assert_true (strstr (all, "Byron") < strstr (all, "Curie"));
  g_assert_true (strstr (all, "Curie") < strstr (all, "Zola"));

  some = export_text (fixture->db, ids, 2);
  g_assert_nonnull (strstr (some, "Byron"));
  g_assert_null (strstr (some, "Curie"));
  g_assert_true (strstr (some, "Byron") < strstr (some, "Zola"));

  none = export_text (fixture->db, ids, 0);
  g_assert_null (strstr (none, "Zola"));
}

/* Export, import into another database, export again: the same bytes. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) other = open_database (fixture->dir, "other.db");
  g_autoptr(PsrPeopleCsv) csv = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 id;

  id = add_person (fixture->db, "Jean \"Jo\"", "de La Fontaine", "jo@example.fr", "=1+1");
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_NOTES, "Line one\nLine two, \"quoted\"",
                        &error);
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_PHONE, "+33 6 00 00 00 00", &error);
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_LANGUAGE, "nl", &error);
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_COUNTRY, "Côte d'Ivoire", &error);
  g_assert_no_error (error);
  id = add_person (fixture->db, "", "Ørsted", "", "-");
  psr_person_set_field (fixture->db, id, PSR_PERSON_FIELD_ORGANISATION, "@home; \t tabs", &error);
  g_assert_no_error (error);
  add_person (fixture->db, "Ἀριστοτέλης", "", "aristote@example.gr", "");

  first = export_text (fixture->db, NULL, 0);
  bytes = g_bytes_new (first, strlen (first));
  csv = psr_people_csv_read (other, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_people_csv_get_problems (csv)->len, ==, 0);
  apply (csv, 3, 0, 0);

  second = export_text (other, NULL, 0);
  g_assert_cmpstr (first, ==, second);
}

/* Command line --------------------------------------------------------------- */

/* Runs passerelle-cli on the fixture's database; returns its exit status. */
static int
run_cli (Fixture     *fixture,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *database = g_build_filename (fixture->dir, "passerelle.db", NULL);
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (g_getenv ("PASSERELLE_CLI"));
  g_ptr_array_add (argv, (char *) g_getenv ("PASSERELLE_CLI"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, database);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0)
                | (err == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_import (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "csv", "bad-rows.csv", NULL);
  g_autofree char *merge = g_test_build_filename (G_TEST_DIST, "data", "csv", "merge.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *marie = NULL;

  add_person (fixture->db, "Marie", "Curie", "marie@example.fr", "Physicienne");

  /* Bad rows: each with its line on stderr, nothing written. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "person", "import", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "bad-rows.csv:4: "));
  g_assert_nonnull (strstr (err, "bad-rows.csv:8: "));
  g_assert_cmpint (count_people (fixture->db), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The person already there is kept, and said so. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "person", "import", merge, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Line 2: Marie Curie <marie@example.fr>"));
  g_assert_nonnull (strstr (out, "2 people added, 1 kept"));
  g_assert_cmpint (count_people (fixture->db), ==, 3);
  marie = person_row (fixture->db, "marie@example.fr");
  g_assert_cmpstr (marie, ==, "Marie|Curie|||Physicienne||fr|");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fixture, &out, &err, "person", "import", NULL), ==, 2);
}

static void
test_cli_export (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  add_person (fixture->db, "Marie", "Curie", "marie@example.fr", "=2+2");
  expected = export_text (fixture->db, NULL, 0);

  g_assert_cmpint (run_cli (fixture, &out, &err, "person", "export", path, NULL), ==, 0);
  g_file_get_contents (path, &written, NULL, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (written, ",'=2+2,"));

  /* A JSON file is the export of one person: it needs their UUID. */
  g_assert_cmpint (run_cli (fixture, NULL, NULL, "person", "export", "person.json", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/people-csv/excel-fr", test_excel_fr);
  ADD ("/people-csv/cp1252", test_cp1252);
  ADD ("/people-csv/quoted", test_quoted);
  ADD ("/people-csv/line-ends", test_line_ends);
  ADD ("/people-csv/encodings", test_encodings);
  ADD ("/people-csv/refused-files", test_refused_files);
  ADD ("/people-csv/bad-rows", test_bad_rows);
  ADD ("/people-csv/remap", test_remap);
  ADD ("/people-csv/merge", test_merge);
  ADD ("/people-csv/merge-keeps-empty", test_merge_keeps_empty);
  ADD ("/people-csv/match-after-read", test_match_after_read);
  ADD ("/people-csv/export-formulas", test_export_formulas);
  ADD ("/people-csv/export-ids", test_export_ids);
  ADD ("/people-csv/round-trip", test_round_trip);
  ADD ("/people-csv/cli-import", test_cli_import);
  ADD ("/people-csv/cli-export", test_cli_export);

#undef ADD

  return g_test_run ();
}
