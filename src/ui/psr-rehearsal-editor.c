/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-record.h"
#include "psr-rehearsal-editor.h"
#include "psr-rehearsal-player.h"
#include "psr-rehearsals.h"
#include "psr-rows.h"
#include "psr-scenario.h"
#include "psr-twee.h"
#include "psr-window.h"

/* The rehearsal of a scenario, for its authors: the situations and endings
 * on the side, the one selected beside them with its choices. Everything
 * is saved as it is typed, after a pause, and before anything else
 * happens. */

/* Saving waits for a pause in typing, so that a word is one change. */
#define SAVE_DELAY_MS 400

/* The widgets of one choice of the node shown. */
typedef struct
{
  gint64       id;
  gboolean     dirty;
  AdwExpanderRow *row;
  GtkTextView *text_view;
  GtkTextView *feedback_view;
  AdwComboRow *target_row;
  GArray      *targets;  /* gint64: the node of each item of the combo, 0 for none */
} ChoiceRow;

struct _PsrRehearsalEditor
{
  AdwWindow       parent_instance;

  PsrDatabase    *database;
  gint64          scenario_id;
  char           *scenario_title;
  GPtrArray      *nodes;        /* PsrRehearsalNode, as last listed */
  gint64          node_id;      /* the node shown, or 0 */
  gboolean        node_dirty;
  GPtrArray      *choice_rows;  /* ChoiceRow */
  gboolean        filling;
  guint           save_source;

  AdwWindowTitle *window_title;
  GtkWidget      *back_button;
  GtkWidget      *add_button;
  AdwToastOverlay *toast_overlay;
  GtkStack       *stack;
  AdwLeaflet     *leaflet;
  GtkWidget      *sidebar;
  GtkWidget      *content;
  GtkListBox     *nodes_list;
  GtkWidget      *checks_title;
  GtkListBox     *checks_list;
  AdwPreferencesGroup *node_group;
  AdwEntryRow    *name_row;
  GtkTextView    *text_view;
  GtkWidget      *debrief_group;
  GtkTextView    *debrief_view;
  GtkWidget      *choices_group;
  GtkListBox     *choices_list;
};

G_DEFINE_FINAL_TYPE (PsrRehearsalEditor, psr_rehearsal_editor, ADW_TYPE_WINDOW)

static void fill_nodes  (PsrRehearsalEditor *self);
static void show_node   (PsrRehearsalEditor *self,
                         gint64              node_id);

static void
choice_row_free (ChoiceRow *row)
{
  g_array_unref (row->targets);
  g_free (row);
}

static void
toast (PsrRehearsalEditor *self,
       const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* A refusal of the store, read in a toast, as in the main window. */
static void
show_error (PsrRehearsalEditor *self,
            const GError       *error)
{
  g_debug ("%s", error->message);
  toast (self, error->message);
}

static char *
get_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static PsrRehearsalNode *
find_node (PsrRehearsalEditor *self,
           gint64              id)
{
  for (guint i = 0; self->nodes != NULL && i < self->nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (self->nodes, i);

      if (node->id == id)
        return node;
    }

  return NULL;
}

/* Saving ------------------------------------------------------------------- */

static char *
describe_target (PsrRehearsalEditor *self,
                 gint64              target_id)
{
  PsrRehearsalNode *target = find_node (self, target_id);

  if (target == NULL)
    return g_strdup (_("Leads nowhere yet"));

  /* Translators: where a choice of the rehearsal leads. */
  return g_strdup_printf (_("Leads to “%s”"), target->name);
}

static gint64
selected_target (ChoiceRow *row)
{
  guint selected = adw_combo_row_get_selected (row->target_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= row->targets->len)
    return 0;

  return g_array_index (row->targets, gint64, selected);
}

static void
update_choice_titles (PsrRehearsalEditor *self,
                      ChoiceRow          *row)
{
  g_autofree char *leads = describe_target (self, selected_target (row));

  g_autofree char *text = get_buffer_text (row->text_view);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), text);
  adw_expander_row_set_subtitle (row->row, leads);
}

