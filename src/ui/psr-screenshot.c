/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "psr-application.h"
#include "psr-competencies.h"
#include "psr-curricula.h"
#include "psr-curriculum.h"
#include "psr-kind.h"
#include "psr-lock.h"
#include "psr-people-import.h"
#include "psr-people.h"
#include "psr-preferences-window.h"
#include "psr-rehearsal-editor.h"
#include "psr-rehearsal-player.h"
#include "psr-rehearsals.h"
#include "psr-scenario.h"
#include "psr-scenarios-page.h"
#include "psr-sessions.h"
#include "psr-signature-pad.h"
#include "psr-trainee-space.h"
#include "psr-trainees-page.h"
#include "psr-translation-editor.h"
#include "psr-translations.h"
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
static gboolean preferences = FALSE;
static int open_first = 0;
static char *import_package = NULL;
static char *import_people = NULL;
static int exit_status = 1;
static char *rehearsal = NULL;
static double scroll = 0;
static char *click = NULL;
static char *trainee_space = NULL;
static char *trainee_language = NULL;
static char *translate = NULL;

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

/* The Preferences --preferences opened, once they show. */
static GtkWidget *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
}

static GtkWidget *find_named (GtkWidget  *widget,
                              const char *name);

static gboolean
open_preferences_cb (gpointer user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (user_data));

  GListModel *toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  /* At the height asked, to see them all. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      GtkWidget *row;

      if (!PSR_IS_PREFERENCES_WINDOW (window))
        continue;
      gtk_window_set_default_size (GTK_WINDOW (window), MIN (width, 560), height);
      /* --click opens a row of the Preferences too. */
      if (click != NULL && (row = find_named (window, click)) != NULL)
        gtk_widget_activate (row);
    }
  return G_SOURCE_REMOVE;
}

/* The rehearsal window --rehearsal opened, once it shows. */
static GtkWidget *
find_rehearsal_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if ((PSR_IS_REHEARSAL_EDITOR (window) || PSR_IS_REHEARSAL_PLAYER (window))
          && gtk_widget_get_mapped (window))
        found = window;
    }

  return found;
}

/* The import of people --import-people opened, once it shows. */
static GtkWidget *
find_import_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_PEOPLE_IMPORT (window) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
}

/* The translation window --translate opened, once it shows. */
static GtkWidget *
find_translation_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_TRANSLATION_EDITOR (window) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
}

/* The trainee space --trainee-space opened, once it shows. */
static GtkWidget *
find_trainee_space (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_TRAINEE_SPACE (window) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
}

static guint n_waits = 0;

static gboolean
capture_cb (gpointer user_data)
{
  GtkWidget *window = find_dialog () != NULL ? find_dialog ()
                      : find_preferences () != NULL ? find_preferences ()
                      : find_rehearsal_window () != NULL ? find_rehearsal_window ()
                      : find_import_window () != NULL ? find_import_window ()
                      : find_translation_window () != NULL ? find_translation_window ()
                      : find_trainee_space () != NULL ? find_trainee_space ()
                      : user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (user_data));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* A busy machine may not have drawn the window yet: wait for it. */
  if (node == NULL && ++n_waits < 10)
    return G_SOURCE_CONTINUE;
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

/* A list of items that shows, for pages whose rows are recycled. */
static GtkWidget *
find_first_list (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LIST_VIEW (child) && gtk_list_view_get_model (GTK_LIST_VIEW (child)) != NULL
          && g_list_model_get_n_items (G_LIST_MODEL (
               gtk_list_view_get_model (GTK_LIST_VIEW (child)))) > 0)
        return child;
      if ((found = find_first_list (child)) != NULL)
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
  GtkWidget *list;

  if (row != NULL)
    gtk_widget_activate (row);
  else if ((list = find_first_list (GTK_WIDGET (user_data))) != NULL)
    gtk_widget_activate_action (list, "list.activate-item", "u", 0);
  return ++opened < open_first ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}


typedef struct
{
  gint64 with_rehearsal;
  gint64 without_rehearsal;
  PsrDatabase *db;
} RehearsalScenarios;

