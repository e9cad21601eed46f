/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-record.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *title;
  char   *created_at;
  char   *updated_at;
} PsrRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PsrRecord, psr_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psr_record_finalize (GObject *object)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (PSR_RECORD (object));

  g_free (priv->uuid);
  g_free (priv->title);
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (psr_record_parent_class)->finalize (object);
}

static void
psr_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (PSR_RECORD (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_record_class_init (PsrRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_record_finalize;
  object_class->get_property = psr_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_record_init (PsrRecord *self)
{
}

gint64
psr_record_get_id (PsrRecord *self)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (self);

  g_return_val_if_fail (PSR_IS_RECORD (self), 0);

  return priv->id;
}

const char *
psr_record_get_uuid (PsrRecord *self)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (self);

  g_return_val_if_fail (PSR_IS_RECORD (self), NULL);

  return priv->uuid;
}

const char *
psr_record_get_title (PsrRecord *self)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (self);

  g_return_val_if_fail (PSR_IS_RECORD (self), NULL);

  return priv->title;
}

const char *
psr_record_get_created_at (PsrRecord *self)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (self);

  g_return_val_if_fail (PSR_IS_RECORD (self), NULL);

  return priv->created_at;
}

const char *
psr_record_get_updated_at (PsrRecord *self)
{
  PsrRecordPrivate *priv = psr_record_get_instance_private (self);

  g_return_val_if_fail (PSR_IS_RECORD (self), NULL);

  return priv->updated_at;
}

char *
psr_record_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

PsrRecord *
psr_record_load (PsrDatabase  *db,
                 GType         record_type,
                 gint64        id,
                 GError      **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autoptr(PsrRecord) record = NULL;
  PsrRecordPrivate *priv;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, PSR_TYPE_RECORD), NULL);

  klass = g_type_class_ref (record_type);
  stmt = psr_database_prepare (db, PSR_RECORD_CLASS (klass)->select_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The record no longer exists."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
      sqlite3_reset (stmt);
      return NULL;
    }

  record = g_object_new (record_type, NULL);
  priv = psr_record_get_instance_private (record);
  priv->id = sqlite3_column_int64 (stmt, 0);
  priv->uuid = psr_record_column_text (stmt, 1);
  priv->created_at = psr_record_column_text (stmt, 2);
  priv->updated_at = psr_record_column_text (stmt, 3);
  priv->title = psr_record_column_text (stmt, 4);
  if (PSR_RECORD_CLASS (klass)->load != NULL)
    PSR_RECORD_CLASS (klass)->load (record, stmt);
  sqlite3_reset (stmt);

  return g_steal_pointer (&record);
}