static void
fill_checks (PsrRehearsalEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = psr_rehearsal_check (self->database, self->scenario_id, &error);

  if (checks == NULL)
    {
      show_error (self, error);
      return;
    }

  psr_rows_show_checks (self->checks_list, checks,
                        _("Every situation can be reached and leads on"));
}

gboolean
psr_rehearsal_editor_save (PsrRehearsalEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (PSR_IS_REHEARSAL_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->node_dirty && self->node_id != 0)
    {
      g_autofree char *text = get_buffer_text (self->text_view);
      g_autofree char *debrief = get_buffer_text (self->debrief_view);

      self->node_dirty = FALSE;
      ok = psr_rehearsal_node_set (self->database, self->node_id,
                                   gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                   text, debrief, &error);
      changed = TRUE;
    }

  for (guint i = 0; ok && self->choice_rows != NULL && i < self->choice_rows->len; i++)
    {
      ChoiceRow *row = g_ptr_array_index (self->choice_rows, i);

      if (!row->dirty)
        continue;

      {
        g_autofree char *text = get_buffer_text (row->text_view);
        g_autofree char *feedback = get_buffer_text (row->feedback_view);

        row->dirty = FALSE;
        ok = psr_rehearsal_choice_set (self->database, row->id, text, feedback,
                                       selected_target (row), &error);
      }
      changed = TRUE;
    }

  if (!ok)
    show_error (self, error);

  if (changed)
    {
      /* The names changed in the side list, not the node being typed in. */
      fill_nodes (self);
      fill_checks (self);
      for (guint i = 0; self->choice_rows != NULL && i < self->choice_rows->len; i++)
        update_choice_titles (self, g_ptr_array_index (self->choice_rows, i));
    }

  return ok;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PsrRehearsalEditor *self = user_data;

  self->save_source = 0;
  psr_rehearsal_editor_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (PsrRehearsalEditor *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
node_changed_cb (PsrRehearsalEditor *self)
{
  if (self->filling)
    return;

  self->node_dirty = TRUE;
  schedule_save (self);
}

static void
choice_changed_cb (GObject            *widget,
                   PsrRehearsalEditor *self)
{
  ChoiceRow *row = g_object_get_data (widget, "choice-row");

  if (self->filling || row == NULL)
    return;

  row->dirty = TRUE;
  if (ADW_IS_COMBO_ROW (widget))
    /* A pick from a list is one change: no typing to wait for. */
    psr_rehearsal_editor_save (self);
  else
    schedule_save (self);
}

/* Showing ------------------------------------------------------------------ */

/* Shows @node in @row, a row of the side list. */
static void
set_node_row (GtkWidget        *row,
              PsrRehearsalNode *node)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "icon");
  gboolean ending = node->kind == PSR_REHEARSAL_ENDING;
  const char *kind = node->is_start ? _("Situation · Start")
                                    : ending ? _("Ending") : _("Situation");

  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                node->is_start ? "media-playback-start-symbolic"
                                : ending ? "emoji-flags-symbolic" : "chat-message-new-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  if (node->is_start)
    {
      gtk_widget_add_css_class (icon, "accent");
      gtk_widget_remove_css_class (icon, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_remove_css_class (icon, "accent");
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), node->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind);
}

static GtkWidget *
create_node_row (PsrRehearsalNode *node)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data_full (G_OBJECT (row), "node-id", g_memdup2 (&node->id, sizeof node->id),
                          g_free);
  set_node_row (row, node);
  return row;
}

static gint64
row_node_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "node-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
update_actions (PsrRehearsalEditor *self)
{
  PsrRehearsalNode *node = find_node (self, self->node_id);
  gboolean has_nodes = self->nodes != NULL && self->nodes->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.play", has_nodes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.export", has_nodes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.set-start",
                                 node != NULL && !node->is_start
                                 && node->kind == PSR_REHEARSAL_SITUATION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.make-ending",
                                 node != NULL && !node->is_start
                                 && node->kind == PSR_REHEARSAL_SITUATION);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.make-situation",
                                 node != NULL && node->kind == PSR_REHEARSAL_ENDING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.move-node-up",
                                 node != NULL && node->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.move-node-down",
                                 node != NULL && node->position + 1 < self->nodes->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.remove-node", node != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rehearsal.add-choice",
                                 node != NULL && node->kind == PSR_REHEARSAL_SITUATION);
}