static void
find_rehearsal_cb (const char *uuid,
                   const char *title,
                   gpointer    user_data)
{
  RehearsalScenarios *found = user_data;
  gint64 id = psr_kind_find_id (found->db, PSR_TYPE_SCENARIO, uuid, NULL);
  g_autoptr(GPtrArray) nodes = psr_rehearsal_list_nodes (found->db, id, NULL);

  if (nodes == NULL)
    return;
  if (nodes->len > 0 && found->with_rehearsal == 0)
    found->with_rehearsal = id;
  if (nodes->len == 0 && found->without_rehearsal == 0)
    found->without_rehearsal = id;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_of_type (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0
          || (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, name)))
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* "editor", "editor-node" (its first node, on narrow windows too),
 * "editor-choice" (its first choice open),
 * "empty" (the editor of a scenario without a rehearsal),
 * "player", "player-feedback" (after the first choice) or "player-ending"
 * (the first choice each time, up to an ending). */
static gboolean
open_rehearsal_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  PsrApplication *app = PSR_APPLICATION (gtk_window_get_application (window));
  RehearsalScenarios found = { 0, 0, psr_application_get_database (app) };
  GtkWidget *opened;

  psr_kind_foreach_title (found.db, PSR_TYPE_SCENARIO, find_rehearsal_cb, &found, NULL);
  if (g_str_has_prefix (rehearsal, "editor") || g_str_equal (rehearsal, "empty"))
    psr_rehearsal_editor_present (GTK_WIDGET (window), found.db,
                                  g_str_equal (rehearsal, "empty") ? found.without_rehearsal
                                                                   : found.with_rehearsal);
  else
    psr_rehearsal_player_present (GTK_WIDGET (window), found.db, found.with_rehearsal);

  opened = find_rehearsal_window ();
  if (opened == NULL)
    return G_SOURCE_REMOVE;
  gtk_window_set_default_size (GTK_WINDOW (opened), width, height);
  if (g_str_equal (rehearsal, "editor-node") && find_first_row (opened) != NULL)
    gtk_widget_activate (find_first_row (opened));
  if (g_str_equal (rehearsal, "editor-choice") && find_of_type (opened, ADW_TYPE_EXPANDER_ROW))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_of_type (opened, ADW_TYPE_EXPANDER_ROW)),
                                   TRUE);

  for (guint step = 0; g_str_has_prefix (rehearsal, "player-") && step < 20; step++)
    {
      GtkWidget *choice = find_named (opened, "rehearsal-choice");
      GtkWidget *next = find_named (opened, "continue");

      /* Clicked at once: "activate" would wait for the press to show. */
      if (choice != NULL)
        g_signal_emit_by_name (choice, "clicked");
      else if (next != NULL && g_str_equal (rehearsal, "player-ending"))
        g_signal_emit_by_name (next, "clicked");
      else
        break;
    }

  return G_SOURCE_REMOVE;
}

static void
first_uuid_cb (const char *uuid,
               const char *title,
               gpointer    user_data)
{
  char **first = user_data;

  if (*first == NULL)
    *first = g_strdup (uuid);
}

/* The first record of @records (NULL or empty: none), taken. */
static PsrRecord *
take_first (GListModel *records)
{
  PsrRecord *first = records != NULL && g_list_model_get_n_items (records) > 0
                       ? g_list_model_get_item (records, 0)
                       : NULL;

  g_clear_object (&records);
  return first;
}

/* The first module of the first curriculum, or the first competency of
 * the first field of the first framework. */
static char *
first_part_uuid (PsrDatabase *db,
                 gboolean     module)
{
  g_autoptr(PsrRecord) parent = NULL;
  g_autoptr(PsrRecord) record = NULL;
  g_autofree char *curriculum = NULL;

  if (module)
    {
      psr_kind_foreach_title (db, PSR_TYPE_CURRICULUM, first_uuid_cb, &curriculum, NULL);
      if (curriculum != NULL)
        record = take_first (psr_curriculum_list_modules (
          db, psr_kind_find_id (db, PSR_TYPE_CURRICULUM, curriculum, NULL), NULL));
    }
  else
    {
      parent = take_first (psr_framework_list (db, NULL));
      if (parent != NULL)
        {
          gint64 framework_id = psr_record_get_id (parent);

          g_clear_object (&parent);
          parent = take_first (psr_competency_list_children (db, framework_id, 0, NULL));
          if (parent != NULL)
            record = take_first (psr_competency_list_children (db, framework_id,
                                                               psr_record_get_id (parent),
                                                               NULL));
        }
    }

  return record != NULL ? g_strdup (psr_record_get_uuid (record)) : NULL;
}

