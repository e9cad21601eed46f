/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-people-csv.h"
#include "psr-test-utils.h"

/* Importing 100,000 trainees from a CSV file as French Excel writes it
 * (BOM, semicolons, CRLF, accents, some quoted cells), into a database
 * that already holds 1,000 people of whom the file repeats 500; then
 * exporting them all. Prints one line per figure, in ms. */

#define N_ROWS     100000
#define N_EXISTING 1000

static const char * const given_names[] = {
  "Hélène", "Jean-Loup", "Amal", "Zoë", "Françoise", "Mathis", "Inès", "Noé", "Léa", "Côme",
};
static const char * const family_names[] = {
  "Lefèvre", "Dubois", "Haddad", "Noël", "Gérard", "Martin", "Nguyen", "Da Silva", "O'Brien",
  "Müller",
};
static const char * const organisations[] = {
  "Cité des sciences", "\"Musée des Arts; et Métiers\"", "Palais de la découverte",
  "Médiathèque de Bobigny", "",
};
static const char * const languages[] = { "Français", "fr", "Anglais", "en", "" };

static GBytes *
make_csv (void)
{
  GString *csv = g_string_sized_new (N_ROWS * 120);

  g_string_append (csv, "\xEF\xBB\xBFPrénom;Nom;Adresse e-mail;Téléphone;Structure;Fonction;Pays;"
                        "Langue\r\n");
  for (guint i = 0; i < N_ROWS; i++)
    g_string_append_printf (csv, "%s;%s %u;trainee%u@example.fr;+33 6 %02u %02u %02u %02u;%s;"
                                 "Médiateur·rice;France;%s\r\n",
                            given_names[i % G_N_ELEMENTS (given_names)],
                            family_names[(i / 10) % G_N_ELEMENTS (family_names)], i,
                            /* The first rows are people already there. */
                            i < N_EXISTING / 2 ? i * 2 : N_EXISTING + i,
                            i % 100, (i / 100) % 100, (i / 7) % 100, (i / 13) % 100,
                            organisations[i % G_N_ELEMENTS (organisations)],
                            languages[i % G_N_ELEMENTS (languages)]);

  return g_string_free_to_bytes (csv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "trainees.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(PsrPeopleCsv) csv = NULL;
  g_autoptr(GBytes) contents = make_csv ();
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GOutputStream) output = NULL;
  PsrPeopleCsvCounts counts;
  double read_ms, apply_ms, export_ms;

  g_file_replace_contents (csv_file, g_bytes_get_data (contents, NULL),
                           g_bytes_get_size (contents), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                           NULL, &error);
  g_assert_no_error (error);

  db = psr_database_open (path, &error);
  g_assert_no_error (error);
  psr_test_exec (db,
    "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 1000)"
    " INSERT INTO people (uuid, given_name, family_name, email)"
    " SELECT printf ('00000000-0000-4000-8000-%012d', i), 'Existing', 'Person ' || i,"
    " 'trainee' || i || '@example.fr' FROM n");

  g_timer_start (timer);
  csv = psr_people_csv_read_file (db, csv_file, &error);
  read_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_no_error (error);
  g_assert_cmpuint (psr_people_csv_get_n_rows (csv), ==, N_ROWS);
  g_assert_cmpuint (psr_people_csv_get_problems (csv)->len, ==, 0);
  g_assert_cmpuint (psr_people_csv_get_matches (csv)->len, ==, N_EXISTING / 2);

  g_timer_start (timer);
  psr_people_csv_apply (csv, &counts, &error);
  apply_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, N_ROWS - N_EXISTING / 2);
  g_assert_cmpuint (counts.kept, ==, N_EXISTING / 2);

  output = g_memory_output_stream_new_resizable ();
  g_timer_start (timer);
  psr_people_csv_export (db, NULL, 0, output, NULL, &error);
  export_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_no_error (error);

  g_print ("# %u rows, %.1f MiB\n", N_ROWS, g_bytes_get_size (contents) / 1048576.0);
  g_print ("people-csv-read-ms %.0f\n", read_ms);
  g_print ("people-csv-apply-ms %.0f\n", apply_ms);
  g_print ("people-csv-import-ms %.0f\n", read_ms + apply_ms);
  g_print ("people-csv-export-ms %.0f\n", export_ms);

  g_clear_pointer (&csv, psr_people_csv_unref);
  g_clear_object (&db);
  psr_test_remove_dir (dir);
  return 0;
}
