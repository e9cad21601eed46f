/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-curriculum.h"

/* One version of a curriculum; versions of the same curriculum share a
 * lineage UUID. */
struct _PsrCurriculum
{
  PsrRecord parent_instance;

  guint     version;
  char     *status;
  char     *summary;
  char     *modality;
  double    duration_hours;
  guint     n_modules;
};

G_DEFINE_FINAL_TYPE (PsrCurriculum, psr_curriculum, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_VERSION,
  PROP_STATUS,
  PROP_SUMMARY,
  PROP_MODALITY,
  PROP_DURATION_HOURS,
  PROP_N_MODULES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psr_curriculum_load (PsrRecord    *record,
                     sqlite3_stmt *stmt)
{
  PsrCurriculum *self = PSR_CURRICULUM (record);

  self->version = sqlite3_column_int (stmt, 5);
  self->status = psr_record_column_text (stmt, 6);
  self->summary = psr_record_column_text (stmt, 7);
  self->modality = psr_record_column_text (stmt, 8);
  self->duration_hours = sqlite3_column_double (stmt, 9);
  self->n_modules = sqlite3_column_int (stmt, 10);
}

static void
psr_curriculum_finalize (GObject *object)
{
  PsrCurriculum *self = (PsrCurriculum *)object;

  g_free (self->status);
  g_free (self->summary);
  g_free (self->modality);

  G_OBJECT_CLASS (psr_curriculum_parent_class)->finalize (object);
}

static void
psr_curriculum_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PsrCurriculum *self = PSR_CURRICULUM (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_MODALITY:
      g_value_set_string (value, self->modality);
      break;

    case PROP_DURATION_HOURS:
      g_value_set_double (value, self->duration_hours);
      break;

    case PROP_N_MODULES:
      g_value_set_uint (value, self->n_modules);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_curriculum_class_init (PsrCurriculumClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_curriculum_finalize;
  object_class->get_property = psr_curriculum_get_property;

  record_class->kind = "curriculum";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, title, version, status, summary, modality,"
    " duration_hours, (SELECT count(*) FROM modules m WHERE m.curriculum_id = curricula.id)"
    " FROM curricula WHERE id = ?1";
  record_class->list_sql =
    "SELECT id FROM curricula ORDER BY title COLLATE NOCASE, version DESC";
  record_class->titles_sql =
    "SELECT uuid, title FROM curricula ORDER BY title COLLATE NOCASE, version DESC";
  record_class->load = psr_curriculum_load;

  properties[PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODALITY] =
    g_param_spec_string ("modality", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_HOURS] =
    g_param_spec_double ("duration-hours", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MODULES] =
    g_param_spec_uint ("n-modules", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_curriculum_init (PsrCurriculum *self)
{
}

guint
psr_curriculum_get_version (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->version;
}

const char *
psr_curriculum_get_status (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  return self->status;
}

const char *
psr_curriculum_get_summary (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  return self->summary;
}

const char *
psr_curriculum_get_modality (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), NULL);
  return self->modality;
}

double
psr_curriculum_get_duration_hours (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->duration_hours;
}

guint
psr_curriculum_get_n_modules (PsrCurriculum *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM (self), 0);
  return self->n_modules;
}
