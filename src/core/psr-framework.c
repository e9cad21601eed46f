/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-framework.h"

/* A competency framework: fields, competencies and observable indicators. */
struct _PsrFramework
{
  PsrRecord parent_instance;

  char     *code;
  char     *description;
  gboolean  archived;
  guint     n_competencies;
};

G_DEFINE_FINAL_TYPE (PsrFramework, psr_framework, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CODE,
  PROP_DESCRIPTION,
  PROP_ARCHIVED,
  PROP_N_COMPETENCIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psr_framework_load (PsrRecord    *record,
                    sqlite3_stmt *stmt)
{
  PsrFramework *self = PSR_FRAMEWORK (record);

  self->code = psr_record_column_text (stmt, 5);
  self->description = psr_record_column_text (stmt, 6);
  self->archived = sqlite3_column_int (stmt, 7) != 0;
  self->n_competencies = sqlite3_column_int (stmt, 8);
}

static void
psr_framework_finalize (GObject *object)
{
  PsrFramework *self = (PsrFramework *)object;

  g_free (self->code);
  g_free (self->description);

  G_OBJECT_CLASS (psr_framework_parent_class)->finalize (object);
}

static void
psr_framework_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PsrFramework *self = PSR_FRAMEWORK (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_N_COMPETENCIES:
      g_value_set_uint (value, self->n_competencies);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_framework_class_init (PsrFrameworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_framework_finalize;
  object_class->get_property = psr_framework_get_property;

  record_class->kind = "framework";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, title, code, description, archived,"
    " (SELECT count(*) FROM competencies c"
    "  WHERE c.framework_id = frameworks.id AND c.kind = 'competency')"
    " FROM frameworks WHERE id = ?1";
  record_class->list_sql = "SELECT id FROM frameworks ORDER BY title COLLATE NOCASE, id";
  record_class->titles_sql = "SELECT uuid, title FROM frameworks ORDER BY title COLLATE NOCASE, id";
  record_class->find_sql = "SELECT id FROM frameworks WHERE uuid = ?1";
  record_class->load = psr_framework_load;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_COMPETENCIES] =
    g_param_spec_uint ("n-competencies", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_framework_init (PsrFramework *self)
{
}

const char *
psr_framework_get_code (PsrFramework *self)
{
  g_return_val_if_fail (PSR_IS_FRAMEWORK (self), NULL);
  return self->code;
}

const char *
psr_framework_get_description (PsrFramework *self)
{
  g_return_val_if_fail (PSR_IS_FRAMEWORK (self), NULL);
  return self->description;
}

gboolean
psr_framework_get_archived (PsrFramework *self)
{
  g_return_val_if_fail (PSR_IS_FRAMEWORK (self), FALSE);
  return self->archived;
}

guint
psr_framework_get_n_competencies (PsrFramework *self)
{
  g_return_val_if_fail (PSR_IS_FRAMEWORK (self), 0);
  return self->n_competencies;
}