/* Whether the side list shows @nodes, in their order. */
static gboolean
shows_nodes (PsrRehearsalEditor *self,
             GPtrArray          *nodes)
{
  GtkListBoxRow *row;
  guint i = 0;

  for (; (row = gtk_list_box_get_row_at_index (self->nodes_list, i)) != NULL; i++)
    if (i >= nodes->len
        || row_node_id (row) != ((PsrRehearsalNode *) g_ptr_array_index (nodes, i))->id)
      return FALSE;

  return i == nodes->len;
}

/* The side list, as the store has it, with the node shown selected. Rows
 * are changed in place when the same nodes are there in the same order:
 * the row the keyboard is on stays. */
static void
fill_nodes (PsrRehearsalEditor *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *nodes = psr_rehearsal_list_nodes (self->database, self->scenario_id, &error);
  gboolean same = FALSE;

  if (nodes == NULL)
    {
      show_error (self, error);
      return;
    }

  same = shows_nodes (self, nodes);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  self->nodes = nodes;

  self->filling = TRUE;
  if (!same)
    psr_rows_clear (self->nodes_list);
  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);
      GtkWidget *row;

      if (same)
        {
          row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->nodes_list, i));
          set_node_row (row, node);
        }
      else
        {
          row = create_node_row (node);
          gtk_list_box_append (self->nodes_list, row);
        }
      if (node->id == self->node_id)
        gtk_list_box_select_row (self->nodes_list, GTK_LIST_BOX_ROW (row));
    }
  self->filling = FALSE;

  gtk_stack_set_visible_child_name (self->stack, nodes->len > 0 ? "edit" : "empty");
  update_actions (self);
}

/* A row of a choice for a text that may run over several lines, with its
 * title above it. */
static GtkWidget *
create_text_row (const char   *title,
                 const char   *text,
                 GtkTextView **view)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (title);

  *view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (*view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (*view, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (*view), text, -1);
  gtk_widget_add_css_class (GTK_WIDGET (*view), "rehearsal-field");
  gtk_accessible_update_property (GTK_ACCESSIBLE (*view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*view));
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* The names of the other nodes, for a choice to lead to; the choice's own
 * node only when it already leads there. */
static GtkWidget *
create_choice_row (PsrRehearsalEditor *self,
                   PsrRehearsalChoice *choice)
{
  ChoiceRow *row = g_new0 (ChoiceRow, 1);
  GtkWidget *text_row;
  GtkWidget *feedback_row;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *menu = gtk_menu_button_new ();
  g_autoptr(GMenu) model = g_menu_new ();
  const gint64 nowhere = 0;
  guint selected = 0;
  struct { const char *label; const char *action; } items[] = {
    { N_("Move _Up"), "rehearsal.move-choice-up" },
    { N_("Move _Down"), "rehearsal.move-choice-down" },
    { N_("_Remove"), "rehearsal.remove-choice" },
  };

  row->id = choice->id;
  row->targets = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (names, _("Nowhere Yet"));
  g_array_append_val (row->targets, nowhere);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (self->nodes, i);

      if (node->id == self->node_id && node->id != choice->target_id)
        continue;
      if (node->id == choice->target_id)
        selected = row->targets->len;
      gtk_string_list_append (names, node->name);
      g_array_append_val (row->targets, node->id);
    }

  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);

  text_row = create_text_row (_("Choice"), choice->text, &row->text_view);
  feedback_row = create_text_row (_("Feedback"), choice->feedback, &row->feedback_view);

  row->target_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->target_row), _("Leads To"));
  adw_combo_row_set_model (row->target_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row->target_row, selected);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_int64 (choice->id));
      g_menu_append_item (model, item);
    }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), G_MENU_MODEL (model));
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_set_tooltip_text (menu, _("Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Actions"), -1);
  adw_expander_row_add_action (row->row, menu);

  adw_expander_row_add_row (row->row, text_row);
  adw_expander_row_add_row (row->row, feedback_row);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->target_row));

  g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (row->text_view)), "choice-row", row);
  g_object_set_data (G_OBJECT (gtk_text_view_get_buffer (row->feedback_view)), "choice-row", row);
  g_object_set_data (G_OBJECT (row->target_row), "choice-row", row);
  g_signal_connect_object (gtk_text_view_get_buffer (row->text_view), "changed",
                           G_CALLBACK (choice_changed_cb), self, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (row->feedback_view), "changed",
                           G_CALLBACK (choice_changed_cb), self, 0);
  g_signal_connect_object (row->target_row, "notify::selected", G_CALLBACK (choice_changed_cb),
                           self, 0);

  g_ptr_array_add (self->choice_rows, row);
  update_choice_titles (self, row);
  return GTK_WIDGET (row->row);
}

