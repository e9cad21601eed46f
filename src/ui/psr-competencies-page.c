/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-competencies-page.h"
#include "psr-competencies.h"
#include "psr-error.h"
#include "psr-framework.h"
#include "psr-moodle-csv.h"
#include "psr-translation-editor.h"
#include "psr-window.h"

/* The competency framework as a tree: fields, competencies, observable
 * indicators. Reordered by drag and drop or Alt+Up/Down. */
struct _PsrCompetenciesPage
{
  AdwBin              parent_instance;

  PsrDatabase        *database;
  GListModel         *frameworks;
  gint64              framework_id;

  GtkDropDown        *framework_dropdown;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (PsrCompetenciesPage, psr_competencies_page, ADW_TYPE_BIN)

static void rebuild_tree (PsrCompetenciesPage *self,
                          gint64               select_id);

static GtkWindow *
get_window (PsrCompetenciesPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

/* The selected node, or NULL. */
static PsrCompetency *
get_selected (PsrCompetenciesPage *self)
{
  GtkTreeListRow *row;

  if (self->selection == NULL)
    return NULL;

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;

  return gtk_tree_list_row_get_item (row);
}

static void
update_actions (PsrCompetenciesPage *self)
{
  g_autoptr(PsrCompetency) node = get_selected (self);
  gboolean has_framework = self->framework_id != 0;
  gboolean has_node = node != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.add", has_framework);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.export", has_framework);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.scale", has_framework);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.edit", has_node);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.move-up",
                                 has_node && psr_competency_get_position (node) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.move-down", has_node);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.translate", has_node);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.archive", has_node);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "competencies.delete", has_node);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  PsrCompetenciesPage *self = user_data;
  PsrCompetency *node = item;
  g_autoptr(GError) error = NULL;
  GListModel *children;

  if (psr_competency_get_n_children (node) == 0)
    return NULL;

  children = psr_competency_list_children (self->database, self->framework_id,
                                           psr_record_get_id (PSR_RECORD (node)), &error);
  if (children == NULL)
    g_warning ("Could not list the children of a competency: %s", error->message);
  return children;
}

static void
select_id (PsrCompetenciesPage *self,
           gint64               id)
{
  GListModel *rows = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(PsrRecord) node = gtk_tree_list_row_get_item (row);

      if (psr_record_get_id (node) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

static void
selection_changed_cb (PsrCompetenciesPage *self)
{
  update_actions (self);
}

/* Every branch open: a framework holds a few hundred nodes at most, and
 * keeping it open keeps the place after each change. */
static void
rebuild_tree (PsrCompetenciesPage *self,
              gint64               select)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) root = NULL;
  GtkTreeListModel *tree;

  if (self->framework_id == 0)
    return;

  if (*text != '\0')
    root = psr_competency_search (self->database, self->framework_id, text, &error);
  else
    root = psr_competency_list_children (self->database, self->framework_id, 0, &error);

  if (root == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* Search results stand alone, without their subtrees. */
  tree = gtk_tree_list_model_new (g_steal_pointer (&root), FALSE, TRUE,
                                  *text != '\0' ? NULL : create_children_cb, self, NULL);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_set_object (&self->selection, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  if (select != 0)
    select_id (self, select);

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (tree)) > 0
                                      ? "list" : "no-results");
  update_actions (self);
}

