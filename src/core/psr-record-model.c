/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-database-private.h"
#include "psr-record-model.h"
#include "psr-record.h"

/* A list of records that holds only their ids and builds each record the
 * first time a view asks for it: a list of 100,000 trainees costs one query
 * for the ids, then one small query per row actually shown. */
struct _PsrRecordModel
{
  GObject      parent_instance;

  PsrDatabase *db;
  GType        record_type;
  GArray      *ids;
  GPtrArray   *records;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsrRecordModel, psr_record_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
psr_record_model_get_item_type (GListModel *model)
{
  return PSR_RECORD_MODEL (model)->record_type;
}

static guint
psr_record_model_get_n_items (GListModel *model)
{
  return PSR_RECORD_MODEL (model)->ids->len;
}

static gpointer
psr_record_model_get_item (GListModel *model,
                           guint       position)
{
  PsrRecordModel *self = PSR_RECORD_MODEL (model);
  g_autoptr(GError) error = NULL;
  PsrRecord *record;

  if (position >= self->ids->len)
    return NULL;

  record = g_ptr_array_index (self->records, position);
  if (record != NULL)
    return g_object_ref (record);

  record = psr_record_load (self->db, self->record_type,
                            g_array_index (self->ids, gint64, position), &error);
  if (record == NULL)
    {
      /* Deleted behind our back: the next reload drops it. */
      g_warning ("Could not load a record: %s", error->message);
      return NULL;
    }

  g_ptr_array_index (self->records, position) = record;
  return g_object_ref (record);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = psr_record_model_get_item_type;
  iface->get_n_items = psr_record_model_get_n_items;
  iface->get_item = psr_record_model_get_item;
}

static void
psr_record_model_finalize (GObject *object)
{
  PsrRecordModel *self = (PsrRecordModel *)object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (psr_record_model_parent_class)->finalize (object);
}

static void
psr_record_model_class_init (PsrRecordModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_record_model_finalize;
}

static void
unref_if_loaded (gpointer record)
{
  if (record != NULL)
    g_object_unref (record);
}

static void
psr_record_model_init (PsrRecordModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->records = g_ptr_array_new_with_free_func (unref_if_loaded);
}

PsrRecordModel *
psr_record_model_new (PsrDatabase *db,
                      GType        record_type)
{
  PsrRecordModel *self;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, PSR_TYPE_RECORD), NULL);

  self = g_object_new (PSR_TYPE_RECORD_MODEL, NULL);
  self->db = g_object_ref (db);
  self->record_type = record_type;
  return self;
}

void
psr_record_model_set_ids (PsrRecordModel *self,
                          const gint64   *ids,
                          guint           n_ids)
{
  guint removed;

  g_return_if_fail (PSR_IS_RECORD_MODEL (self));

  removed = self->ids->len;
  g_array_set_size (self->ids, 0);
  g_array_append_vals (self->ids, ids, n_ids);
  g_ptr_array_set_size (self->records, 0);
  g_ptr_array_set_size (self->records, n_ids);

  if (removed > 0 || n_ids > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n_ids);
}

gboolean
psr_record_model_reload (PsrRecordModel  *self,
                         GError         **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_RECORD_MODEL (self), FALSE);

  klass = g_type_class_ref (self->record_type);
  stmt = psr_database_prepare (self->db, PSR_RECORD_CLASS (klass)->list_sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (self->db), rc);

  psr_record_model_set_ids (self, (const gint64 *) ids->data, ids->len);
  return TRUE;
}