static void
fill_choices (PsrRehearsalEditor *self,
              gint64              expanded_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = psr_rehearsal_list_choices (self->database, self->node_id,
                                                             &error);

  g_ptr_array_set_size (self->choice_rows, 0);
  psr_rows_clear (self->choices_list);
  if (choices == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < choices->len; i++)
    {
      PsrRehearsalChoice *choice = g_ptr_array_index (choices, i);
      GtkWidget *row = create_choice_row (self, choice);

      gtk_list_box_append (self->choices_list, row);
      if (choice->id == expanded_id)
        {
          ChoiceRow *widgets = g_ptr_array_index (self->choice_rows, i);

          GtkTextBuffer *buffer = gtk_text_view_get_buffer (widgets->text_view);
          GtkTextIter start, end;

          /* A new choice: its text is typed over the placeholder one. */
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (widgets->text_view));
          gtk_text_buffer_get_bounds (buffer, &start, &end);
          gtk_text_buffer_select_range (buffer, &start, &end);
        }
    }
}

static void
show_node_choices (PsrRehearsalEditor *self,
                   gint64              expanded_id)
{
  self->filling = TRUE;
  fill_choices (self, expanded_id);
  self->filling = FALSE;
}

/* Shows the node @node_id in the form, once what was typed is saved. */
static void
show_node (PsrRehearsalEditor *self,
           gint64              node_id)
{
  PsrRehearsalNode *node;

  psr_rehearsal_editor_save (self);
  self->node_id = node_id;
  fill_nodes (self);
  node = find_node (self, node_id);
  if (node == NULL && self->nodes != NULL && self->nodes->len > 0)
    {
      self->node_id = ((PsrRehearsalNode *) g_ptr_array_index (self->nodes, 0))->id;
      fill_nodes (self);
      node = find_node (self, self->node_id);
    }
  if (node == NULL)
    {
      self->node_id = 0;
      g_ptr_array_set_size (self->choice_rows, 0);
      update_actions (self);
      fill_checks (self);
      return;
    }

  self->filling = TRUE;
  adw_preferences_group_set_title (self->node_group, node->kind == PSR_REHEARSAL_ENDING
                                                       ? _("Ending") : _("Situation"));
  adw_preferences_group_set_description (self->node_group,
                                         node->is_start ? _("The rehearsal starts here.") : NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), node->name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), node->text, -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->debrief_view), node->debrief, -1);
  gtk_widget_set_visible (self->debrief_group, node->kind == PSR_REHEARSAL_ENDING
                                               || *node->debrief != '\0');
  fill_choices (self, 0);
  /* Choices are for situations; an ending shows those it was given elsewhere. */
  gtk_widget_set_visible (self->choices_group, node->kind == PSR_REHEARSAL_SITUATION
                                               || self->choice_rows->len > 0);
  self->node_dirty = FALSE;
  self->filling = FALSE;

  update_actions (self);
  fill_checks (self);
}

