/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "psr-application.h"
#include "psr-preferences-window.h"
#include "psr-test-utils.h"
#include "psr-window.h"

/* Run by build-aux/check-unmarked under a pseudo-locale where every message
 * of the catalogue reads ⟦like this⟧: on an empty database, so that no
 * record's text is shown, every label of every page and of the
 * preferences must have come through the catalogue. */

static void
iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Numbers, punctuation and blanks need no translation. */
static gboolean
needs_translation (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* The key of a menu item, which GTK writes from the accelerator. */
static gboolean
is_accelerator_of (GtkWidget  *item,
                   const char *text)
{
  g_autofree char *accel = NULL;
  g_autofree char *label = NULL;
  guint key;
  GdkModifierType mods;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "accel") == NULL)
    return FALSE;

  g_object_get (item, "accel", &accel, NULL);
  if (accel == NULL || !gtk_accelerator_parse (accel, &key, &mods))
    return FALSE;

  label = gtk_accelerator_get_label (key, mods);
  return g_strcmp0 (label, text) == 0;
}

static void
collect_unmarked (GtkWidget *widget,
                  GPtrArray *unmarked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* GTK's own text: the placeholder and search of drop-downs, which
       * show our items otherwise. */
      if (GTK_IS_DROP_DOWN (child))
        continue;

      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          if (needs_translation (text) && strstr (text, "⟦") == NULL
              && !is_accelerator_of (widget, text))
            {
              g_autoptr(GString) path = g_string_new (NULL);

              for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
                g_string_append_printf (path, " < %s", G_OBJECT_TYPE_NAME (w));
              g_ptr_array_add (unmarked, g_strdup_printf ("%s (in%s)", text, path->str));
            }
        }
      collect_unmarked (child, unmarked);
    }
}

static void
check (GtkWidget  *widget,
       const char *where)
{
  g_autoptr(GPtrArray) unmarked = g_ptr_array_new_with_free_func (g_free);

  collect_unmarked (widget, unmarked);
  for (guint i = 0; i < unmarked->len; i++)
    g_printerr ("%s: not marked for translation: %s\n", where,
                (const char *) g_ptr_array_index (unmarked, i));
  g_assert_cmpuint (unmarked->len, ==, 0);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_pages (void)
{
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  g_autoptr(PsrApplication) app = psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  PsrWindow *window;
  PsrPreferencesWindow *preferences;

  g_assert_no_error (error);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* The catalogue is in use: the window's own title proves it. */
  window = psr_window_new (app, db);
  gtk_window_present (GTK_WINDOW (window));
  iterate (200);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "⟦"));

  for (guint i = 0; i < PSR_WINDOW_N_PAGES; i++)
    {
      psr_window_show_page (window, psr_window_page_names[i]);
      iterate (100);
      check (GTK_WIDGET (window), psr_window_page_names[i]);
    }

  /* Our pages, not libadwaita's own search page, which its catalogue
   * translates. */
  preferences = psr_preferences_window_new (psr_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (preferences));
  iterate (100);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (preferences)), "⟦"));
  check (find_descendant (GTK_WIDGET (preferences), ADW_TYPE_PREFERENCES_PAGE), "preferences");

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PASSERELLE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/unmarked/pages", test_pages);

  return g_test_run ();
}
