/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "psr-application.h"
#include "psr-generate.h"
#include "psr-test-utils.h"

/* Start-up of Passerelle on a large database, to the first frame painted
 * in its main window, next to a minimal libadwaita window (an
 * AdwApplicationWindow with a header bar) built in this same program and
 * measured the same way. Each start is a new process, timed from before it
 * is spawned to the end of the first frame its window paints; its peak
 * memory (ru_maxrss) is read at that moment. Prints the medians.
 *
 *   bench-startup [--runs N] [DATABASE]
 *
 * Without a database, generates one first: 100,000 trainees, 10,000
 * scenarios, 2,000 sessions of 50 days (about 1,000,000 attendance
 * records). */

#define DEFAULT_RUNS 7

typedef struct
{
  gboolean painted;
} Start;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* One start, in the process spawned ------------------------------------------- */

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("painted-at-us %" G_GINT64_FORMAT " maxrss-kb %ld\n", g_get_monotonic_time (),
           usage.ru_maxrss);
  /* Nothing is measured past this: leave at once. */
  exit (EXIT_SUCCESS);
}

static void
watch_window (GtkWindow    *window,
              GApplication *app);

static void
realize_cb (GtkWidget    *widget,
            GApplication *app)
{
  g_signal_handlers_disconnect_by_func (widget, realize_cb, app);
  watch_window (GTK_WINDOW (widget), app);
}

static void
watch_window (GtkWindow    *window,
              GApplication *app)
{
  if (!gtk_widget_get_realized (GTK_WIDGET (window)))
    {
      g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
      return;
    }

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

/* After the application's own activate: its main window is there. */
static void
activate_after_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    g_error ("No window after start-up: is the database sound?");
  watch_window (window, app);
}

static void
activate_minimal_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Minimal"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  watch_window (GTK_WINDOW (window), app);
}

static int
start_once (const char *which,
            const char *database,
            char       *argv0)
{
  g_autoptr(GApplication) app = NULL;
  char *argv[] = { argv0, NULL };

  if (g_str_equal (which, "passerelle"))
    {
      g_setenv ("PASSERELLE_DATABASE", database, TRUE);
      app = G_APPLICATION (psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE));
      g_signal_connect_after (app, "activate", G_CALLBACK (activate_after_cb), NULL);
    }
  else
    {
      app = G_APPLICATION (adw_application_new (APPLICATION_ID ".Minimal",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (activate_minimal_cb), NULL);
    }

  return g_application_run (app, 1, argv);
}

/* The runs, from the process that spawns them ---------------------------------- */

static void
run_once (const char *self,
          const char *which,
          const char *database,
          double     *ms,
          double     *rss_mb)
{
  const char *argv[] = { self, "--once", which, database, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  gint64 spawned_at = g_get_monotonic_time ();
  gint64 painted_at = 0;
  long rss_kb = 0;
  int status;
  const char *line;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, &errors,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s start failed: %s\n%s", which, error->message, errors);

  line = strstr (output, "painted-at-us ");
  if (line == NULL
      || sscanf (line, "painted-at-us %" G_GINT64_FORMAT " maxrss-kb %ld", &painted_at,
                 &rss_kb) != 2)
    g_error ("%s start printed no frame: %s\n%s", which, output, errors);

  *ms = (painted_at - spawned_at) / 1000.0;
  *rss_mb = rss_kb / 1024.0;
}

static char *
generate_large (const char *dir)
{
  PsrGenerateOptions options = { 100000, 10000, 2000, 1, 50 };
  char *path = g_build_filename (dir, "large.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  g_autoptr(GTimer) timer = g_timer_new ();

  g_assert_no_error (error);
  psr_generate (db, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_print ("# generated %u trainees, %u scenarios, %u sessions of %u days in %.1f s\n",
           options.trainees, options.scenarios, options.sessions, options.days,
           g_timer_elapsed (timer, NULL));
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *database = NULL;
  double *ms[2], *rss[2];
  static const char * const which[] = { "passerelle", "minimal" };
  guint runs = DEFAULT_RUNS;
  int i = 1;

  if (argc > 1 && g_str_equal (argv[1], "--once"))
    {
      if (argc != 4)
        g_error ("Usage: %s --once passerelle|minimal DATABASE", argv[0]);
      return start_once (argv[2], argv[3], argv[0]);
    }

  if (i + 1 < argc && g_str_equal (argv[i], "--runs"))
    {
      runs = MAX (1, atoi (argv[i + 1]));
      i += 2;
    }
  if (i < argc)
    {
      database = g_strdup (argv[i]);
    }
  else
    {
      dir = psr_test_make_dir ();
      database = generate_large (dir);
    }

  for (guint w = 0; w < G_N_ELEMENTS (which); w++)
    {
      ms[w] = g_new (double, runs);
      rss[w] = g_new (double, runs);
    }

  /* Once untimed, so that both start from warm file caches. */
  for (guint w = 0; w < G_N_ELEMENTS (which); w++)
    run_once (argv[0], which[w], database, &ms[w][0], &rss[w][0]);

  for (guint run = 0; run < runs; run++)
    for (guint w = 0; w < G_N_ELEMENTS (which); w++)
      run_once (argv[0], which[w], database, &ms[w][run], &rss[w][run]);

  {
    double passerelle_ms = median (ms[0], runs), minimal_ms = median (ms[1], runs);
    double passerelle_mb = median (rss[0], runs), minimal_mb = median (rss[1], runs);

    g_print ("# figure  passerelle  minimal-window  ratio (median of %u starts)\n", runs);
    g_print ("startup-to-first-frame-ms %.1f %.1f %.2f\n", passerelle_ms, minimal_ms,
             passerelle_ms / minimal_ms);
    g_print ("startup-peak-rss-mb %.1f %.1f %.2f\n", passerelle_mb, minimal_mb,
             passerelle_mb / minimal_mb);
  }

  for (guint w = 0; w < G_N_ELEMENTS (which); w++)
    {
      g_free (ms[w]);
      g_free (rss[w]);
    }
  if (dir != NULL)
    psr_test_remove_dir (dir);
  return 0;
}