static void
node_selected_cb (PsrRehearsalEditor *self,
                  GtkListBoxRow      *row)
{
  gint64 id = row_node_id (row);

  if (self->filling || id == 0 || id == self->node_id)
    return;

  show_node (self, id);
}

static void
node_activated_cb (PsrRehearsalEditor *self,
                   GtkListBoxRow      *row)
{
  node_selected_cb (self, row);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
back_clicked_cb (PsrRehearsalEditor *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
leaflet_changed_cb (PsrRehearsalEditor *self)
{
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet)
                          && adw_leaflet_get_visible_child (self->leaflet) == self->content);
}

/* Nodes -------------------------------------------------------------------- */

/* "Situation 3": the first number no node is called by yet. */
static char *
new_node_name (PsrRehearsalEditor *self,
               PsrRehearsalKind    kind)
{
  for (guint n = (self->nodes != NULL ? self->nodes->len : 0) + 1;; n++)
    {
      g_autofree char *name = kind == PSR_REHEARSAL_ENDING
                                /* Translators: the name of a new ending, until the author
                                 * renames it. */
                                ? g_strdup_printf (_("Ending %u"), n)
                                /* Translators: the name of a new situation, until the
                                 * author renames it. */
                                : g_strdup_printf (_("Situation %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; !taken && self->nodes != NULL && i < self->nodes->len; i++)
        taken = g_str_equal (((PsrRehearsalNode *) g_ptr_array_index (self->nodes, i))->name,
                             name);
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
add_node (PsrRehearsalEditor *self,
          PsrRehearsalKind    kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (!psr_rehearsal_editor_save (self))
    return;

  name = new_node_name (self, kind);
  id = psr_rehearsal_node_add (self->database, self->scenario_id, kind, name, &error);
  if (id == 0)
    {
      show_error (self, error);
      return;
    }

  show_node (self, id);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* A new node is named first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
add_situation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  add_node (PSR_REHEARSAL_EDITOR (widget), PSR_REHEARSAL_SITUATION);
}

static void
add_ending_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  add_node (PSR_REHEARSAL_EDITOR (widget), PSR_REHEARSAL_ENDING);
}

static void
set_start_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_rehearsal_editor_save (self))
    return;

  if (!psr_rehearsal_node_set_start (self->database, self->node_id, &error))
    show_error (self, error);
  show_node (self, self->node_id);
}

static void
set_kind (PsrRehearsalEditor *self,
          PsrRehearsalKind    kind)
{
  g_autoptr(GError) error = NULL;

  if (!psr_rehearsal_editor_save (self))
    return;

  if (!psr_rehearsal_node_set_kind (self->database, self->node_id, kind, &error))
    show_error (self, error);
  show_node (self, self->node_id);
}

static void
make_ending_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_kind (PSR_REHEARSAL_EDITOR (widget), PSR_REHEARSAL_ENDING);
}

static void
make_situation_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  set_kind (PSR_REHEARSAL_EDITOR (widget), PSR_REHEARSAL_SITUATION);
}

static void
move_node (PsrRehearsalEditor *self,
           int                 delta)
{
  g_autoptr(GError) error = NULL;
  PsrRehearsalNode *node;

  if (!psr_rehearsal_editor_save (self) || (node = find_node (self, self->node_id)) == NULL)
    return;

  if ((int) node->position + delta < 0)
    return;

  if (!psr_rehearsal_node_move (self->database, node->id, node->position + delta, &error))
    show_error (self, error);
  fill_nodes (self);
  update_actions (self);
}

static void
move_node_up_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_node (PSR_REHEARSAL_EDITOR (widget), -1);
}

static void
move_node_down_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_node (PSR_REHEARSAL_EDITOR (widget), 1);
}

static void
remove_node_response_cb (AdwMessageDialog   *dialog,
                         const char         *response,
                         PsrRehearsalEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "node-id"));

  if (!g_str_equal (response, "remove"))
    return;

  if (!psr_rehearsal_node_remove (self->database, id, &error))
    show_error (self, error);
  if (self->node_id == id)
    self->node_id = 0;
  show_node (self, self->node_id);
}

