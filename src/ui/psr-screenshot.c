/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "psr-application.h"
#include "psr-scenarios-page.h"
#include "psr-window.h"

/* Renders the main window, as the application builds it, to a PNG file:
 * anyone can look at the interface at a given size, language and style
 * without a desktop (run it under a virtual X server). */

static int width = 1100;
static int height = 720;
static char *page = NULL;
static char *output = NULL;
static gboolean dark = FALSE;
static gboolean sidebar = FALSE;
static int open_first = 0;
static char *import_package = NULL;
static int exit_status = 1;

/* A dialog the rows opened, if any: that is what the user looks at. */
static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
}

static gboolean
capture_cb (gpointer user_data)
{
  GtkWidget *window = find_dialog () != NULL ? find_dialog () : user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (user_data));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_printerr ("Nothing was drawn\n");
    }
  else
    {
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, w, h));
      if (gdk_texture_save_to_png (texture, output))
        exit_status = 0;
      else
        g_printerr ("Could not write %s\n", output);
    }

  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

/* The first row a click would open, among the widgets that show. */
static GtkWidget *
find_first_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* The page's rows, not the list of pages. */
      if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_visible (child)
          || gtk_widget_has_css_class (child, "navigation-sidebar"))
        continue;
      /* A row that opens something: not a field, nor a row that only
       * forwards to its switch or spin button. */
      if (GTK_IS_LIST_BOX_ROW (child) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (child))
          && !ADW_IS_ENTRY_ROW (child) && !ADW_IS_COMBO_ROW (child)
          && !(ADW_IS_ACTION_ROW (child)
               && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (child)) != NULL))
        return child;
      if ((found = find_first_row (child)) != NULL)
        return found;
    }

  return NULL;
}

/* Opens the first row, then the first row of what it opened, and so on. */
static gboolean
open_first_cb (gpointer user_data)
{
  static int opened = 0;
  GtkWidget *row = find_first_row (GTK_WIDGET (user_data));

  if (row != NULL)
    gtk_widget_activate (row);
  return ++opened < open_first ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}


/* Once the application has set the window up as it would for anyone. */
static gboolean
set_up_window_cb (gpointer user_data)
{
  GtkWindow *window = user_data;

  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, width, height);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  if (page != NULL)
    psr_window_show_page (PSR_WINDOW (window), page);
  if (sidebar)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  if (open_first > 0)
    g_timeout_add (700, open_first_cb, window);
  if (import_package != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_package);
      GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window));

      /* The page is deep in the window: look it up by type. */
      while (child != NULL && !PSR_IS_SCENARIOS_PAGE (child))
        {
          GtkWidget *next = gtk_widget_get_first_child (child);

          while (next == NULL && child != NULL)
            {
              next = gtk_widget_get_next_sibling (child);
              if (next == NULL)
                child = gtk_widget_get_parent (child);
              if (child == GTK_WIDGET (window))
                child = NULL;
            }
          child = next;
        }
      if (child != NULL)
        psr_scenarios_page_import_file (PSR_SCENARIOS_PAGE (child), file);
    }

  /* Leave time for the first frames and the leaflet's transition. */
  g_timeout_add (1500 + 900 * open_first, capture_cb, window);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (PSR_IS_WINDOW (window))
    g_idle_add (set_up_window_cb, window);
  else if (ADW_IS_MESSAGE_DIALOG (window))
    /* The database could not be opened: show what the user is asked. */
    g_timeout_add (1500, capture_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsrApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  char *app_argv[] = { argv[0], NULL };
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "Database to show", "PATH" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "PNG file to write", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "PIXELS" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "PIXELS" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, "Page to show", "NAME" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "sidebar", 0, 0, G_OPTION_ARG_NONE, &sidebar, "Show the page list on narrow windows", NULL },
    { "import-package", 0, 0, G_OPTION_ARG_FILENAME, &import_package,
      "Show what importing a package would do", "FILE" },
    { "open-first", 0, 0, G_OPTION_ARG_INT, &open_first,
      "Open the first row of the page, N levels deep", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* Translations of the build tree, so that nothing needs installing. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PASSERELLE_LOCALEDIR") != NULL
                                     ? g_getenv ("PASSERELLE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("- render the Passerelle window to PNG");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || output == NULL
      || database == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--database and --output are required");
      return 2;
    }

  g_setenv ("PASSERELLE_DATABASE", database, TRUE);
  app = psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  return exit_status;
}
