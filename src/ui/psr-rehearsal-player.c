/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-locale-private.h"
#include "psr-record.h"
#include "psr-rehearsal-player.h"
#include "psr-rehearsals.h"
#include "psr-scenario.h"
#include "psr-speaking.h"

/* A trainee plays a rehearsal: a situation, the choices as big buttons,
 * then what the choice did and on to the next situation, up to an ending
 * with its debrief and the choices made on the way. */

struct _PsrRehearsalPlayer
{
  AdwWindow         parent_instance;

  PsrDatabase      *database;
  gint64            scenario_id;
  PsrRehearsalNode *node;
  GPtrArray        *choices;
  gint64            next_id;
  PsrLocale        *locale;   /* what it speaks, NULL for the interface's language */
  PsrRehearsalPath *path;
  GPtrArray        *summary;  /* the text of each choice made */
  GPtrArray        *summary_nodes;  /* the name of the situation of each */

  AdwWindowTitle   *window_title;
  GtkStack         *stack;
  GtkScrolledWindow *scrolled;
  GtkLabel         *kind_label;
  GtkLabel         *text_label;
  GtkBox           *choices_box;
  GtkWidget        *feedback_box;
  GtkLabel         *chosen_label;
  GtkLabel         *debrief_heading;
  GtkLabel         *path_heading;
  GtkWidget        *close_button;
  GtkLabel         *feedback_label;
  GtkWidget        *continue_button;
  GtkWidget        *ending_box;
  GtkLabel         *debrief_label;
  GtkListBox       *path_list;
  GtkWidget        *again_button;
  AdwStatusPage    *stopped_page;
  GtkWidget        *stopped_button;
};

G_DEFINE_FINAL_TYPE (PsrRehearsalPlayer, psr_rehearsal_player, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* The rehearsal cannot go on: says why, with a way out. */
static void
show_stopped (PsrRehearsalPlayer *self,
              const char         *title,
              const char         *description)
{
  adw_status_page_set_title (self->stopped_page, title);
  adw_status_page_set_description (self->stopped_page, description);
  gtk_stack_set_visible_child_name (self->stack, "stopped");
  gtk_widget_grab_focus (self->stopped_button);
}

static void
scroll_to_top (PsrRehearsalPlayer *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
choice_clicked_cb (GtkButton          *button,
                   PsrRehearsalPlayer *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autofree char *chosen = NULL;
  PsrRehearsalChoice *choice;

  g_return_if_fail (self->choices != NULL && index < self->choices->len);

  choice = g_ptr_array_index (self->choices, index);
  psr_speaking_begin (self->locale);
  psr_rehearsal_path_add (self->path, self->node->uuid, choice->uuid);
  g_ptr_array_add (self->summary, g_strdup (choice->text));
  g_ptr_array_add (self->summary_nodes, g_strdup (self->node->name));
  self->next_id = choice->target_id;

  clear_box (GTK_WIDGET (self->choices_box));
  gtk_widget_set_visible (GTK_WIDGET (self->choices_box), FALSE);

  /* Translators: the choice the trainee made, before its feedback. */
  chosen = g_strdup_printf (_("You chose: %s"), choice->text);
  gtk_label_set_text (self->chosen_label, chosen);
  gtk_label_set_text (self->feedback_label, *choice->feedback != '\0'
                                              ? choice->feedback
                                              : _("No feedback for this choice."));
  gtk_widget_set_visible (self->feedback_box, TRUE);
  gtk_widget_grab_focus (self->continue_button);
  psr_speaking_end (self->locale);
}

static void
show_situation (PsrRehearsalPlayer *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = psr_rehearsal_list_choices (self->database, self->node->id, &error);
  if (self->choices == NULL)
    {
      show_stopped (self, _("The Rehearsal Cannot Go On"), error->message);
      return;
    }

  gtk_label_set_text (self->kind_label, self->node->name);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_box), TRUE);
  for (guint i = 0; i < self->choices->len; i++)
    {
      PsrRehearsalChoice *choice = g_ptr_array_index (self->choices, i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *label = gtk_label_new (choice->text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "rehearsal-choice");
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (choice_clicked_cb), self, 0);
      gtk_box_append (self->choices_box, button);
    }

  if (self->choices->len == 0)
    {
      show_stopped (self, _("No Choice Here Yet"),
                    _("This situation offers no choice. The author of the rehearsal has to add "
                      "one."));
      return;
    }

  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->choices_box)));
}

static void
show_ending (PsrRehearsalPlayer *self)
{
  g_autofree char *json = NULL;

  psr_rehearsal_path_add (self->path, self->node->uuid, NULL);
  json = psr_rehearsal_path_to_json (self->path);

  gtk_label_set_text (self->kind_label, self->node->name);
  gtk_label_set_text (self->debrief_label, *self->node->debrief != '\0'
                                             ? self->node->debrief
                                             : _("No debrief for this ending."));
  clear_box (GTK_WIDGET (self->path_list));
  for (guint i = 0; i < self->summary->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *prefix = gtk_label_new (number);

      gtk_widget_add_css_class (prefix, "dim-label");
      gtk_widget_add_css_class (prefix, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_ptr_array_index (self->summary, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   g_ptr_array_index (self->summary_nodes, i));
      gtk_list_box_append (self->path_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->path_list), self->summary->len > 0);
  gtk_widget_set_visible (self->ending_box, TRUE);
  gtk_widget_grab_focus (self->again_button);

  g_signal_emit (self, signals[FINISHED], 0, json);
}

/* Shows the node @id, a situation or an ending. */
static void
go_to (PsrRehearsalPlayer *self,
       gint64              id)
{
  g_autoptr(GError) error = NULL;

  gtk_stack_set_visible_child_name (self->stack, "play");
  gtk_widget_set_visible (self->feedback_box, FALSE);
  gtk_widget_set_visible (self->ending_box, FALSE);
  clear_box (GTK_WIDGET (self->choices_box));

  g_clear_pointer (&self->node, psr_rehearsal_node_free);
  self->node = id != 0 ? psr_rehearsal_get_node (self->database, id, &error)
                       : psr_rehearsal_get_start (self->database, self->scenario_id, &error);
  if (self->node == NULL)
    {
      show_stopped (self, _("The Rehearsal Cannot Go On"), error->message);
      return;
    }

  gtk_label_set_text (self->text_label, self->node->text);
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), *self->node->text != '\0');
  scroll_to_top (self);

  if (self->node->kind == PSR_REHEARSAL_ENDING)
    show_ending (self);
  else
    show_situation (self);
}