static void
remove_node_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (widget);
  PsrRehearsalNode *node;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (!psr_rehearsal_editor_save (self) || (node = find_node (self, self->node_id)) == NULL)
    return;

  heading = g_strdup_printf (_("Remove “%s”?"), node->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its choices go with it, and the choices leading to it will "
                                     "lead nowhere until you choose where."));
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "remove", _("_Remove"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "node-id", GSIZE_TO_POINTER ((gsize) node->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_node_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Choices ------------------------------------------------------------------ */

static void
add_choice_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!psr_rehearsal_editor_save (self))
    return;

  id = psr_rehearsal_choice_add (self->database, self->node_id, _("New choice"), 0, &error);
  if (id == 0)
    {
      show_error (self, error);
      return;
    }

  show_node_choices (self, id);
  fill_checks (self);
}

static void
change_choice (PsrRehearsalEditor *self,
               GVariant           *parameter,
               int                 delta)
{
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);
  gboolean ok = TRUE;

  if (!psr_rehearsal_editor_save (self))
    return;

  for (guint i = 0; i < self->choice_rows->len; i++)
    {
      ChoiceRow *row = g_ptr_array_index (self->choice_rows, i);

      if (row->id != id)
        continue;
      if (delta == 0)
        ok = psr_rehearsal_choice_remove (self->database, id, &error);
      else if ((int) i + delta >= 0)
        ok = psr_rehearsal_choice_move (self->database, id, i + delta, &error);
      break;
    }

  if (!ok)
    show_error (self, error);
  show_node_choices (self, 0);
  fill_checks (self);
}

static void
move_choice_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  change_choice (PSR_REHEARSAL_EDITOR (widget), parameter, -1);
}

static void
move_choice_down_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  change_choice (PSR_REHEARSAL_EDITOR (widget), parameter, 1);
}

static void
remove_choice_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  change_choice (PSR_REHEARSAL_EDITOR (widget), parameter, 0);
}

/* Twine -------------------------------------------------------------------- */

static void
import_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    PsrRehearsalEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (!psr_twee_import_file (self->database, self->scenario_id, file, &error))
    {
      /* The line to fix is too long a read for a toast. */
      psr_show_message (GTK_WIDGET (self), _("The Rehearsal Could Not Be Imported"),
                        error->message);
      return;
    }

  self->node_id = 0;
  show_node (self, 0);
  toast (self, _("Rehearsal imported from Twine"));
}

static void
choose_import_file (PsrRehearsalEditor *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import a Rehearsal from Twine"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Twee Files"));
  gtk_file_filter_add_pattern (filter, "*.twee");
  gtk_file_filter_add_pattern (filter, "*.tw");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