/* "scenario", "curriculum", "module" or "competency": the translation of the
 * first one (of the sample data), into English with its title translated, or
 * "scenario-empty" with nothing translated yet. */
static gboolean
open_translation_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  PsrApplication *app = PSR_APPLICATION (gtk_window_get_application (window));
  PsrDatabase *db = psr_application_get_database (app);
  gboolean curriculum = g_str_equal (translate, "curriculum");
  gboolean module = g_str_equal (translate, "module");
  gboolean competency = g_str_equal (translate, "competency");
  const char *kind = curriculum ? "curriculum"
                     : module ? "module"
                     : competency ? "competency"
                                  : "scenario";
  const char *title = curriculum ? "Leading a Science Workshop"
                      : module ? "The Basics of the Science Workshop"
                      : competency ? "Welcoming Visitors and Setting a Friendly Tone"
                                   : "Electric Circuits in Modelling Clay";
  g_autofree char *uuid = NULL;
  GtkWidget *opened;

  if (module || competency)
    uuid = first_part_uuid (db, module);
  else
    psr_kind_foreach_title (db, curriculum ? PSR_TYPE_CURRICULUM : PSR_TYPE_SCENARIO,
                            first_uuid_cb, &uuid, NULL);
  if (uuid == NULL)
    return G_SOURCE_REMOVE;
  if (!g_str_has_suffix (translate, "-empty"))
    psr_translation_set (db, kind, uuid, "en", "title", title, NULL);

  psr_translation_editor_present (GTK_WIDGET (window), db, kind, uuid);
  opened = find_translation_window ();
  if (opened != NULL)
    gtk_window_set_default_size (GTK_WINDOW (opened), width, height);

  return G_SOURCE_REMOVE;
}

/* "pick" (the names), "home" (the first trainee's), "sign" (a trainee who
 * has not signed yet, signing), "positioning", "modules", "module",
 * "rehearsals", "survey" or "leave" (the passphrase asked), at 10:00 today
 * so that the morning of the sample's running session is open. */