static void
framework_selected_cb (PsrCompetenciesPage *self)
{
  g_autoptr(PsrRecord) framework = NULL;
  guint position = gtk_drop_down_get_selected (self->framework_dropdown);

  if (self->frameworks == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  framework = g_list_model_get_item (self->frameworks, position);
  if (framework == NULL || psr_record_get_id (framework) == self->framework_id)
    return;

  self->framework_id = psr_record_get_id (framework);
  rebuild_tree (self, 0);
}

static void
search_changed_cb (PsrCompetenciesPage *self)
{
  rebuild_tree (self, 0);
}

/* Reloads the frameworks, keeping @framework_id selected when given. */
static void
reload_frameworks (PsrCompetenciesPage *self,
                   gint64               framework_id)
{
  g_autoptr(GError) error = NULL;
  GtkStack *stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  guint n;

  g_clear_object (&self->frameworks);
  self->frameworks = psr_framework_list (self->database, &error);
  if (self->frameworks == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  n = g_list_model_get_n_items (self->frameworks);
  gtk_stack_set_visible_child_name (stack, n > 0 ? "tree" : "empty");
  self->framework_id = 0;
  update_actions (self);
  if (n == 0)
    return;

  gtk_drop_down_set_model (self->framework_dropdown, self->frameworks);
  /* A choice only makes sense when there is one. */
  gtk_widget_set_visible (GTK_WIDGET (self->framework_dropdown), n > 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PsrRecord) framework = g_list_model_get_item (self->frameworks, i);

      if (framework_id == 0 || psr_record_get_id (framework) == framework_id)
        {
          self->framework_id = psr_record_get_id (framework);
          gtk_drop_down_set_selected (self->framework_dropdown, i);
          break;
        }
    }

  rebuild_tree (self, 0);
}

void
psr_competencies_page_reload (PsrCompetenciesPage *self)
{
  g_return_if_fail (PSR_IS_COMPETENCIES_PAGE (self));

  if (self->database != NULL)
    reload_frameworks (self, self->framework_id);
}

void
psr_competencies_page_set_database (PsrCompetenciesPage *self,
                                    PsrDatabase         *database)
{
  g_return_if_fail (PSR_IS_COMPETENCIES_PAGE (self));

  if (g_set_object (&self->database, database))
    reload_frameworks (self, 0);
}

/* Rows ------------------------------------------------------------------- */

static PsrCompetency *
node_of_list_item (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  g_autoptr(PsrCompetency) node = node_of_list_item (list_item);

  if (node == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64, psr_record_get_id (PSR_RECORD (node)));
}

/* A node dropped on one of its kind takes its place; dropped on a node of
 * the level above, it goes last inside it. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (gtk_widget_get_ancestor (
    widget, PSR_TYPE_COMPETENCIES_PAGE));
  g_autoptr(PsrCompetency) destination = node_of_list_item (list_item);
  g_autoptr(PsrRecord) dragged = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dragged_id = g_value_get_int64 (value);
  gint64 parent_id;
  guint position;

  if (destination == NULL || dragged_id == psr_record_get_id (PSR_RECORD (destination)))
    return FALSE;

  dragged = psr_record_load (self->database, PSR_TYPE_COMPETENCY, dragged_id, &error);
  if (dragged == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  if (psr_competency_get_kind (PSR_COMPETENCY (dragged)) == psr_competency_get_kind (destination))
    {
      parent_id = psr_competency_get_parent_id (destination);
      position = psr_competency_get_position (destination);
    }
  else if (psr_competency_get_kind (PSR_COMPETENCY (dragged))
           == psr_competency_get_kind (destination) + 1)
    {
      parent_id = psr_record_get_id (PSR_RECORD (destination));
      position = G_MAXUINT;
    }
  else
    {
      return FALSE;
    }

  if (!psr_competency_move (self->database, dragged_id, parent_id, position, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  rebuild_tree (self, dragged_id);
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (_("Archived"));
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_yalign (GTK_LABEL (code), 0);
  gtk_label_set_width_chars (GTK_LABEL (code), 5);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Indicators are whole sentences: two lines before they are cut. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "dim-label");

  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  g_object_set_data (G_OBJECT (expander), "code", code);
  g_object_set_data (G_OBJECT (expander), "title", title);
  g_object_set_data (G_OBJECT (expander), "tag", tag);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));

  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  g_autoptr(PsrCompetency) node = node_of_list_item (list_item);
  GtkWidget *title = g_object_get_data (G_OBJECT (expander), "title");
  g_autofree char *name = NULL;
  const char *description;

  if (node == NULL)
    return;

  description = psr_competency_get_description (node);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), gtk_list_item_get_item (list_item));
  gtk_label_set_text (g_object_get_data (G_OBJECT (expander), "code"),
                      psr_competency_get_code (node));
  gtk_label_set_text (GTK_LABEL (title), psr_record_get_title (PSR_RECORD (node)));
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (expander), "tag"),
                          psr_competency_get_archived (node));
  if (psr_competency_get_archived (node))
    gtk_widget_add_css_class (title, "dim-label");
  else
    gtk_widget_remove_css_class (title, "dim-label");
  /* Fields head their competencies. */
  if (psr_competency_get_kind (node) == PSR_COMPETENCY_FIELD)
    gtk_widget_add_css_class (title, "heading");
  else
    gtk_widget_remove_css_class (title, "heading");
  gtk_widget_set_tooltip_text (expander, *description != '\0' ? description : NULL);

  name = g_strdup_printf ("%s %s", psr_competency_get_code (node),
                          psr_record_get_title (PSR_RECORD (node)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
row_activated_cb (PsrCompetenciesPage *self,
                  guint                position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "competencies.edit", NULL);
}

/* Editing ------------------------------------------------------------------ */

typedef struct
{
  PsrCompetenciesPage *page;
  gint64               id;
  gint64               parent_id;
  AdwEntryRow         *code_row;
  AdwEntryRow         *title_row;
  GtkTextBuffer       *description;
} EditData;

static void
edit_data_free (gpointer  user_data,
                GClosure *closure)
{
  EditData *data = user_data;

  g_object_unref (data->page);
  g_free (data);
}

/* The dialog's answer stays unavailable while the title is blank. */
static void
title_changed_cb (AdwEntryRow      *row,
                  AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  adw_message_dialog_set_response_enabled (dialog,
                                           adw_message_dialog_get_default_response (dialog),
                                           *title != '\0');
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  EditData         *data)
{
  PsrCompetenciesPage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (data->title_row));
  GtkTextIter start, end;
  gint64 id = data->id;

  if (g_strcmp0 (response, "save") != 0)
    return;

  gtk_text_buffer_get_bounds (data->description, &start, &end);
  description = gtk_text_buffer_get_text (data->description, &start, &end, FALSE);

  if (id == 0)
    {
      g_autoptr(PsrRecord) created = NULL;

      id = psr_competency_add (self->database, self->framework_id, data->parent_id, title, &error);
      if (id != 0 && *description != '\0')
        {
          created = psr_record_load (self->database, PSR_TYPE_COMPETENCY, id, &error);
          if (created != NULL)
            psr_competency_update (self->database, id,
                                   psr_competency_get_code (PSR_COMPETENCY (created)), title,
                                   description, &error);
        }
    }
  else
    {
      psr_competency_update (self->database, id,
                             gtk_editable_get_text (GTK_EDITABLE (data->code_row)), title,
                             description, &error);
    }

  if (error != NULL)
    psr_show_error (GTK_WIDGET (self), error);

  rebuild_tree (self, id);
}

static AdwEntryRow *
add_entry_row (GtkListBox *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

static void
show_edit_dialog (PsrCompetenciesPage *self,
                  PsrCompetency       *node,
                  gint64               parent_id,
                  const char          *heading)
{
  EditData *data = g_new0 (EditData, 1);
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Description"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text_view = gtk_text_view_new ();

  data->page = g_object_ref (self);
  data->id = node != NULL ? psr_record_get_id (PSR_RECORD (node)) : 0;
  data->parent_id = parent_id;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  if (node != NULL)
    data->code_row = add_entry_row (GTK_LIST_BOX (list), _("Code"),
                                    psr_competency_get_code (node));
  data->title_row = add_entry_row (GTK_LIST_BOX (list), _("Title"),
                                   node != NULL ? psr_record_get_title (PSR_RECORD (node)) : "");
  gtk_box_append (GTK_BOX (box), list);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), text_view);
  gtk_box_append (GTK_BOX (box), label);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  data->description = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  if (node != NULL)
    gtk_text_buffer_set_text (data->description, psr_competency_get_description (node), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "save", node != NULL ? _("_Save") : _("_Add"),
                         ADW_RESPONSE_SUGGESTED);
  g_signal_connect (data->title_row, "changed", G_CALLBACK (title_changed_cb), dialog);
  title_changed_cb (data->title_row, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_data (dialog, "response", G_CALLBACK (edit_response_cb), data, edit_data_free,
                         0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (data->title_row));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(PsrCompetency) node = get_selected (self);
  gint64 parent_id = 0;
  PsrCompetencyKind kind = PSR_COMPETENCY_FIELD;

  /* Inside the selected field or competency; beside a selected indicator. */
  if (node != NULL && psr_competency_get_kind (node) != PSR_COMPETENCY_INDICATOR)
    {
      parent_id = psr_record_get_id (PSR_RECORD (node));
      kind = psr_competency_get_kind (node) + 1;
    }
  else if (node != NULL)
    {
      parent_id = psr_competency_get_parent_id (node);
      kind = PSR_COMPETENCY_INDICATOR;
    }

  show_edit_dialog (self, NULL, parent_id,
                    kind == PSR_COMPETENCY_FIELD ? _("New Field")
                    : kind == PSR_COMPETENCY_COMPETENCY ? _("New Competency")
                                                        : _("New Observable Indicator"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(PsrCompetency) node = get_selected (self);

  if (node != NULL)
    show_edit_dialog (self, node, psr_competency_get_parent_id (node),
                      psr_competency_get_kind (node) == PSR_COMPETENCY_FIELD ? _("Edit Field")
                      : psr_competency_get_kind (node) == PSR_COMPETENCY_COMPETENCY
                        ? _("Edit Competency")
                        : _("Edit Observable Indicator"));
}

static void
move_by (PsrCompetenciesPage *self,
         int                  offset)
{
  g_autoptr(PsrCompetency) node = get_selected (self);
  g_autoptr(GError) error = NULL;
  int position;

  if (node == NULL)
    return;

  position = (int) psr_competency_get_position (node) + offset;
  if (position < 0)
    return;

  if (!psr_competency_move (self->database, psr_record_get_id (PSR_RECORD (node)),
                            psr_competency_get_parent_id (node), position, &error))
    psr_show_error (GTK_WIDGET (self), error);

  rebuild_tree (self, psr_record_get_id (PSR_RECORD (node)));
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_by (PSR_COMPETENCIES_PAGE (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_by (PSR_COMPETENCIES_PAGE (widget), 1);
}

/* A field, a competency or an indicator: all are translated the same way. */
static void
translate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(PsrCompetency) node = get_selected (self);

  if (node != NULL)
    psr_translation_editor_present (widget, self->database, "competency",
                                    psr_record_get_uuid (PSR_RECORD (node)));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(PsrCompetency) node = get_selected (self);
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;

  if (!psr_competency_set_archived (self->database, psr_record_get_id (PSR_RECORD (node)),
                                    !psr_competency_get_archived (node), &error))
    psr_show_error (GTK_WIDGET (self), error);

  rebuild_tree (self, psr_record_get_id (PSR_RECORD (node)));
}

static void
refused_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     PsrCompetenciesPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));

  if (g_strcmp0 (response, "archive") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!psr_competency_set_archived (self->database, id, TRUE, &error))
        psr_show_error (GTK_WIDGET (self), error);
      rebuild_tree (self, id);
    }
}