replace_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     PsrRehearsalEditor *self)
{
  if (g_str_equal (response, "replace"))
    choose_import_file (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (widget);
  GtkWidget *dialog;

  if (!psr_rehearsal_editor_save (self))
    return;

  if (self->nodes == NULL || self->nodes->len == 0)
    {
      choose_import_file (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Rehearsal?"),
                                   _("Importing a story from Twine replaces every situation, "
                                     "ending and choice of this rehearsal."));
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "replace", _("_Replace…"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    PsrRehearsalEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) output = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
  if (output == NULL
      || !psr_twee_export (self->database, self->scenario_id, G_OUTPUT_STREAM (output), &error)
      || !g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error))
    {
      psr_show_message (GTK_WIDGET (self), _("The Rehearsal Could Not Be Exported"),
                        error->message);
      return;
    }

  toast (self, _("Rehearsal exported for Twine"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!psr_rehearsal_editor_save (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Rehearsal to Twine"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  /* Translators: the file name proposed for a rehearsal, from its scenario's title. */
  name = g_strdup_printf (_("%s.twee"), self->scenario_title != NULL ? self->scenario_title
                                                                     : _("Rehearsal"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (widget);

  if (psr_rehearsal_editor_save (self))
    psr_rehearsal_player_present (widget, self->database, self->scenario_id);
}

/* The window ------------------------------------------------------------------ */

static gboolean
psr_rehearsal_editor_close_request (GtkWindow *window)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (window);

  /* On leaving, what was typed is saved; a refusal was shown in the
   * window, which goes anyway. */
  if (self->database != NULL)
    psr_rehearsal_editor_save (self);

  if (GTK_WINDOW_CLASS (psr_rehearsal_editor_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (psr_rehearsal_editor_parent_class)->close_request (window);

  return FALSE;
}

PsrRehearsalEditor *
psr_rehearsal_editor_new (PsrDatabase *db,
                          gint64       scenario_id)
{
  PsrRehearsalEditor *self;
  g_autoptr(PsrRecord) scenario = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  self = g_object_new (PSR_TYPE_REHEARSAL_EDITOR, NULL);
  self->database = g_object_ref (db);
  self->scenario_id = scenario_id;

  scenario = psr_record_load (db, PSR_TYPE_SCENARIO, scenario_id, NULL);
  if (scenario != NULL)
    {
      self->scenario_title = g_strdup (psr_record_get_title (scenario));
      adw_window_title_set_subtitle (self->window_title, self->scenario_title);
    }

  show_node (self, 0);
  return self;
}

void
psr_rehearsal_editor_present (GtkWidget   *parent,
                              PsrDatabase *db,
                              gint64       scenario_id)
{
  PsrRehearsalEditor *self = psr_rehearsal_editor_new (db, scenario_id);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}

static void
psr_rehearsal_editor_dispose (GObject *object)
{
  PsrRehearsalEditor *self = PSR_REHEARSAL_EDITOR (object);

  /* Destroyed without closing, as when the application quits. */
  if (self->save_source != 0 && self->database != NULL)
    psr_rehearsal_editor_save (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_REHEARSAL_EDITOR);
  g_clear_pointer (&self->choice_rows, g_ptr_array_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_pointer (&self->scenario_title, g_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_rehearsal_editor_parent_class)->dispose (object);
}

static void
psr_rehearsal_editor_class_init (PsrRehearsalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const struct {
    const char *name;
    const char *parameter;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "rehearsal.add-situation", NULL, add_situation_action },
    { "rehearsal.add-ending", NULL, add_ending_action },
    { "rehearsal.set-start", NULL, set_start_action },
    { "rehearsal.make-ending", NULL, make_ending_action },
    { "rehearsal.make-situation", NULL, make_situation_action },
    { "rehearsal.move-node-up", NULL, move_node_up_action },
    { "rehearsal.move-node-down", NULL, move_node_down_action },
    { "rehearsal.remove-node", NULL, remove_node_action },
    { "rehearsal.add-choice", NULL, add_choice_action },
    { "rehearsal.move-choice-up", "x", move_choice_up_action },
    { "rehearsal.move-choice-down", "x", move_choice_down_action },
    { "rehearsal.remove-choice", "x", remove_choice_action },
    { "rehearsal.import", NULL, import_action },
    { "rehearsal.export", NULL, export_action },
    { "rehearsal.play", NULL, play_action },
  };

  object_class->dispose = psr_rehearsal_editor_dispose;
  window_class->close_request = psr_rehearsal_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-rehearsal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, content);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, nodes_list);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, checks_title);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, checks_list);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, node_group);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, debrief_group);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, debrief_view);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, choices_group);
  gtk_widget_class_bind_template_child (widget_class, PsrRehearsalEditor, choices_list);
  gtk_widget_class_bind_template_callback (widget_class, node_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter,
                                     actions[i].activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psr_rehearsal_editor_init (PsrRehearsalEditor *self)
{
  GtkWidget *placeholder = gtk_label_new (_("No choices yet: add what the trainee can do"));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->choice_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_row_free);

  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->choices_list, placeholder);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (node_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->debrief_view), "changed",
                            G_CALLBACK (node_changed_cb), self);
}
