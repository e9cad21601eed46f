/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-application.h"
#include "psr-printing.h"
#include "psr-window.h"

/* Printing and saving the documents Passerelle lays out itself, the same
 * way for each: A4, their own margins, PDF written off the main loop. */

typedef struct
{
  gpointer        document;
  GDestroyNotify  free_func;
  PsrPaginateFunc paginate;
  PsrDrawPageFunc draw_page;
  PsrWritePdfFunc write_pdf;
  char           *done;
  GtkWidget      *widget;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->free_func != NULL)
    job->free_func (job->document);
  g_clear_object (&job->widget);
  g_free (job->done);
  g_free (job);
}

static Job *
job_new (GtkWidget      *widget,
         gpointer        document,
         GDestroyNotify  free_func)
{
  Job *job = g_new0 (Job, 1);

  job->widget = g_object_ref (widget);
  job->document = document;
  job->free_func = free_func;
  return job;
}

const PsrDocumentInfo *
psr_printing_get_document_info (GtkWidget *widget)
{
  static char *organisation, *referent, *contact;
  static PsrDocumentInfo info;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (gtk_widget_get_root (widget)));
  GSettings *settings = psr_application_get_settings (PSR_APPLICATION (app));

  g_free (organisation);
  g_free (referent);
  g_free (contact);
  organisation = g_settings_get_string (settings, "organisation-name");
  referent = g_settings_get_string (settings, "disability-referent-name");
  contact = g_settings_get_string (settings, "disability-referent-contact");
  info = (PsrDocumentInfo) { organisation, referent, contact };
  return &info;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Job               *job)
{
  guint pages = job->paginate (job->document, gtk_print_context_get_cairo_context (context),
                               gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Job               *job)
{
  job->draw_page (job->document, gtk_print_context_get_cairo_context (context),
                  gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                  page);
}

void
psr_print_document (GtkWidget       *widget,
                    const char      *job_name,
                    gboolean         landscape,
                    gpointer         document,
                    GDestroyNotify   free_func,
                    PsrPaginateFunc  paginate,
                    PsrDrawPageFunc  draw_page)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  Job *job = job_new (widget, document, free_func);

  job->paginate = paginate;
  job->draw_page = draw_page;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                   : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The documents lay out their own margins. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "job", job, job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    psr_show_error (widget, error);
}

/* Laying out and writing may take a moment: off the main loop. The
 * document is the thread's alone from then on. */
static void
write_pdf_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;

  if (job->write_pdf (job->document, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    psr_show_error (job->widget, error);
  else
    psr_toast (job->widget, job->done);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  Job             *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      job_free (job);
      gtk_native_dialog_destroy (chooser);
      return;
    }

  task = g_task_new (NULL, NULL, pdf_written_cb, NULL);
  g_task_set_task_data (task, job, job_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_file_get_path (file), g_free);
  g_task_run_in_thread (task, write_pdf_thread);
  gtk_native_dialog_destroy (chooser);
}

void
psr_save_pdf (GtkWidget       *widget,
              const char      *title,
              const char      *file_name,
              const char      *done,
              gpointer         document,
              GDestroyNotify   free_func,
              PsrWritePdfFunc  write_pdf)
{
  Job *job = job_new (widget, document, free_func);
  g_autofree char *name = g_strdup (file_name);
  GtkFileChooserNative *chooser;

  job->write_pdf = write_pdf;
  job->done = g_strdup (done);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* A title may hold what a file name may not. */
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