static gboolean
open_trainee_space_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  PsrApplication *app = PSR_APPLICATION (gtk_window_get_application (window));
  PsrDatabase *db = psr_application_get_database (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (now),
                                                        g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 10,
                                                        0, 0);
  g_autoptr(GError) error = NULL;
  GtkWidget *space;
  GtkWidget *row;

  if (!psr_lock_set_passphrase (db, "trainer passphrase", &error))
    {
      g_printerr ("%s\n", error->message);
      return G_SOURCE_REMOVE;
    }

  /* As psr_trainee_space_open() does, but at the size asked. */
  space = GTK_WIDGET (psr_trainee_space_new (GTK_APPLICATION (app), db));
  gtk_window_unmaximize (GTK_WINDOW (space));
  gtk_window_set_default_size (GTK_WINDOW (space), width, height);
  psr_trainee_space_set_now (PSR_TRAINEE_SPACE (space), morning);
  gtk_window_present (GTK_WINDOW (space));
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);

  /* The survey opens on the last day of the session. */
  if (g_str_equal (trainee_space, "survey"))
    {
      GDate today;
      g_autoptr(GPtrArray) entries = NULL;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      entries = psr_sessions_list_between (db, &today, &today, NULL);
      for (guint i = 0; entries != NULL && i < entries->len; i++)
        {
          PsrCalendarEntry *entry = g_ptr_array_index (entries, i);
          g_autoptr(PsrSessionDetails) details = psr_session_get_details (db, entry->session_id,
                                                                          NULL);

          if (details != NULL && details->status == PSR_SESSION_RUNNING
              && g_date_valid (&details->ends_on))
            {
              g_autoptr(GDateTime) last = g_date_time_new_local (
                g_date_get_year (&details->ends_on), g_date_get_month (&details->ends_on),
                g_date_get_day (&details->ends_on), 16, 0, 0);

              psr_trainee_space_set_now (PSR_TRAINEE_SPACE (space), last);
              break;
            }
        }
    }

  if (g_str_equal (trainee_space, "leave"))
    {
      gtk_widget_activate_action (space, "space.leave", NULL);
      return G_SOURCE_REMOVE;
    }
  /* A past session's follow-up survey, answered by its first trainee. */
  if (g_str_equal (trainee_space, "follow-up"))
    {
      if ((row = find_named (space, "follow-up")) == NULL)
        return G_SOURCE_REMOVE;
      gtk_widget_activate (row);
    }
  /* Today's first session, when there are several to choose from. */
  if (find_named (space, "trainee") == NULL && (row = find_named (space, "session")) != NULL)
    gtk_widget_activate (row);
  if (g_str_equal (trainee_space, "pick") || (row = find_named (space, "trainee")) == NULL)
    return G_SOURCE_REMOVE;

  for (GtkWidget *name = row; trainee_language != NULL && name != NULL;
       name = gtk_widget_get_next_sibling (name))
    {
      PsrEnrollment *enrollment = g_object_get_data (G_OBJECT (name), "enrollment");

      if (enrollment != NULL)
        psr_person_set_field (db, enrollment->person_id, PSR_PERSON_FIELD_LANGUAGE,
                              trainee_language, NULL);
    }

  /* The first trainee, or for signing the first who has not signed yet. */
  gtk_widget_activate (row);
  if (g_str_equal (trainee_space, "sign"))
    {
      GtkWidget *pad;

      /* The names are listed anew each time: count them down the list. */
      for (guint i = 1; find_named (space, "sign-row") == NULL
                        || !gtk_list_box_row_get_activatable (
                             GTK_LIST_BOX_ROW (find_named (space, "sign-row")));
           i++)
        {
          gtk_widget_activate_action (space, "space.done", NULL);
          row = find_named (space, "trainee");
          for (guint j = 0; j < i && row != NULL; j++)
            row = gtk_widget_get_next_sibling (row);
          if (row == NULL)
            break;
          gtk_widget_activate (row);
        }
      gtk_widget_activate_action (space, "space.sign", NULL);
      if (find_dialog () != NULL
          && (pad = find_of_type (find_dialog (), PSR_TYPE_SIGNATURE_PAD)) != NULL)
        {
          g_autoptr(GPtrArray) strokes = psr_strokes_new ();

          psr_strokes_add_point (strokes, TRUE, 0.15, 0.6);
          psr_strokes_add_point (strokes, FALSE, 0.3, 0.3);
          psr_strokes_add_point (strokes, FALSE, 0.45, 0.7);
          psr_strokes_add_point (strokes, FALSE, 0.6, 0.35);
          psr_strokes_add_point (strokes, FALSE, 0.8, 0.55);
          psr_signature_pad_set_strokes (PSR_SIGNATURE_PAD (pad), strokes);
        }
    }
  else if (g_str_equal (trainee_space, "module"))
    {
      gtk_widget_activate_action (space, "space.modules", NULL);
      if ((row = find_named (space, "module")) != NULL)
        gtk_widget_activate (row);
    }
  else if (!g_str_equal (trainee_space, "home") && !g_str_equal (trainee_space, "follow-up"))
    {
      g_autofree char *action = g_strconcat ("space.", trainee_space, NULL);

      gtk_widget_activate_action (space, action, NULL);
    }

  return G_SOURCE_REMOVE;
}

/* Scrolls every scrolled window that shows to @scroll of its height. */
static void
scroll_all (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          GtkAdjustment *adjustment =
            gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

          gtk_adjustment_set_value (adjustment,
                                    scroll * (gtk_adjustment_get_upper (adjustment)
                                              - gtk_adjustment_get_page_size (adjustment)));
        }
      scroll_all (child);
    }
}

