/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "psr-generate.h"
#include "psr-session-docs.h"
#include "psr-test-utils.h"

/* The certificates of completion of a session of 12 trainees, as PDF files,
 * next to the floor of the same work: as many one-page PDFs of a title and a
 * paragraph laid out with Pango, written with cairo. Prints the medians in
 * ms:
 *
 *   certificates-ms N PASSERELLE REFERENCE
 *
 *   bench-certificates [DATABASE]
 *
 * Without a database, generates a small one first. */

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

static const char paragraph[] =
  "Cette personne a suivi la formation du 3 au 14 mars 2026, soit 35 heures, à la Cité des "
  "sciences et de l'industrie. Elle a travaillé l'accueil des publics, la conception "
  "d'activités de médiation et l'animation d'ateliers, et atteint les objectifs fixés.";

static void
write_plain_pdf (const char *path,
                 guint       index)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.276, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell 11");
  g_autofree char *title = g_strdup_printf ("<b>Attestation de fin de formation n° %u</b>",
                                            index + 1);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 475 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  cairo_move_to (cr, 60, 80);
  pango_layout_set_markup (layout, title, -1);
  pango_cairo_show_layout (cr, layout);

  cairo_move_to (cr, 60, 120);
  pango_layout_set_text (layout, paragraph, -1);
  pango_cairo_show_layout (cr, layout);

  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
generate_small (const char *dir)
{
  PsrGenerateOptions options = { 500, 50, 40, 1 };
  char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);

  g_assert_no_error (error);
  psr_generate (db, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = argc > 1 ? g_strdup (argv[1]) : generate_small (dir);
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  PsrSessionDocumentOptions options = { NULL, NULL, NULL };
  double passerelle_ms[RUNS], reference_ms[RUNS];
  gint64 session_id;
  guint n_documents = 0;

  g_assert_no_error (error);

  /* A session that ran, with the most trainees enrolled: 12 at most. */
  session_id = psr_test_query_int (db,
                                   "SELECT e.session_id FROM enrollments e"
                                   " JOIN sessions s ON s.id = e.session_id"
                                   " WHERE e.status = 'enrolled' AND s.status = 'done'"
                                   " GROUP BY e.session_id ORDER BY count(*) DESC, e.session_id"
                                   " LIMIT 1");

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *ours = g_build_filename (dir, "passerelle", NULL);
      g_autofree char *plain = g_build_filename (dir, "plain", NULL);
      g_autoptr(GTimer) timer = NULL;
      g_auto(GStrv) files = NULL;

      g_assert_cmpint (g_mkdir_with_parents (ours, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (plain, 0700), ==, 0);

      timer = g_timer_new ();
      files = psr_session_documents_write (db, session_id, PSR_SESSION_DOCUMENT_CERTIFICATES,
                                           &options, ours, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      passerelle_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
      n_documents = g_strv_length (files);

      g_timer_start (timer);
      for (guint i = 0; i < n_documents; i++)
        {
          g_autofree char *name = g_strdup_printf ("certificate-%u.pdf", i);
          g_autofree char *file = g_build_filename (plain, name, NULL);

          write_plain_pdf (file, i);
        }
      reference_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      psr_test_remove_dir (ours);
      psr_test_remove_dir (plain);
    }

  g_print ("# certificates  passerelle-ms  one-page-pango-pdfs-ms (median of %u runs)\n", RUNS);
  g_print ("certificates-ms %u %.1f %.1f\n", n_documents, median (passerelle_ms),
           median (reference_ms));

  g_clear_object (&db);
  psr_test_remove_dir (dir);
  return 0;
}