/* Deletion refused because the node is in use: archiving is the way out. */
static void
offer_archive (PsrCompetenciesPage *self,
               gint64               id,
               const GError        *error)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), _("Cannot Delete"),
                                              error->message);

  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "archive", _("_Archive"),
                         ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (refused_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    PsrCompetenciesPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (psr_competency_delete (self->database, id, &error))
    rebuild_tree (self, 0);
  else if (g_error_matches (error, PSR_ERROR, PSR_ERROR_CONSTRAINT))
    offer_archive (self, id, error);
  else
    psr_show_error (GTK_WIDGET (self), error);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(PsrCompetency) node = get_selected (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (node == NULL)
    return;

  heading = g_strdup_printf (_("Delete “%s”?"), psr_record_get_title (PSR_RECORD (node)));
  dialog = adw_message_dialog_new (get_window (self), heading,
                                   psr_competency_get_n_children (node) > 0
                                     ? _("What it contains is deleted with it.")
                                     : NULL);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "id",
                     GSIZE_TO_POINTER (psr_record_get_id (PSR_RECORD (node))));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_framework_response_cb (AdwMessageDialog    *dialog,
                           const char          *response,
                           PsrCompetenciesPage *self)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (dialog), "row");
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (g_strcmp0 (response, "create") != 0)
    return;

  id = psr_framework_create (self->database, gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  if (id == 0)
    psr_show_error (GTK_WIDGET (self), error);
  else
    reload_frameworks (self, id);
}

