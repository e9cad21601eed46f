/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-format.h"
#include "psr-translation-editor.h"
#include "psr-translations.h"
#include "psr-window.h"

/* The translation of one record into one language at a time, saved as it
 * is typed. The original stays above each field, so that a translator
 * never loses sight of it; the fields are stacked, which reads the same at
 * every width. */

/* Saving waits for a pause in typing, as in the scenario editor. */
#define SAVE_DELAY_MS 400

typedef struct
{
  const PsrTranslatableField *field;
  GtkWidget                  *original;  /* GtkLabel */
  GtkWidget                  *editor;    /* GtkEntry, or GtkTextView for a long text */
  gboolean                    dirty;
} FieldRow;

struct _PsrTranslationEditor
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *language_row;
  GtkBox          *fields_box;

  PsrDatabase     *database;
  char            *kind;
  char            *uuid;
  char            *original_language;
  GPtrArray       *languages;  /* the codes offered, in the order of the row */
  char            *language;   /* the one shown, NULL before the first */
  FieldRow        *rows;
  guint            n_rows;
  guint            save_source;
  gboolean         filling;
};

G_DEFINE_FINAL_TYPE (PsrTranslationEditor, psr_translation_editor, ADW_TYPE_WINDOW)

static void
show_error (PsrTranslationEditor *self,
            const GError         *error)
{
  g_debug ("%s", error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static char *
get_text (FieldRow *row)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  if (GTK_IS_EDITABLE (row->editor))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->editor)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (FieldRow   *row,
          const char *text)
{
  if (GTK_IS_EDITABLE (row->editor))
    gtk_editable_set_text (GTK_EDITABLE (row->editor), text != NULL ? text : "");
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor)),
                              text != NULL ? text : "", -1);
}

/* How much of the language is translated, under its name. */
static void
update_progress (PsrTranslationEditor *self)
{
  g_autofree char *subtitle = NULL;
  guint n_translated = 0;

  for (guint i = 0; i < self->n_rows; i++)
    {
      g_autofree char *text = get_text (&self->rows[i]);

      if (g_strstrip (text)[0] != '\0')
        n_translated++;
    }

  /* Translators: %u of %u are numbers of fields of a form. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u field translated",
                                           "%u of %u fields translated", self->n_rows),
                              n_translated, self->n_rows);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->language_row), subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "translation.remove-language",
                                 n_translated > 0);
}

void
psr_translation_editor_save (PsrTranslationEditor *self)
{
  g_return_if_fail (PSR_IS_TRANSLATION_EDITOR (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->language == NULL)
    return;

  for (guint i = 0; i < self->n_rows; i++)
    {
      FieldRow *row = &self->rows[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      if (!row->dirty)
        continue;

      row->dirty = FALSE;
      text = get_text (row);
      if (!psr_translation_set (self->database, self->kind, self->uuid, self->language,
                                row->field->code, text, &error))
        show_error (self, error);
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PsrTranslationEditor *self = user_data;

  self->save_source = 0;
  psr_translation_editor_save (self);
  return G_SOURCE_REMOVE;
}

static void
field_changed_cb (PsrTranslationEditor *self,
                  gpointer              sender)
{
  if (self->filling)
    return;

  for (guint i = 0; i < self->n_rows; i++)
    {
      FieldRow *row = &self->rows[i];

      if (row->editor == sender
          || (GTK_IS_TEXT_VIEW (row->editor)
              && gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor)) == sender))
        row->dirty = TRUE;
    }

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  update_progress (self);
}

static void
fill (PsrTranslationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = NULL;

  texts = psr_translation_get (self->database, self->kind, self->uuid, self->language, &error);
  if (texts == NULL)
    {
      show_error (self, error);
      return;
    }

  self->filling = TRUE;
  for (guint i = 0; i < self->n_rows; i++)
    {
      set_text (&self->rows[i], g_hash_table_lookup (texts, self->rows[i].field->code));
      self->rows[i].dirty = FALSE;
    }
  self->filling = FALSE;
  update_progress (self);
}

static void
language_selected_cb (PsrTranslationEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (self->filling || self->languages == NULL || selected >= self->languages->len)
    return;

  /* What was typed belongs to the language it was typed in. */
  psr_translation_editor_save (self);
  g_free (self->language);
  self->language = g_strdup (g_ptr_array_index (self->languages, selected));
  fill (self);
}

void
psr_translation_editor_set_language (PsrTranslationEditor *self,
                                     const char           *language)
{
  guint index;

  g_return_if_fail (PSR_IS_TRANSLATION_EDITOR (self));

  if (self->languages != NULL
      && g_ptr_array_find_with_equal_func (self->languages, language, g_str_equal, &index))
    adw_combo_row_set_selected (self->language_row, index);
}