static void
continue_clicked_cb (PsrRehearsalPlayer *self)
{
  psr_speaking_begin (self->locale);
  if (self->next_id == 0)
    show_stopped (self, _("This Choice Leads Nowhere Yet"),
                  _("The author of the rehearsal has to choose where it leads."));
  else
    go_to (self, self->next_id);
  psr_speaking_end (self->locale);
  psr_speaking_set_direction (GTK_WIDGET (self), psr_speaking_get_direction (self->locale));
}

void
psr_rehearsal_player_restart (PsrRehearsalPlayer *self)
{
  g_return_if_fail (PSR_IS_REHEARSAL_PLAYER (self));

  psr_rehearsal_path_clear (self->path);
  g_ptr_array_set_size (self->summary, 0);
  g_ptr_array_set_size (self->summary_nodes, 0);
  self->next_id = 0;
  go_to (self, 0);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsrRehearsalPlayer *self = PSR_REHEARSAL_PLAYER (widget);

  psr_speaking_begin (self->locale);
  psr_rehearsal_player_restart (self);
  psr_speaking_end (self->locale);
  psr_speaking_set_direction (widget, psr_speaking_get_direction (self->locale));
}

PsrRehearsalPlayer *
psr_rehearsal_player_new (PsrDatabase *db,
                          gint64       scenario_id)
{
  PsrRehearsalPlayer *self;
  g_autoptr(PsrRecord) scenario = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  self = g_object_new (PSR_TYPE_REHEARSAL_PLAYER, NULL);
  self->database = g_object_ref (db);
  self->scenario_id = scenario_id;

  scenario = psr_record_load (db, PSR_TYPE_SCENARIO, scenario_id, NULL);
  if (scenario != NULL)
    adw_window_title_set_subtitle (self->window_title,
                                   psr_record_get_title (scenario));

  psr_rehearsal_player_restart (self);
  psr_speaking_set_direction (GTK_WIDGET (self), psr_speaking_get_direction (self->locale));
  return self;
}

void
psr_rehearsal_player_present (GtkWidget   *parent,
                              PsrDatabase *db,
                              gint64       scenario_id)
{
  PsrRehearsalPlayer *self = psr_rehearsal_player_new (db, scenario_id);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}

static void
psr_rehearsal_player_dispose (GObject *object)
{
  PsrRehearsalPlayer *self = PSR_REHEARSAL_PLAYER (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_REHEARSAL_PLAYER);
  g_clear_pointer (&self->node, psr_rehearsal_node_free);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->path, psr_rehearsal_path_free);
  g_clear_pointer (&self->summary, g_ptr_array_unref);
  g_clear_pointer (&self->summary_nodes, g_ptr_array_unref);
  g_clear_object (&self->database);
  g_clear_object (&self->locale);

  G_OBJECT_CLASS (psr_rehearsal_player_parent_class)->dispose (object);
}

static void
psr_rehearsal_player_class_init (PsrRehearsalPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_rehearsal_player_dispose;

  /**
   * PsrRehearsalPlayer::finished:
   * @path: the JSON path taken, from the start to the ending
   *
   * The trainee reached an ending.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-rehearsal-player.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, stack);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, text_label);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, choices_box);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, chosen_label);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, debrief_heading);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, path_heading);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, close_button);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, continue_button);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, ending_box);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, debrief_label);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, path_list);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, again_button);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, stopped_page);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalPlayer, stopped_button);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);

  gtk_widget_class_install_action (widget_class, "player.restart", NULL, restart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psr_rehearsal_player_init (PsrRehearsalPlayer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Opened from the trainee space, it speaks the trainee's language: its
   * strings are set here rather than in the template, which GTK would
   * translate into the interface's. */
  self->locale = psr_locale_get_current ();
  if (self->locale != NULL)
    g_object_ref (self->locale);
  adw_window_title_set_title (self->window_title, _("Rehearsal"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choices_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choices"), -1);
  gtk_button_set_label (GTK_BUTTON (self->continue_button), _("_Continue"));
  gtk_label_set_text (self->debrief_heading, _("Debrief"));
  gtk_label_set_text (self->path_heading, _("Your Choices"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->path_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your Choices"), -1);
  gtk_button_set_label (GTK_BUTTON (self->again_button), _("Play _Again"));
  gtk_button_set_label (GTK_BUTTON (self->close_button), _("_Close"));
  gtk_button_set_label (GTK_BUTTON (self->stopped_button), _("_Close"));

  self->path = psr_rehearsal_path_new ();
  self->summary = g_ptr_array_new_with_free_func (g_free);
  self->summary_nodes = g_ptr_array_new_with_free_func (g_free);
}