static void
new_framework_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), _("New Framework"),
                                              _("It starts with a proficiency scale of four "
                                                "levels, the last two proficient."));
  GtkWidget *list = gtk_list_box_new ();
  AdwEntryRow *row = add_entry_row (GTK_LIST_BOX (list), _("Title"), "");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "create", _("C_reate"),
                         ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "row", row);
  g_signal_connect (row, "changed", G_CALLBACK (title_changed_cb), dialog);
  title_changed_cb (row, ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_framework_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Proficiency scale ---------------------------------------------------------- */

static void
scale_response_cb (AdwMessageDialog    *dialog,
                   const char          *response,
                   PsrCompetenciesPage *self)
{
  GPtrArray *levels = g_object_get_data (G_OBJECT (dialog), "levels");
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "rows");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  if (!psr_database_begin (self->database, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < levels->len; i++)
    {
      PsrScaleLevel *level = g_ptr_array_index (levels, i);
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkSwitch *proficient = g_object_get_data (G_OBJECT (row), "switch");

      if (!psr_scale_level_update (self->database, level->id,
                                   gtk_editable_get_text (GTK_EDITABLE (row)),
                                   gtk_switch_get_active (proficient), &error))
        {
          psr_database_rollback (self->database);
          psr_show_error (GTK_WIDGET (self), error);
          return;
        }
    }

  if (!psr_database_commit (self->database, &error))
    psr_show_error (GTK_WIDGET (self), error);
}

static void
scale_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = psr_framework_list_levels (self->database, self->framework_id,
                                                           &error);
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *dialog, *list;

  if (levels == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      g_ptr_array_unref (rows);
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < levels->len; i++)
    {
      PsrScaleLevel *level = g_ptr_array_index (levels, i);
      /* Translators: the title of a level of the proficiency scale. */
      g_autofree char *title = g_strdup_printf (_("Level %u"), level->position + 1);
      g_autofree char *switch_name = g_strdup_printf (_("Level %u is proficient"),
                                                      level->position + 1);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *proficient = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), level->name);
      gtk_switch_set_active (GTK_SWITCH (proficient), level->proficient);
      gtk_widget_set_valign (proficient, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (proficient, _("Proficient"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (proficient), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      switch_name, -1);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), proficient);
      g_object_set_data (G_OBJECT (row), "switch", proficient);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (rows, row);
    }

  dialog = adw_message_dialog_new (get_window (self), _("Proficiency Scale"),
                                   _("The levels trainees and trainers rate competencies on, "
                                     "lowest first. Switch on those that count as proficient."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "levels", g_steal_pointer (&levels),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (scale_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Moodle ------------------------------------------------------------------- */

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (object);
  g_autoptr(GError) error = NULL;
  gint64 *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (id == NULL)
    {
      psr_show_message (GTK_WIDGET (self), _("The Framework Could Not Be Imported"),
                        error->message);
      return;
    }

  reload_frameworks (self, *id);
  g_free (id);
  psr_toast (GTK_WIDGET (self), _("Framework imported"));
}

/* Reading and checking a file of up to 50 MiB is slow work: a thread does
 * it, on a connection of its own, in one transaction. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "database");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  gint64 id = 0;

  if (db != NULL)
    id = psr_moodle_csv_import_file (db, task_data, &error);

  if (id != 0)
    g_task_return_pointer (task, g_memdup2 (&id, sizeof id), g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Imports a framework exported from Moodle, off the main loop. */
void
psr_competencies_page_import_file (PsrCompetenciesPage *self,
                                   GFile               *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PSR_IS_COMPETENCIES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, import_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "database",
                          g_strdup (psr_database_get_path (self->database)), g_free);
  g_task_run_in_thread (task, import_thread);
}

static void
import_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    PsrCompetenciesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      psr_competencies_page_import_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Framework from Moodle"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PsrCompetenciesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    psr_show_message (GTK_WIDGET (self), _("The Framework Could Not Be Exported"), error->message);
  else
    psr_toast (GTK_WIDGET (self), _("Framework exported"));
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    PsrCompetenciesPage *self)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (!psr_moodle_csv_export (self->database, self->framework_id, output, &error)
          || !g_output_stream_close (output, NULL, &error))
        {
          psr_show_message (GTK_WIDGET (self), _("The Framework Could Not Be Exported"), error->message);
        }
      else
        {
          g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (
            G_MEMORY_OUTPUT_STREAM (output));

          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                               export_written_cb, g_object_ref (self));
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrCompetenciesPage *self = PSR_COMPETENCIES_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autoptr(PsrRecord) framework = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  framework = psr_record_load (self->database, PSR_TYPE_FRAMEWORK, self->framework_id, NULL);
  chooser = gtk_file_chooser_native_new (_("Export the Framework for Moodle"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.csv", framework != NULL ? psr_record_get_title (framework)
                                                      : "framework");
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
psr_competencies_page_dispose (GObject *object)
{
  PsrCompetenciesPage *self = (PsrCompetenciesPage *)object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_COMPETENCIES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->frameworks);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_competencies_page_parent_class)->dispose (object);
}

static void
psr_competencies_page_class_init (PsrCompetenciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_competencies_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-competencies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrCompetenciesPage, framework_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PsrCompetenciesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsrCompetenciesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PsrCompetenciesPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, framework_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "competencies.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "competencies.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "competencies.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "competencies.move-down", NULL,
                                   move_down_action);
  gtk_widget_class_install_action (widget_class, "competencies.translate", NULL,
                                   translate_action);
  gtk_widget_class_install_action (widget_class, "competencies.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "competencies.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "competencies.new-framework", NULL,
                                   new_framework_action);
  gtk_widget_class_install_action (widget_class, "competencies.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "competencies.scale", NULL, scale_action);
  gtk_widget_class_install_action (widget_class, "competencies.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "competencies.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "competencies.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "competencies.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "competencies.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "competencies.delete",
                                       NULL);
}

static void
psr_competencies_page_init (PsrCompetenciesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) title = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  title = gtk_property_expression_new (PSR_TYPE_RECORD, NULL, "title");
  gtk_drop_down_set_expression (self->framework_dropdown, title);

  update_actions (self);
}