static void
remove_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    PsrTranslationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || self->language == NULL)
    return;

  /* The removal wins over what was typed just before. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!psr_translation_remove_language (self->database, self->kind, self->uuid, self->language,
                                        &error))
    {
      show_error (self, error);
      return;
    }

  fill (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Translation removed")));
}

static void
remove_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PsrTranslationEditor *self = PSR_TRANSLATION_EDITOR (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->language == NULL)
    return;

  /* Translators: %s is the name of a language, such as "German". */
  heading = g_strdup_printf (_("Remove the Translation Into %s?"),
                             psr_language_label (self->language));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Every translated field of this language is removed. "
                                     "The original text stays as it is."));
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "remove", _("_Remove"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
build_field (PsrTranslationEditor *self,
             FieldRow             *row,
             const char           *original)
{
  g_autofree char *name = g_strconcat ("translation-", row->field->code, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_(row->field->label));
  gboolean empty = original == NULL || original[0] == '\0';

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  row->original = gtk_label_new (empty ? _("Empty in the original") : original);
  gtk_label_set_xalign (GTK_LABEL (row->original), 0);
  gtk_label_set_wrap (GTK_LABEL (row->original), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->original), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (row->original), !empty);
  gtk_widget_add_css_class (row->original, "dim-label");
  if (empty)
    gtk_widget_add_css_class (row->original, "caption");
  gtk_box_append (GTK_BOX (box), row->original);

  if (row->field->multiline)
    {
      GtkWidget *frame = gtk_frame_new (NULL);

      row->editor = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->editor), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row->editor), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (row->editor), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (row->editor), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (row->editor), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (row->editor), 8);
      gtk_widget_set_size_request (row->editor, -1, 96);
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor)), "changed",
                               G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_frame_set_child (GTK_FRAME (frame), row->editor);
      gtk_box_append (GTK_BOX (box), frame);
    }
  else
    {
      row->editor = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (row->editor), _("Not translated yet"));
      g_signal_connect_object (row->editor, "changed", G_CALLBACK (field_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), row->editor);
    }

  gtk_widget_set_name (row->editor, name);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->editor),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->original, NULL,
                                  -1);
  return box;
}

PsrTranslationEditor *
psr_translation_editor_new (PsrDatabase *db,
                            const char  *kind,
                            const char  *uuid)
{
  PsrTranslationEditor *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) originals = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_auto(GStrv) translated = NULL;
  g_autofree char *subtitle = NULL;
  const PsrTranslatableField *fields;
  const char * const *languages = psr_languages ();
  guint selected = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  self = g_object_new (PSR_TYPE_TRANSLATION_EDITOR, NULL);
  self->database = g_object_ref (db);
  self->kind = g_strdup (kind);
  self->uuid = g_strdup (uuid);

  fields = psr_translation_fields (kind, &self->n_rows);
  self->rows = g_new0 (FieldRow, self->n_rows);
  originals = psr_translation_get_originals (db, kind, uuid, &error);
  if (originals != NULL)
    self->original_language = psr_translation_get_original_language (db, kind, uuid, &error);
  if (originals == NULL || self->original_language == NULL)
    {
      show_error (self, error);
      gtk_widget_set_sensitive (GTK_WIDGET (self->fields_box), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "translation.remove-language", FALSE);
      return self;
    }

  adw_window_title_set_subtitle (self->window_title, g_hash_table_lookup (originals, "title"));
  for (guint i = 0; i < self->n_rows; i++)
    {
      self->rows[i].field = &fields[i];
      gtk_box_append (self->fields_box,
                      build_field (self, &self->rows[i],
                                   g_hash_table_lookup (originals, fields[i].code)));
    }

  /* Every language but the original one; first the one already begun. */
  translated = psr_translation_list_languages (db, kind, uuid, NULL);
  self->languages = g_ptr_array_new ();
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_equal (languages[i], self->original_language))
        continue;
      if (translated != NULL && translated[0] != NULL && g_str_equal (translated[0], languages[i]))
        selected = self->languages->len;
      g_ptr_array_add (self->languages, (gpointer) languages[i]);
      gtk_string_list_append (labels, psr_language_label (languages[i]));
    }

  /* Translators: %s is the name of a language, such as "French". */
  subtitle = g_strdup_printf (_("Translation of a text in %s"),
                              psr_language_label (self->original_language));
  gtk_window_set_title (GTK_WINDOW (self), subtitle);

  self->filling = TRUE;
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (labels));
  self->filling = FALSE;
  if (adw_combo_row_get_selected (self->language_row) != selected)
    adw_combo_row_set_selected (self->language_row, selected);
  else
    language_selected_cb (self);

  return self;
}

void
psr_translation_editor_present (GtkWidget   *parent,
                                PsrDatabase *db,
                                const char  *kind,
                                const char  *uuid)
{
  PsrTranslationEditor *self = psr_translation_editor_new (db, kind, uuid);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}

static gboolean
psr_translation_editor_close_request (GtkWindow *window)
{
  psr_translation_editor_save (PSR_TRANSLATION_EDITOR (window));

  return GTK_WINDOW_CLASS (psr_translation_editor_parent_class)->close_request (window);
}

static void
psr_translation_editor_dispose (GObject *object)
{
  PsrTranslationEditor *self = PSR_TRANSLATION_EDITOR (object);

  if (self->database != NULL)
    psr_translation_editor_save (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_TRANSLATION_EDITOR);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_translation_editor_parent_class)->dispose (object);
}

static void
psr_translation_editor_finalize (GObject *object)
{
  PsrTranslationEditor *self = PSR_TRANSLATION_EDITOR (object);

  g_free (self->kind);
  g_free (self->uuid);
  g_free (self->original_language);
  g_free (self->language);
  g_free (self->rows);
  g_clear_pointer (&self->languages, g_ptr_array_unref);

  G_OBJECT_CLASS (psr_translation_editor_parent_class)->finalize (object);
}

static void
psr_translation_editor_class_init (PsrTranslationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = psr_translation_editor_dispose;
  object_class->finalize = psr_translation_editor_finalize;
  window_class->close_request = psr_translation_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-translation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrTranslationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrTranslationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsrTranslationEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, PsrTranslationEditor, fields_box);
  gtk_widget_class_bind_template_callback (widget_class, language_selected_cb);

  gtk_widget_class_install_action (widget_class, "translation.remove-language", NULL,
                                   remove_language_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psr_translation_editor_init (PsrTranslationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