/* Scrolls, then clicks the first button named --click, as a person would
 * after opening the rows. */
static gboolean
scroll_and_click_cb (gpointer user_data)
{
  GtkWidget *button;

  if (scroll > 0)
    scroll_all (GTK_WIDGET (user_data));
  if (scroll > 0 && find_translation_window () != NULL)
    scroll_all (find_translation_window ());
  if (click != NULL && (button = find_named (GTK_WIDGET (user_data), click)) != NULL)
    {
      /* A row named so opens as a click on it would. */
      if (GTK_IS_LIST_BOX_ROW (button))
        gtk_widget_activate (button);
      else
        g_signal_emit_by_name (button, "clicked");
    }
  return G_SOURCE_REMOVE;
}

/* A page of the window, deep in it: looked up by type. */
static GtkWidget *
find_page (GtkWidget *widget,
           GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_page (child, type)) != NULL)
        return found;
    }

  return NULL;
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
  if (rehearsal != NULL)
    g_timeout_add (300, open_rehearsal_cb, window);
  if (trainee_space != NULL)
    g_timeout_add (300, open_trainee_space_cb, window);
  if (preferences)
    g_timeout_add (300, open_preferences_cb, window);
  if (translate != NULL)
    g_timeout_add (300, open_translation_cb, window);
  if (scroll > 0 || click != NULL)
    g_timeout_add (1000 + 900 * open_first, scroll_and_click_cb, window);
  if (import_package != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_package);
      GtkWidget *child = find_page (GTK_WIDGET (window), PSR_TYPE_SCENARIOS_PAGE);

      if (child != NULL)
        psr_scenarios_page_import_file (PSR_SCENARIOS_PAGE (child), file);
    }
  if (import_people != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_people);
      GtkWidget *child = find_page (GTK_WIDGET (window), PSR_TYPE_TRAINEES_PAGE);

      if (child != NULL)
        psr_trainees_page_import_file (PSR_TRAINEES_PAGE (child), file);
    }

  /* Leave time for the first frames and the leaflet's transition. */
  g_timeout_add (1500 + 900 * open_first, capture_cb, window);
  return G_SOURCE_REMOVE;
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  /* Pages show at once: a picture is never taken halfway through a
   * transition, however busy the machine. */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", FALSE,
                NULL);
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
    { "preferences", 0, 0, G_OPTION_ARG_NONE, &preferences, "Open the Preferences", NULL },
    { "import-people", 0, 0, G_OPTION_ARG_FILENAME, &import_people,
      "Show the preview of an import of people", "FILE.csv" },
    { "import-package", 0, 0, G_OPTION_ARG_FILENAME, &import_package,
      "Show what importing a package would do", "FILE" },
    { "rehearsal", 0, 0, G_OPTION_ARG_STRING, &rehearsal,
      "Open the rehearsal editor or player: editor, editor-node, editor-choice, empty, player, "
      "player-feedback, "
      "player-ending", "WHAT" },
    { "trainee-space", 0, 0, G_OPTION_ARG_STRING, &trainee_space,
      "Open the trainee space: pick, home, follow-up, sign, positioning, modules, module, "
      "rehearsals, survey, leave", "WHAT" },
    { "trainee-language", 0, 0, G_OPTION_ARG_STRING, &trainee_language,
      "The preferred language of the trainees of the trainee space", "CODE" },
    { "translate", 0, 0, G_OPTION_ARG_STRING, &translate,
      "Open the translation of the first record: scenario, scenario-empty, curriculum, module,"
      " competency", "WHAT" },
    { "open-first", 0, 0, G_OPTION_ARG_INT, &open_first,
      "Open the first row of the page, N levels deep", "N" },
    { "scroll", 0, 0, G_OPTION_ARG_DOUBLE, &scroll,
      "Scroll the page, from 0 (top) to 1 (bottom)", "FRACTION" },
    { "click", 0, 0, G_OPTION_ARG_STRING, &click,
      "Click the first button with this name or style class", "NAME" },
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
